/**
 * Written after a CDK Stage found by code search (the index does not name its repository; an `AppStage extends Stage`
 * whose AuthStack, stackName 'staging-auth', owns a user-pool construct and whose ApiStack, 'staging-api', takes the
 * pool and depends on the auth stack): here the auth stack's client (SRP, code grant, 15-minute tokens, 7-day refresh,
 * rotation on, existence errors on) is also used by the API stack's authorizer function through its client id, so CDK
 * exports the pool id and client id from staging-auth and imports them in staging-api. The API stack's template is
 * audited from the stage's assembly. Names are ours.
 */
import { Duration, Stack, Stage, StageProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { newApp } from '../../app-helpers';

class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  constructor(scope: Construct, id: string, props: { stackName: string }) {
    super(scope, id, props);
    this.userPool = new cognito.UserPool(this, 'UserPool', { signInAliases: { email: true }, selfSignUpEnabled: true });
    this.client = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL], callbackUrls: ['https://staging.example.io/auth/callback'] },
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.days(7),
      refreshTokenRotationGracePeriod: Duration.seconds(10),
      preventUserExistenceErrors: true,
    });
  }
}

class ApiStack extends Stack {
  constructor(scope: Construct, id: string, props: { stackName: string; auth: AuthStack }) {
    super(scope, id, props);
    const fn = new lambda.Function(this, 'AuthorizerFunction', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ isAuthorized: false });'),
      environment: { USER_POOL_ID: props.auth.userPool.userPoolId, USER_POOL_CLIENT_ID: props.auth.client.userPoolClientId, TOKEN_USE: 'access' },
    });
    const api = new apigateway.RestApi(this, 'Api', { deployOptions: { stageName: 'staging' } });
    const authorizer = new apigateway.TokenAuthorizer(this, 'JwtAuthorizer', { handler: fn, resultsCacheTtl: Duration.minutes(5) });
    api.root.addResource('orders').addMethod('GET', new apigateway.MockIntegration(), { authorizer });
  }
}

class AppStage extends Stage {
  readonly apiStack: ApiStack;
  constructor(scope: Construct, id: string, props: StageProps) {
    super(scope, id, props);
    const auth = new AuthStack(this, 'AuthStack', { stackName: 'staging-auth' });
    this.apiStack = new ApiStack(this, 'ApiStack', { stackName: 'staging-api', auth });
    this.apiStack.addDependency(auth);
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stage = new AppStage(app, 'Staging', { env: { account: '111122223333', region: 'us-west-2' } });
  return stage.synth().getStackByName(stage.apiStack.stackName).template as Record<string, unknown>;
}
