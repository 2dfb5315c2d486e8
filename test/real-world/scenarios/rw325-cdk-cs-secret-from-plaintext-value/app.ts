/**
 * Written after PatrickDinh/aws-cdk-csharp (Infrastructure/SecretsStack.cs, Infrastructure/LambdaStack.cs and
 * Infrastructure/Program.cs), a C# CDK app rewritten in TypeScript: a secrets stack whose secret is created from a
 * plain-text value (`new SecretValue("Do not tell anyone")`, which CDK writes into SecretString), and a Lambda stack
 * (rw326) whose .NET function gets the secret's full ARN through a cross-stack reference and is granted read access.
 * This scenario is the secrets stack. The function's code is an S3 object here.
 */
import { App, Duration, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class SecretsStack extends Stack {
  readonly topSecret: secretsmanager.Secret;
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.topSecret = new secretsmanager.Secret(this, `${id}-TopSecret`, { secretStringValue: new SecretValue('Do not tell anyone') });
  }
}

class LambdaStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { topSecret: secretsmanager.Secret }) {
    super(scope, id, props);
    const fn = new lambda.Function(this, 'AwsCdkLambda', {
      handler: 'Lambda::Lambda.Function::FunctionHandler',
      code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(this, 'Artifacts', 'aws-cdk-csharp-artifacts'), 'Lambda.zip'),
      runtime: lambda.Runtime.DOTNET_8,
      timeout: Duration.seconds(30),
      environment: { TOP_SECRET_ARN: props.topSecret.secretFullArn! },
    });
    props.topSecret.grantRead(fn);
  }
}

export function build(): { app: App; secrets: Stack; lambdas: Stack } {
  const app = newApp();
  const secrets = new SecretsStack(app, 'AwsCdkCSharp-Secrets-Stack-Step-3');
  const lambdas = new LambdaStack(app, 'AwsCdkCSharp-Lambda-Stack-Step-3', { topSecret: secrets.topSecret });
  return { app, secrets, lambdas };
}

export function synth(): Record<string, unknown> {
  const { app, secrets } = build();
  return templateOf(app, secrets);
}
