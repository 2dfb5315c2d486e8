/**
 * Written after FusionAuth/fusionauth-example-cdk-cognito-migration
 * (src/main/java/io/fusionauth/aws/cdk/connector/CognitoMigrationStack.java), a Java CDK v1 app rewritten in
 * TypeScript against aws-cdk-lib 2: a REST API whose POST method invokes a function that a FusionAuth Generic
 * Connector calls to migrate users from Cognito at login; the function's environment carries the Cognito app client
 * id, the region, the FusionAuth tenant id and the value the connector must send in its Authorization header (a
 * random UUID written into the source, "make this a random value"). Function code is inline; values are ours.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CognitoMigrationStack');
  const api = new apigw.RestApi(stack, 'connector-endpoint', {
    restApiName: 'Connector Endpoint',
    description: 'This service responds to login requests from a FusionAuth Connector',
  });
  const fn = new lambda.Function(stack, 'ConnectorHandler', {
    code: lambda.Code.fromInline('exports.main = async (event) => { /* compare the Authorization header, InitiateAuth against Cognito */ return { statusCode: 404 }; };'),
    handler: 'index.main',
    timeout: Duration.seconds(10),
    runtime: lambda.Runtime.NODEJS_20_X,
    environment: {
      CLIENT_ID: '5k2b9q4r7t1m3n6p8s0u2w4y6a',
      REGION: 'us-east-2',
      FUSIONAUTH_TENANT_ID: '8d1f2a3b-4c5d-4e6f-9a0b-1c2d3e4f5a6b',
      AUTHORIZATION_HEADER_VALUE: 'C41E7A92-5B3D-4F18-9E6A-2D8C0B7F1A53',
    },
  });
  api.root.addMethod('POST', new apigw.LambdaIntegration(fn));
  return templateOf(app, stack);
}
