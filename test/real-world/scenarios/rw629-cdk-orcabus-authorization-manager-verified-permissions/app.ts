/**
 * Written after umccr/orcabus (lib/workload/stateful/stacks/authorization-manager/stack.ts), OrcaBus's authorization
 * manager: an Amazon Verified Permissions policy store (schema inline here), an identity source on the existing
 * Cognito user pool whose id comes from an SSM String parameter, a static Cedar policy allowing the pool's admin group
 * everything, and an HTTP Lambda authorizer function (inline code here; PythonFunction in the source) given the policy
 * store id, whose ARN is written to an SSM String parameter for the API stacks. Names are ours where the source reads
 * them from config.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnIdentitySource, CfnPolicy, CfnPolicyStore } from 'aws-cdk-lib/aws-verifiedpermissions';
import { newApp, templateOf } from '../../app-helpers';

const cedarSchemaJson = {
  OrcaBus: {
    entityTypes: { User: { memberOfTypes: ['CognitoUserGroup'], shape: { type: 'Record', attributes: {} } }, CognitoUserGroup: { shape: { type: 'Record', attributes: {} } } },
    actions: {},
  },
};

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'OrcaBusStatefulAuthorizationManagerStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  const policyStore = new CfnPolicyStore(stack, 'VerifiedPermissionPolicyStore', {
    validationSettings: { mode: 'STRICT' },
    description: 'OrcaBus authorization policy',
    schema: { cedarJson: JSON.stringify(cedarSchemaJson) },
  });
  const userPoolId = StringParameter.fromStringParameterName(stack, 'CognitoUserPoolIdStringParameter', '/data_portal/client/cog_user_pool_id').stringValue;
  new CfnIdentitySource(stack, 'VerifiedPermissionIdentitySource', {
    configuration: {
      cognitoUserPoolConfiguration: {
        userPoolArn: `arn:aws:cognito-idp:ap-southeast-2:111122223333:userpool/${userPoolId}`,
        groupConfiguration: { groupEntityType: 'OrcaBus::CognitoUserGroup' },
      },
    },
    principalEntityType: 'OrcaBus::User',
    policyStoreId: policyStore.attrPolicyStoreId,
  });
  new CfnPolicy(stack, 'CognitoPortalAdminPolicy', {
    definition: {
      static: {
        statement: `
            permit (
              principal in OrcaBus::CognitoUserGroup::"${userPoolId}|admin",
              action,
              resource
            );
          `,
        description: 'Allow all action for all resource for user in the admin cognito user pool group',
      },
    },
    policyStoreId: policyStore.attrPolicyStoreId,
  });
  const lambdaAuth = new lambda.Function(stack, 'HTTPLambdaAuthorizer', {
    code: lambda.Code.fromInline('def handler(event, context):\n    return {"isAuthorized": False}\n'),
    handler: 'http_authorizer.handler',
    architecture: lambda.Architecture.ARM_64,
    runtime: lambda.Runtime.PYTHON_3_12,
    retryAttempts: 0,
    environment: { POLICY_STORE_ID: policyStore.attrPolicyStoreId },
    initialPolicy: [new PolicyStatement({ actions: ['verifiedpermissions:IsAuthorizedWithToken'], resources: [policyStore.attrArn] })],
  });
  new StringParameter(stack, 'HTTPLambdaAuthorizerARNParameter', {
    parameterName: '/orcabus/authorization-stack/http-lambda-authorization-arn',
    description: 'ARN of the HTTP lambda authorizer that allow access defined in Amazon Verified Permission',
    stringValue: lambdaAuth.functionArn,
  });
  return templateOf(app, stack);
}
