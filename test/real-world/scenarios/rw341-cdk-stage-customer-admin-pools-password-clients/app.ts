/**
 * Written after nbthales/CognitoCDKCX (lib/stacks/cognitoApp-stack.ts and lib/pipeline/cognito-stage.ts), a CDK v1
 * app rewritten against aws-cdk-lib 2 and audited from its Stage's own cloud assembly: a CDK Pipelines stage holding
 * one stack with a REST API (JSON access logs), customer and admin user pools (hosted domains named from the branch,
 * post-confirmation and pre-authentication triggers on the customer pool), resource servers, three clients with the
 * password flow, 60-minute access tokens and 7-day refresh tokens whose oAuth gives scopes but no flows (so the L2's
 * default code and implicit grants apply; the customer clients also ask for the admin scope), and Cognito authorizers
 * with scopes on the product methods. NodejsFunction is replaced by inline functions.
 */
import { Duration, RemovalPolicy, Stack, StackProps, Stage, StageProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { newApp } from '../../app-helpers';

class CognitoAppStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { branch: string }) {
    super(scope, id, props);
    const logGroup = new logs.LogGroup(this, 'CognitoApiLogs');
    const api = new apigw.RestApi(this, 'cognito-api', {
      restApiName: 'Cognito Test Service',
      deployOptions: {
        accessLogDestination: new apigw.LogGroupLogDestination(logGroup),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields({ caller: true, httpMethod: true, ip: true, protocol: true, requestTime: true, resourcePath: true, responseLength: true, status: true, user: true }),
      },
    });
    const fn = (id: string) => new lambda.Function(this, id, {
      functionName: id,
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
      tracing: lambda.Tracing.ACTIVE,
      memorySize: 128,
      timeout: Duration.seconds(30),
    });
    const poolProps = (name: string): cognito.UserPoolProps => ({
      userPoolName: name,
      removalPolicy: RemovalPolicy.DESTROY,
      selfSignUpEnabled: true,
      autoVerify: { email: true, phone: false },
      userVerification: { emailSubject: 'Verique seu e-mail', emailBody: 'Obrigado por se registrar. Seu código de verificação é {####}', emailStyle: cognito.VerificationEmailStyle.CODE },
      signInAliases: { username: false, email: true },
      standardAttributes: { fullname: { required: true, mutable: false } },
      passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    });
    const customerPool = new cognito.UserPool(this, 'CustomerPool', { ...poolProps('CustomerPool'), lambdaTriggers: { postConfirmation: fn('PostConfirmationFunction'), preAuthentication: fn('PreAuthenticationFunction') } });
    customerPool.addDomain('CustomerDomain', { cognitoDomain: { domainPrefix: `${props.branch}-pcs-customer-service` } });
    const adminPool = new cognito.UserPool(this, 'AdminPool', poolProps('AdminPool'));
    adminPool.addDomain('AdminDomain', { cognitoDomain: { domainPrefix: `${props.branch}-pcs-admin-service` } });
    const customerWeb = new cognito.ResourceServerScope({ scopeName: 'web', scopeDescription: 'Customer web operation' });
    const customerMobile = new cognito.ResourceServerScope({ scopeName: 'mobile', scopeDescription: 'Customer mobile operation' });
    const adminWeb = new cognito.ResourceServerScope({ scopeName: 'web', scopeDescription: 'Admin web operation' });
    const customerServer = customerPool.addResourceServer('CustomerResourceServer', { identifier: 'customer', userPoolResourceServerName: 'CustomerResourceServer', scopes: [customerWeb, customerMobile] });
    const adminServer = customerPool.addResourceServer('AdminResourceServer', { identifier: 'admin', userPoolResourceServerName: 'AdminResourceServer', scopes: [adminWeb] });
    const client = (pool: cognito.UserPool, id: string, name: string, scopes: cognito.OAuthScope[]) => pool.addClient(id, {
      userPoolClientName: name,
      authFlows: { userPassword: true },
      accessTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.days(7),
      oAuth: { scopes },
    });
    client(customerPool, 'customer-web-client', 'customerWebClient', [cognito.OAuthScope.resourceServer(customerServer, customerWeb), cognito.OAuthScope.COGNITO_ADMIN]);
    client(customerPool, 'customer-mobile-client', 'customerMobileClient', [cognito.OAuthScope.resourceServer(customerServer, customerMobile), cognito.OAuthScope.COGNITO_ADMIN]);
    client(adminPool, 'admin-web-client', 'adminWebClient', [cognito.OAuthScope.resourceServer(adminServer, adminWeb)]);
    const productsAuthorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'ProductsAuthorizer', { cognitoUserPools: [customerPool, adminPool], authorizerName: 'ProductsAuthorizer' });
    const adminAuthorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'ProductsAdminAuthorizer', { cognitoUserPools: [adminPool], authorizerName: 'ProductsAdminAuthorizer' });
    const fetch = new apigw.LambdaIntegration(fn('ProductsFetchFunction'));
    const admin = new apigw.LambdaIntegration(fn('ProductsAdminFunction'));
    const products = api.root.addResource('products');
    products.addMethod('GET', fetch, { authorizer: productsAuthorizer, authorizationType: apigw.AuthorizationType.COGNITO, authorizationScopes: ['customer/web', 'customer/mobile', 'admin/web'] });
    products.addMethod('POST', admin, { authorizer: adminAuthorizer, authorizationType: apigw.AuthorizationType.COGNITO, authorizationScopes: ['admin/web'] });
    products.addResource('{id}').addMethod('GET', fetch, { authorizer: productsAuthorizer, authorizationType: apigw.AuthorizationType.COGNITO, authorizationScopes: ['customer/web', 'admin/web'] });
  }
}

class CognitoStage extends Stage {
  readonly app: CognitoAppStack;
  constructor(scope: Construct, id: string, props: StageProps & { branch: string }) {
    super(scope, id, props);
    this.app = new CognitoAppStack(this, 'CognitoApp', { branch: props.branch, tags: { cost: 'Cognito', team: 'SiecolaCode' } });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stage = new CognitoStage(app, 'Dev', { branch: 'dev', env: { account: '111122223333', region: 'sa-east-1' } });
  app.synth();
  return stage.synth().getStackByName(stage.app.stackName).template as Record<string, unknown>;
}
