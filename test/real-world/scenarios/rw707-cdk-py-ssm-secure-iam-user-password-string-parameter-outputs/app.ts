/**
 * Written after aachellis/aws-cdk-course-materials (parameter_store/parameter_store/parameter_store_stack.py, a CDK
 * course's Parameter Store lesson in Python, rewritten in TypeScript): `StringParameter.valueForStringParameter`
 * (a deploy-time SSM-typed template parameter) and `valueFromLookup` (a synth-time context lookup, here the dummy
 * value CDK writes before the lookup is answered) of the same plain `string-parameter`, each put in an output, and an
 * IAM user whose console password is `SecretValue.ssmSecure('secure-parameter', '1')`: an ssm-secure dynamic reference
 * in the LoginProfile. (The source's output of the secure value is commented out, and left out here.) Construct ids are
 * the source's.
 */
import { CfnOutput, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class ParameterStoreStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const stringParam = ssm.StringParameter.valueForStringParameter(this, 'string-parameter');
    const stringParamLookup = ssm.StringParameter.valueFromLookup(this, 'string-parameter');
    const secureStringParam = SecretValue.ssmSecure('secure-parameter', '1');
    new iam.User(this, 'user', { password: secureStringParam });
    new CfnOutput(this, 'deployment-parameter', { value: stringParam });
    new CfnOutput(this, 'synthesis-parameter', { value: stringParamLookup });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new ParameterStoreStack(app, 'ParameterStoreStack', { env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
