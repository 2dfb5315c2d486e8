/**
 * Written after awslabs/aws-solutions-constructs (source/patterns/@aws-solutions-constructs/core/lib/cognito-helper.ts
 * with cognito-defaults.ts, as aws-cognito-apigateway-lambda uses them): CognitoToApiGatewayToLambda with its default
 * props builds a user pool (advancedSecurityMode ENFORCED set through the L1), an app client from
 * DefaultUserPoolClientProps, which is `{ userPool }` alone (so every L2 default: implicit and code grants, the admin
 * scope, the example.com callback, ExplicitAuthFlows absent), a LambdaRestApi and a COGNITO_USER_POOLS authorizer on
 * every method. Reproduced with aws-cdk-lib resources as the library emits them (no new dependency). Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

/** The pattern construct, as CognitoToApiGatewayToLambda lays it out. */
class CognitoToApiGatewayToLambda extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'LambdaFunction', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
      environment: { AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' },
      tracing: lambda.Tracing.ACTIVE,
    });
    const api = new apigateway.LambdaRestApi(this, 'LambdaRestApi', {
      handler: fn,
      endpointConfiguration: { types: [apigateway.EndpointType.EDGE] },
      cloudWatchRole: false,
    });
    const userPool = new cognito.UserPool(this, 'CognitoUserPool', {});
    (userPool.node.findChild('Resource') as cognito.CfnUserPool).userPoolAddOns = { advancedSecurityMode: 'ENFORCED' };
    new cognito.UserPoolClient(this, 'CognitoUserPoolClient', { userPool });
    const authorizer = new apigateway.CfnAuthorizer(this, 'CognitoAuthorizer', {
      restApiId: api.restApiId,
      type: 'COGNITO_USER_POOLS',
      providerArns: [userPool.userPoolArn],
      identitySource: 'method.request.header.Authorization',
      name: 'authorizer',
    });
    for (const child of api.methods) {
      const cfn = child.node.defaultChild as apigateway.CfnMethod;
      if (cfn.httpMethod === 'OPTIONS') continue;
      cfn.addPropertyOverride('AuthorizationType', 'COGNITO_USER_POOLS');
      cfn.addPropertyOverride('AuthorizerId', authorizer.ref);
    }
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'TestCognitoApiGatewayLambda', { env: { account: '111122223333', region: 'us-east-1' } });
  new CognitoToApiGatewayToLambda(stack, 'test-cognito-apigateway-lambda');
  return templateOf(app, stack);
}
