/**
 * Lambda entry point of the grant's revocation. Invoking it (IAM `lambda:InvokeFunction`, granted to the roles
 * `TokenBroker` names as revokers) is the revocation: the payload is ignored, and the answer is the report
 * (`RevocationReport`: what was revoked, what is stored, the residual exposure; never token material). A failure is
 * an error named `RevocationFailed` with a fixed message; the revocation is safe to run again.
 *
 * Configuration (environment): VAULT_SECRET_ARN, CLIENT_ID, GRANT_NAME, ACCESS_TOKEN_VALIDITY_SECONDS, and for the
 * optional global sign-out of a dedicated service user SIGN_OUT_USER_POOL_ID and SIGN_OUT_USERNAME.
 */
import { awsClients, type InvocationContext } from './broker.handler';
import { envNumber, envString, lambdaRuntime } from './runtime';
import { Revocation, RevocationError, type RevocationConfig, type RevocationOptions, type RevocationReport } from './revocation';
import { describeError, METRICS } from './telemetry';

const SAFETY_MS = 1500;

export function revocationFromEnv(env: NodeJS.ProcessEnv): { cfg: RevocationConfig; options: RevocationOptions } {
  const userPoolId = env.SIGN_OUT_USER_POOL_ID;
  const username = env.SIGN_OUT_USERNAME;
  if (Boolean(userPoolId) !== Boolean(username)) throw new Error('environment variables SIGN_OUT_USER_POOL_ID and SIGN_OUT_USERNAME go together');
  const validity = env.ACCESS_TOKEN_VALIDITY_SECONDS ? envNumber(env, 'ACCESS_TOKEN_VALIDITY_SECONDS', 0, 300, 86_400) : undefined;
  return {
    cfg: { secretId: envString(env, 'VAULT_SECRET_ARN'), clientId: envString(env, 'CLIENT_ID'), grantName: env.GRANT_NAME || 'grant' },
    options: {
      ...(validity !== undefined ? { accessTokenValiditySeconds: validity } : {}),
      ...(userPoolId && username ? { signOut: { userPoolId, username } } : {}),
    },
  };
}

/** A handler running one revocation per invocation; unforeseen errors are reported by type only and replaced. */
export function revocationHandler(make: () => Revocation): (event: unknown, context?: InvocationContext) => Promise<RevocationReport> {
  return async (_event, context) => {
    const remaining = context?.getRemainingTimeInMillis?.();
    const revocation = make();
    try {
      return await revocation.run(remaining === undefined ? undefined : remaining - SAFETY_MS);
    } catch (e) {
      if (e instanceof RevocationError) throw e;
      revocation.tel.error('unexpected-error', 'the revocation failed unexpectedly; run it again', describeError(e));
      revocation.tel.metric(METRICS.revocationFailure, 1, { reason: 'unexpected-error' });
      throw new RevocationError(`${describeError(e).errorName}: unexpected error (run the revocation again)`);
    }
  };
}

let instance: ((event: unknown, context?: InvocationContext) => Promise<RevocationReport>) | undefined;

export async function handler(event: unknown, context?: InvocationContext): Promise<RevocationReport> {
  if (!instance) {
    const { cfg, options } = revocationFromEnv(process.env);
    const rt = lambdaRuntime(awsClients());
    instance = revocationHandler(() => new Revocation(rt, cfg, options));
  }
  return instance(event, context);
}
