/**
 * Written after awesome-cdk/cdk-cognito-authentication-endpoints (lib/CognitoAuthEndpoints.ts and
 * example/example-stack/lib/test-stack.ts), a CDK v1 construct library rewritten against aws-cdk-lib 2: a third-party
 * construct that adds /login and /register endpoints to a REST API - a login function (AmazonCognitoPowerUser managed
 * policy) given the pool id and the id of an app client the construct creates with only the admin password flow (no
 * oAuth given, so the L2's OAuth defaults apply), and a register function given the pool id. The example stack gives
 * it a user pool and a REST API's root. Function code is inline here.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class CognitoAuthEndpoints extends Construct {
  constructor(scope: Construct, id: string, props: { rootResource: apigw.IResource; userPool: cognito.IUserPool }) {
    super(scope, id);
    const login = this.fn('fn-login', 'AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH');
    login.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
    const client = new cognito.UserPoolClient(this, 'UserPoolClient', { userPool: props.userPool, authFlows: { adminUserPassword: true } });
    login.addEnvironment('USER_POOL_CLIENT_ID', client.userPoolClientId);
    props.rootResource.addResource('login').addMethod('POST', new apigw.LambdaIntegration(login));
    const register = this.fn('fn-register', 'AdminCreateUser');
    register.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
    props.rootResource.addResource('register').addMethod('POST', new apigw.LambdaIntegration(register));
  }

  private fn(id: string, what: string): lambda.Function {
    const f = new lambda.Function(this, id, {
      code: lambda.Code.fromInline(`exports.handler = async (event) => { /* ${what} */ return { statusCode: 200 }; };`),
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
    });
    f.role?.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonCognitoPowerUser'));
    return f;
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'TestStack');
  const userPool = new cognito.UserPool(stack, 'UserPool', { selfSignUpEnabled: true });
  const api = new apigw.RestApi(stack, 'RestApi');
  new CognitoAuthEndpoints(stack, 'CognitoAuthEndpoints', { rootResource: api.root, userPool });
  return templateOf(app, stack);
}
