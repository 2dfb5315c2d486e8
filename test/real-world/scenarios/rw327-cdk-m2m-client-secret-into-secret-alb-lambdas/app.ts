/**
 * Written after smislam/cognito-client-credentials (lib/cognito-client-credentials-stack.ts): a system-to-system pool
 * with a resource server and a hosted domain, a client-credentials client with a secret (preventUserExistenceErrors
 * and enableTokenRevocation set, authFlows not given), the client's secret copied into a Secrets Manager secret with
 * `secretStringValue: userPoolClient.userPoolClientSecret`, an API function (function URL without auth) given the pool
 * id, client id and scope, a client function given the domain, client id, the secret's full ARN as CLIENT_SECRET_NAME,
 * the scope and the API URL, both in a VPC with one-day log retention and behind an internet-facing ALB listener on
 * port 80, and outputs of the token and ALB URLs. NodejsFunction is replaced by inline functions; the three outputs
 * get distinct export names here (the original repeats one).
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CognitoClientCredentialsStack');
  const identifier = 'rest-api';
  const scopeName = 'read:api';
  const vpc = new ec2.Vpc(stack, 'app-vpc', {});
  const userPool = new cognito.UserPool(stack, 'user-pool', { userPoolName: 'SystemToSystemPool', selfSignUpEnabled: false, removalPolicy: RemovalPolicy.DESTROY });
  const invokeScope = new cognito.ResourceServerScope({ scopeName, scopeDescription: 'Call protected with Read Scope' });
  const resourceServer = userPool.addResourceServer('resource-server', { identifier, scopes: [invokeScope] });
  resourceServer.applyRemovalPolicy(RemovalPolicy.DESTROY);
  const client = userPool.addClient('my-client', {
    generateSecret: true,
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(resourceServer, invokeScope)] },
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
  });
  client.applyRemovalPolicy(RemovalPolicy.DESTROY);
  const clientSecret = new secretsmanager.Secret(stack, 'client-secret', { secretName: 'client-secret', secretStringValue: client.userPoolClientSecret, removalPolicy: RemovalPolicy.DESTROY });
  const domain = new cognito.UserPoolDomain(stack, 'user-pool-domain', { userPool, cognitoDomain: { domainPrefix: 'my-auth-724' } });
  domain.applyRemovalPolicy(RemovalPolicy.DESTROY);
  const fn = (id: string, environment: Record<string, string>) => {
    const f = new lambda.Function(stack, id, {
      vpc,
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_20_X,
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
      tracing: lambda.Tracing.ACTIVE,
      environment,
      timeout: Duration.seconds(5),
    });
    // What the deprecated `logRetention` prop renders (the same Custom::LogRetention), without its warning.
    new logs.LogRetention(stack, `${id}LogRetention`, { logGroupName: `/aws/lambda/${f.functionName}`, retention: logs.RetentionDays.ONE_DAY });
    return f;
  };
  const apiLambda = fn('my-api', { USER_POOL_ID: userPool.userPoolId, CLIENT_ID: client.userPoolClientId, SCOPE: `${identifier}/${scopeName}` });
  const apiUrl = apiLambda.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  const clientLambda = fn('client-api', {
    DOMAIN_NAME: domain.domainName,
    CLIENT_ID: client.userPoolClientId,
    CLIENT_SECRET_NAME: clientSecret.secretFullArn!,
    SCOPE: `${identifier}/${scopeName}`,
    API_URL: apiUrl.url,
  });
  clientSecret.grantRead(clientLambda);
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'alb', { vpc, internetFacing: true });
  const listener = alb.addListener('listener', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'application/json', messageBody: 'Not found' }) });
  listener.addTargets('api-lambda-target', { priority: 1, conditions: [elbv2.ListenerCondition.pathPatterns(['/api'])], targets: [new targets.LambdaTarget(apiLambda)] });
  listener.addTargets('client-target', { priority: 2, conditions: [elbv2.ListenerCondition.pathPatterns(['/client'])], targets: [new targets.LambdaTarget(clientLambda)] });
  new CfnOutput(stack, 'auth-url', { value: `https://${domain.domainName}.auth.${Aws.REGION}.amazoncognito.com/oauth2/token`, exportName: 'authUrl' });
  new CfnOutput(stack, 'api-url', { value: `http://${alb.loadBalancerDnsName}/api`, exportName: 'apiUrl' });
  new CfnOutput(stack, 'client-url', { value: `http://${alb.loadBalancerDnsName}/client`, exportName: 'clientUrl' });
  return templateOf(app, stack);
}
