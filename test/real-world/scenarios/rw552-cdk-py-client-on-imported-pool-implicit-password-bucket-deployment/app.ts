/**
 * Written after BielosX/AWS-developer (cdk/cognito_user_pool: app.py with cognito_user_pool_stack.py,
 * api_gateway/api_gateway_stack.py, web_bucket/web_bucket_stack.py and web_deployment/web_deployment_stack.py), a
 * Python CDK v1 app rewritten in TypeScript for aws-cdk-lib: a pool stack (self sign-up, a custom attribute, a Cognito
 * domain), a bucket stack, an API stack (a COGNITO_USER_POOLS authorizer on /hello, /login proxying the domain's base
 * URL, /web/{file} reading the bucket) and a web-deployment stack that adds the app client to the other stack's pool
 * (USER_PASSWORD flow, implicit grant only, the callback `<api url>/web/token.html`), writes {"clientId": …} to a
 * client_id.json and deploys it with the page into the bucket. The web-deployment stack is audited. The page sources
 * and the hello function's asset are replaced by inline data. Names are ours.
 */
import { Stack, StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const env = { account: '111122223333', region: 'eu-west-1' };
  const poolStack = new Stack(app, 'CognitoUserPoolStack', { env });
  const userPool = new cognito.UserPool(poolStack, 'DemoUserPool', {
    userPoolName: 'demo-user-pool',
    selfSignUpEnabled: true,
    enableSmsRole: false,
    passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireSymbols: false, requireUppercase: false },
    standardAttributes: { address: { required: false, mutable: true }, nickname: { required: false, mutable: true } },
    customAttributes: { favorite_fruit: new cognito.StringAttribute({ minLen: 1, maxLen: 30, mutable: true }) },
    signInAliases: { username: true, email: true },
    autoVerify: { email: true },
  });
  const domain = new cognito.UserPoolDomain(poolStack, 'DemoUserPoolDomain', { userPool, cognitoDomain: { domainPrefix: `demo-user-pool-${env.account}-${env.region}` } });

  const helloStack = new Stack(app, 'HelloLambdaStack', { env });
  const hello = new lambda.Function(helloStack, 'api-gateway-demo-lambda', {
    handler: 'handle.handle',
    runtime: lambda.Runtime.PYTHON_3_12,
    code: lambda.Code.fromInline('def handle(event, context):\n    return {"statusCode": 200, "body": "hello"}\n'),
  });
  hello.grantInvoke(new iam.ServicePrincipal('apigateway.amazonaws.com'));

  const bucketStack = new Stack(app, 'WebBucketStack', { env });
  const webBucket = new s3.Bucket(bucketStack, 'WebBucket');

  const apiStack = new Stack(app, 'ApiGatewayStack', { env } as StackProps);
  const api = new apigateway.RestApi(apiStack, 'demo-api');
  const auth = new apigateway.CognitoUserPoolsAuthorizer(apiStack, 'helloAuthorizer', { cognitoUserPools: [userPool] });
  api.root.addResource('hello').addMethod('GET', new apigateway.LambdaIntegration(hello), { authorizer: auth, authorizationType: apigateway.AuthorizationType.COGNITO });
  api.root.addResource('login').addMethod('GET', new apigateway.HttpIntegration(domain.baseUrl()));
  const s3Role = new iam.Role(apiStack, 'S3AccessRole', {
    assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3ReadOnlyAccess')],
  });
  api.root.addResource('web').addResource('{file}').addMethod('GET', new apigateway.AwsIntegration({
    service: 's3',
    integrationHttpMethod: 'GET',
    path: `${webBucket.bucketName}/{item}`,
    options: {
      credentialsRole: s3Role,
      integrationResponses: [{ statusCode: '200', responseParameters: { 'method.response.header.Content-Type': 'integration.response.header.Content-Type' } }],
      requestParameters: { 'integration.request.path.item': 'method.request.path.file', 'integration.request.header.Content-Type': 'method.request.header.Content-Type' },
    },
  }), {
    requestParameters: { 'method.request.path.file': true, 'method.request.header.Content-Type': false },
    methodResponses: [{ statusCode: '200', responseParameters: { 'method.response.header.Content-Type': true } }],
  });

  const web = new Stack(app, 'WebDeploymentStack', { env });
  const client = new cognito.UserPoolClient(web, 'UserPoolClient', {
    userPool,
    authFlows: { userPassword: true },
    oAuth: { flows: { implicitCodeGrant: true }, callbackUrls: [`${api.url}/web/token.html`] },
  });
  new s3deploy.BucketDeployment(web, 'WebDeployment', {
    destinationBucket: webBucket,
    sources: [
      s3deploy.Source.jsonData('client_id.json', { clientId: client.userPoolClientId }),
      s3deploy.Source.data('token.html', '<html><body><script src="token.js"></script></body></html>'),
    ],
  });
  return templateOf(app, web);
}
