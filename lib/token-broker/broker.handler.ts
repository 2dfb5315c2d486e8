/**
 * Lambda entry point of the token broker. Consumers invoke it (IAM `lambda:InvokeFunction`, nothing else) with any
 * payload and get `{ accessToken, tokenType, expiresAt, expiresIn }`; failures are thrown as errors named
 * `GrantUnavailable` (do not retry: an operator must act), `BrokerUnavailable` (retry shortly) or
 * `BrokerMisconfigured`.
 *
 * Configuration (environment): VAULT_SECRET_ARN, CLIENT_ID, GRANT_NAME, GRACE_SECONDS, MIN_VALIDITY_SECONDS,
 * MAX_VERSIONS_PER_DAY.
 * Nothing is read or created until the first invocation, so that module initialisation stays cheap.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Broker, type ServedToken } from './broker';
import { BrokerMisconfiguredError, BrokerUnavailableError, GrantUnavailableError } from './errors';
import { DEFAULT_MAX_VERSIONS_PER_DAY, envNumber, envString, type GrantConfig, lambdaRuntime, type Runtime } from './runtime';
import { describeError, METRICS } from './telemetry';

/** The part of the Lambda context the broker uses. */
export interface InvocationContext {
  getRemainingTimeInMillis?(): number;
}

/** Time kept back from the Lambda timeout, so that the function answers rather than being cut off. */
const SAFETY_MS = 1500;

export function configFromEnv(env: NodeJS.ProcessEnv): GrantConfig {
  return {
    secretId: envString(env, 'VAULT_SECRET_ARN'),
    clientId: envString(env, 'CLIENT_ID'),
    grantName: env.GRANT_NAME || 'grant',
    graceSeconds: envNumber(env, 'GRACE_SECONDS', 60, 0, 60),
    minValiditySeconds: envNumber(env, 'MIN_VALIDITY_SECONDS', 120, 0, 3600),
    maxVersionsPerDay: envNumber(env, 'MAX_VERSIONS_PER_DAY', DEFAULT_MAX_VERSIONS_PER_DAY, 10, 10_000),
  };
}

/** SDK clients as the functions use them: no SDK-level retries (the broker retries itself), bounded timeouts. */
export function awsClients(): Pick<Runtime, 'secrets' | 'cognito'> {
  const config = { maxAttempts: 1, requestHandler: { requestTimeout: 3000, connectionTimeout: 1000, throwOnRequestTimeout: true } };
  return { secrets: new SecretsManagerClient(config), cognito: new CognitoIdentityProviderClient(config) };
}

/**
 * A handler around one Broker: the broker's own errors pass through (their messages are fixed texts); anything else
 * is reported by type only and replaced, so that no service message or stack reaches the caller or the logs.
 */
export function brokerHandler(broker: Broker): (event: unknown, context?: InvocationContext) => Promise<ServedToken> {
  return async (_event, context) => {
    const remaining = context?.getRemainingTimeInMillis?.();
    try {
      return await broker.getAccessToken(remaining === undefined ? undefined : remaining - SAFETY_MS);
    } catch (e) {
      if (e instanceof GrantUnavailableError || e instanceof BrokerUnavailableError || e instanceof BrokerMisconfiguredError) throw e;
      broker.tel.error('unexpected-error', 'the broker failed unexpectedly', describeError(e));
      broker.tel.metric(METRICS.brokerFailure, 1, { reason: 'unexpected-error' });
      throw new BrokerUnavailableError('unexpected error');
    }
  };
}

let instance: ((event: unknown, context?: InvocationContext) => Promise<ServedToken>) | undefined;

export async function handler(event: unknown, context?: InvocationContext): Promise<ServedToken> {
  instance ??= brokerHandler(new Broker(lambdaRuntime(awsClients()), configFromEnv(process.env)));
  return instance(event, context);
}
