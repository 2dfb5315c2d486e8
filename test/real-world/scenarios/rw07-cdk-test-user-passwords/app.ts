/**
 * Reproduces the test-user pattern: a user created with adminCreateUser and a literal TemporaryPassword (as in
 * TestAndunR/Cognito-Resource, Cognito-Resource/lambda.js, and Indunil1992/sample, sample.js), and its password
 * made permanent with adminSetUserPassword, both through AwsCustomResource as the "CognitoUser" constructs found by
 * code search do. The passwords are this project's own made-up values.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw07');
  const pool = new cognito.UserPool(stack, 'Pool');
  const policy = cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [pool.userPoolArn] });
  const create = new cr.AwsCustomResource(stack, 'CreateDemoUser', {
    onCreate: {
      service: 'CognitoIdentityServiceProvider',
      action: 'adminCreateUser',
      parameters: { UserPoolId: pool.userPoolId, Username: 'demo.reviewer', MessageAction: 'SUPPRESS', TemporaryPassword: 'Reviewer#2024' },
      physicalResourceId: cr.PhysicalResourceId.of('demo.reviewer'),
    },
    policy,
  });
  const setPassword = new cr.AwsCustomResource(stack, 'SetDemoUserPassword', {
    onCreate: {
      service: 'CognitoIdentityServiceProvider',
      action: 'adminSetUserPassword',
      parameters: { UserPoolId: pool.userPoolId, Username: 'demo.reviewer', Password: 'Orchard-Lamp-77', Permanent: true },
      physicalResourceId: cr.PhysicalResourceId.of('demo.reviewer-password'),
    },
    policy,
  });
  setPassword.node.addDependency(create);
  return templateOf(app, stack);
}
