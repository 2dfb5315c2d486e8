/**
 * Written after aws-samples/aws-saas-factory-ref-solution-serverless-saas (server/cdk/lib/bootstrap-template/
 * tenant-api-key.ts, server/cdk/bin/serverless-saas-ref-template.ts, server/cdk/lib/tenant-template/
 * identity-provider.ts): per-tier API Gateway API keys whose values are literals in the app (env fallback), each value
 * also written to an SSM String parameter next to the key's id; and a tenant user pool client with the password flow
 * and the implicit grant. Names and values are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class TenantApiKey extends Construct {
  constructor(scope: Construct, id: string, props: { apiKeyValue: string; idName: string; valueName: string }) {
    super(scope, id);
    const key = new apigateway.ApiKey(this, 'apiKey', { value: props.apiKeyValue });
    new ssm.StringParameter(this, 'apiKeyId', { parameterName: props.idName, stringValue: key.keyId });
    new ssm.StringParameter(this, 'apiKeyValue', { parameterName: props.valueName, stringValue: props.apiKeyValue });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw147');
  new TenantApiKey(stack, 'BasicTierApiKey', { apiKeyValue: 'c41f7e2a-6d96-11eb-a28b-02f9d33cfd0f-tier1', idName: 'apiKeyBasicTierKeyId', valueName: 'apiKeyBasicTierValue' });
  new TenantApiKey(stack, 'PremiumTierApiKey', { apiKeyValue: '9b07d1e4-6d96-11eb-a56f-02f9d33cfd0f-tier3', idName: 'apiKeyPremiumTierKeyId', valueName: 'apiKeyPremiumTierValue' });

  const pool = new cognito.UserPool(stack, 'tenantUserPool', {
    autoVerify: { email: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    customAttributes: { tenantId: new cognito.StringAttribute({ mutable: true }), apiKey: new cognito.StringAttribute({ mutable: true }) },
  });
  new cognito.UserPoolClient(stack, 'tenantUserPoolClient', {
    userPool: pool,
    generateSecret: false,
    authFlows: { userPassword: true, adminUserPassword: false, userSrp: true, custom: false },
    oAuth: {
      scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE],
      flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
    },
  });
  return templateOf(app, stack);
}
