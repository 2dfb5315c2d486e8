/**
 * Written after a Python CDK stack found by code search (the index does not name its repository; an "Insurance AI
 * Assistant" Streamlit app behind CloudFront, with cdk-nag suppressions), rewritten in TypeScript for its Cognito part:
 * a PLUS-plan pool with threat protection enforced, a public app client with the user-password and SRP flows, code and
 * implicit grants, openid/email/profile, existence errors on and no callback URLs (so the L2's https://example.com),
 * and a Lambda-backed custom resource whose inline code calls update_user_pool_client with only CallbackURLs (the
 * CloudFront URL) at deploy time. The source's advanced_security_mode ENFORCED (deprecated) is
 * standardThreatProtectionMode FULL_FUNCTION here; the distribution is imported by attributes; the timestamp suffix of
 * names is fixed.
 */
import { CfnOutput, CustomResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const entryTimestamp = '20260101000000';
  const stack = new Stack(app, 'InsuranceAIAssistant', { env: { account: '111122223333', region: 'us-east-1' } });
  const poolName = `Insurance-AI-Assistant-UserPool-${entryTimestamp}`;
  const userPool = new cognito.UserPool(stack, poolName, {
    userPoolName: poolName,
    selfSignUpEnabled: true,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    signInAliases: { username: true, email: true },
    autoVerify: { email: true },
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
    featurePlan: cognito.FeaturePlan.PLUS,
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const appClient = userPool.addClient(`Insurance-AI-Assistant-AppClient-${entryTimestamp}`, {
    userPoolClientName: `Insurance-AI-Assistant-app-client-${entryTimestamp}`,
    authFlows: { userPassword: true, userSrp: true },
    oAuth: { flows: { authorizationCodeGrant: true, implicitCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE] },
    preventUserExistenceErrors: true,
  });
  appClient.applyRemovalPolicy(RemovalPolicy.DESTROY);
  const cdn = cloudfront.Distribution.fromDistributionAttributes(stack, 'CDN', { distributionId: 'E1ABCDEFGHIJKL', domainName: 'd111111abcdef8.cloudfront.net' });
  const lambdaRole = new iam.Role(stack, 'UpdateUserPoolClientRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  lambdaRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'));
  lambdaRole.addToPolicy(new iam.PolicyStatement({ actions: ['cognito-idp:UpdateUserPoolClient'], resources: [`arn:aws:cognito-idp:${stack.region}:${stack.account}:userpool/${userPool.userPoolId}`] }));
  const fn = new lambda.Function(stack, 'UpdateCallbackUrlFunction', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    role: lambdaRole,
    code: lambda.Code.fromInline([
      'import boto3',
      'def handler(event, context):',
      "    props = event['ResourceProperties']",
      "    boto3.client('cognito-idp').update_user_pool_client(UserPoolId=props['UserPoolId'], ClientId=props['AppClientId'], CallbackURLs=[props['CallbackUrl']])",
      "    return {'status': 'success'}",
    ].join('\n')),
  });
  const provider = new cr.Provider(stack, 'UpdateCallbackUrlProvider', { onEventHandler: fn });
  new CustomResource(stack, 'UpdateCognitoCallbackUrl', {
    serviceToken: provider.serviceToken,
    properties: { UserPoolId: userPool.userPoolId, AppClientId: appClient.userPoolClientId, CallbackUrl: `https://${cdn.distributionDomainName}` },
  });
  new CfnOutput(stack, 'CloudFront-Distribution-Domain-Name', { value: `https://${cdn.distributionDomainName}`, description: 'The CloudFront Distribution Domain Name' });
  new CfnOutput(stack, 'Cognito-User-Pool-Name', { value: poolName, description: `Cognito user pool created at : ${entryTimestamp}` });
  return templateOf(app, stack);
}
