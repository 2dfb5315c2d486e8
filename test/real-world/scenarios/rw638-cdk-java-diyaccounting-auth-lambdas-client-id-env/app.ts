/**
 * Written after antonycc/submit.diyaccounting.co.uk (infra/main/java/co/uk/diyaccounting/submit/stacks/AuthStack.java
 * with constructs/ApiLambda.java), the Java CDK auth stack of DIY Accounting's "submit" product, rewritten in
 * TypeScript: two container-image functions (an auth-URL builder and the Cognito token exchange) whose environments
 * hold the site's base URL, the Cognito base URI and the app client id, each with a log group, and outputs of their
 * ARNs. The optional TEST_ACCESS_TOKEN variable is only set for local/dev runs and is absent here, as in a CI or
 * production deployment. Images, names and URLs are ours; construct ids follow the source's function names.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { newApp, templateOf } from '../../app-helpers';

const shared = {
  envBaseUrl: 'https://ci.submit.diyaccounting.example.co.uk/',
  cognitoBaseUri: 'https://ci-auth.submit.diyaccounting.example.co.uk',
  ecrRepositoryArn: 'arn:aws:ecr:eu-west-2:111122223333:repository/ci-submit-ecr',
  ecrRepositoryName: 'ci-submit-ecr',
};

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'ci-env-AuthStack', { env: { account: '111122223333', region: 'eu-west-2' } });
  const repo = ecr.Repository.fromRepositoryAttributes(stack, 'EcrRepo', { repositoryArn: shared.ecrRepositoryArn, repositoryName: shared.ecrRepositoryName });
  const cognitoClientId = '4k2v9qj7m1s8d3f6h0p5t2w7ya';
  const fns = [
    { name: 'ci-submit-cognito-auth-url-get', handler: 'app/functions/auth/cognitoAuthUrlGet.ingestHandler', env: { DIY_SUBMIT_BASE_URL: shared.envBaseUrl, COGNITO_CLIENT_ID: cognitoClientId, COGNITO_BASE_URI: shared.cognitoBaseUri } },
    { name: 'ci-submit-cognito-token-post', handler: 'app/functions/auth/cognitoTokenPost.ingestHandler', env: { DIY_SUBMIT_BASE_URL: shared.envBaseUrl, COGNITO_BASE_URI: shared.cognitoBaseUri, COGNITO_CLIENT_ID: cognitoClientId } },
  ].map((f) => {
    const logGroup = new logs.LogGroup(stack, `${f.name}-LogGroup`, { logGroupName: `/aws/lambda/${f.name}`, retention: logs.RetentionDays.THREE_DAYS, removalPolicy: RemovalPolicy.DESTROY });
    return new lambda.DockerImageFunction(stack, `${f.name}-fn`, {
      functionName: f.name,
      code: lambda.DockerImageCode.fromEcr(repo, { tagOrDigest: 'latest', cmd: [f.handler] }),
      environment: f.env,
      timeout: Duration.millis(30000),
      logGroup,
    });
  });
  new CfnOutput(stack, 'AuthUrlCognitoLambdaArn', { value: fns[0].functionArn });
  new CfnOutput(stack, 'ExchangeCognitoTokenLambdaArn', { value: fns[1].functionArn });
  return templateOf(app, stack);
}
