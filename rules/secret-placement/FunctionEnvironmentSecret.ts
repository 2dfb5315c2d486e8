import { STANDARDS } from '../engine/standards';
import type { Observation, TemplateRule } from '../engine/types';
import { LAMBDA_FUNCTION, SAM_FUNCTION, SEC } from './places';
import { judgeEnvironment, mapEntries } from './placement';

const CONSEQUENCE =
  'Lambda keeps environment variables as plaintext configuration that anyone allowed lambda:GetFunctionConfiguration can read, and a rotated secret goes stale there until the next deployment.';

/** Secret material in the environment variables of Lambda and SAM functions, and of SAM's Globals.Function. */
const FunctionEnvironmentSecret: TemplateRule = {
  id: SEC.functionEnvironment,
  name: 'FunctionEnvironmentSecret',
  category: 'secret-placement',
  scope: 'template',
  summary:
    'No environment variable of an AWS::Lambda::Function, an AWS::Serverless::Function or SAM Globals.Function carries secret material (a secret attribute, a secret-bearing parameter, a resolved secret (or a String SSM parameter whose name says it holds one: {{resolve:ssm:TWILIO_AUTH_TOKEN}}), a token-shaped literal, a password in a URL\'s userinfo).',
  rationale:
    'Environment variables are configuration, not a secret store: they are returned in plaintext by GetFunctionConfiguration, copied into every version, and cannot be rotated without redeploying, so a client secret or refresh token placed there is readable far beyond the function and outlives its rotation.',
  fix: {
    cdk: 'pass the secret\'s ARN or name (environment: { TOKEN_SECRET_ARN: secret.secretArn }), grant secret.grantRead(fn), and read it at runtime with the Secrets Manager SDK or the Parameters and Secrets Lambda extension',
    cloudFormation: 'put the secret\'s ARN or name in the variable (TOKEN_SECRET_ARN: !Ref TokenSecret), allow secretsmanager:GetSecretValue on it, and read the value at runtime',
  },
  standards: [STANDARDS.nhi2SecretLeakage, STANDARDS.nistIa5_7, STANDARDS.nistIa5g],
  defaultSeverity: 'error',
  levels: 'ERROR; a value that cannot be traced (an import named like a secret, an unknown intrinsic) is reported as cannot tell',
  check: (ctx) => {
    const out: Observation[] = [];
    for (const fn of ctx.template.resourcesOfType(LAMBDA_FUNCTION, SAM_FUNCTION)) {
      out.push(
        ...judgeEnvironment(ctx, mapEntries(ctx, fn.properties, ['Properties'], ['Environment', 'Variables'], fn.when), {
          what: `the environment variables of ${fn.logicalId}`,
          where: (_e, path) => `${path} of ${fn.logicalId}`,
          consequence: CONSEQUENCE,
          subject: { section: 'Resources', logicalId: fn.logicalId },
        }),
      );
    }
    const globals = ctx.template.globals;
    if (globals !== undefined) {
      out.push(
        ...judgeEnvironment(ctx, mapEntries(ctx, globals, ['Globals'], ['Function', 'Environment', 'Variables'], []), {
          what: 'the environment variables of every function (Globals)',
          where: (_e, path) => `${path} of every function`,
          consequence: CONSEQUENCE,
          subject: { section: 'Globals', logicalId: 'Function' },
        }),
      );
    }
    return out;
  },
};

export default FunctionEnvironmentSecret;
