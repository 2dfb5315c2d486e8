/**
 * Written after awslabs/aws-solutions-constructs (source/patterns/@aws-solutions-constructs/aws-lambda-ssmstringparameter/
 * lib/index.ts, with its README's example): LambdaToSsmstringparameter with stringParameterProps { stringValue:
 * 'test-string-value' } builds a String parameter, a function that gets the parameter's name in
 * SSM_STRING_PARAMETER_NAME, and read access (write access when asked; here granted, as the README's variant does).
 * Reproduced with aws-cdk-lib resources as the library emits them (no new dependency). Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'TestLambdaSsmStringParameter', { env: { account: '111122223333', region: 'us-east-1' } });
  const fn = new lambda.Function(stack, 'test-lambda-ssmstringparameterLambdaFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: { AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' },
    tracing: lambda.Tracing.ACTIVE,
  });
  const parameter = new ssm.StringParameter(stack, 'test-lambda-ssmstringparameterstringParameter', { stringValue: 'test-string-value' });
  parameter.grantRead(fn);
  parameter.grantWrite(fn);
  fn.addEnvironment('SSM_STRING_PARAMETER_NAME', parameter.parameterName);
  return templateOf(app, stack);
}
