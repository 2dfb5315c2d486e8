/**
 * Written after sriram-vr/cdk-cognito (lib/cognito-stack.ts with idps/index.ts), trimmed to what the pack judges: a
 * pre-token-generation Lambda in the VPC that is given the name of a database secret (and read access to it through
 * fromSecretNameV2), a self-sign-up pool with custom attributes and a Cognito domain, SAML identity providers from a
 * per-environment list (metadata URLs), and an app client with every authFlows entry false (so only the refresh flow
 * is listed), the code grant, callbacks from the environment, 60-minute tokens, a 720-minute refresh token,
 * revocation and user-existence errors prevented (no rotation). Construct ids are the source's; the environment
 * values the source reads from process.env are written here as its `.env` would give them.
 */
import * as cdk from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const env = {
  ENVIRONMENT: 'dev', REGION: 'us-east-1', DB_SECRET_NAME: 'dev/pristine/db', USER_POOL_FRIENDLY_NAME: 'PristineUserPool', USER_POOL_NAME: 'pristine-dev',
  USER_POOL_CLIENT_NAME: 'pristine-dev-web', CALLBACK_URL: 'https://dev.app.example.com/auth/callback, https://dev.admin.example.com/auth/callback',
};
const idpConfig: Record<string, { identifierName: string; providerName: string; providerType: string; metadataUrl: string; attributes: Record<string, string> }[]> = {
  dev: [
    { identifierName: 'OktaSaml', providerName: 'Okta', providerType: 'SAML', metadataUrl: 'https://dev-000000.okta.com/app/exk0000000000/sso/saml/metadata', attributes: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' } },
    { identifierName: 'EntraSaml', providerName: 'Entra', providerType: 'SAML', metadataUrl: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/federationmetadata/2007-06/federationmetadata.xml', attributes: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' } },
  ],
};

class CognitoStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const vpc = ec2.Vpc.fromVpcAttributes(this, 'cognitoVPC', { vpcId: 'vpc-0a1b2c3d4e5f60718', availabilityZones: ['us-east-1a', 'us-east-1b'] });
    const subnet1 = ec2.Subnet.fromSubnetAttributes(this, 'Subnet1', { subnetId: 'subnet-0a1b2c3d4e5f60001', availabilityZone: 'us-east-1a', routeTableId: 'rtb-0a1b2c3d4e5f60001' });
    const subnet2 = ec2.Subnet.fromSubnetAttributes(this, 'Subnet2', { subnetId: 'subnet-0a1b2c3d4e5f60002', availabilityZone: 'us-east-1b', routeTableId: 'rtb-0a1b2c3d4e5f60002' });
    const preTokenLambda = new lambda.Function(this, 'PreTokenGenerationLambda', {
      runtime: lambda.Runtime.NODEJS_18_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
      memorySize: 128,
      timeout: cdk.Duration.seconds(60),
      description: 'Pre Token Generation Lambda for Cognito',
      functionName: env.ENVIRONMENT + '-cognito-pre-token-generation-lambda',
      vpc,
      vpcSubnets: { subnets: [subnet1, subnet2] },
      allowPublicSubnet: true,
      environment: { DB_SECRET_NAME: env.DB_SECRET_NAME },
    });
    preTokenLambda.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.ALLOW, actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'], resources: ['*'] }));
    const secret = secretsmanager.Secret.fromSecretNameV2(this, 'CognitoLambdaSecretManagerAccess', env.DB_SECRET_NAME);
    secret.grantRead(preTokenLambda);

    const userPool = new cognito.UserPool(this, env.USER_POOL_FRIENDLY_NAME, {
      userPoolName: env.USER_POOL_NAME,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true }, familyName: { required: false, mutable: true }, givenName: { required: false, mutable: true },
        middleName: { required: false, mutable: true }, fullname: { required: false, mutable: true }, nickname: { required: false, mutable: true },
      },
      customAttributes: {
        attribute1: new cognito.StringAttribute({ mutable: true }), attribute2: new cognito.StringAttribute({ mutable: true }),
        attribute3: new cognito.StringAttribute({ mutable: true }), attribute4: new cognito.StringAttribute({ mutable: true }),
        attribute5: new cognito.StringAttribute({ mutable: true }),
      },
      removalPolicy: cdk.RemovalPolicy.DESTROY,
      lambdaTriggers: { preTokenGeneration: preTokenLambda },
    });
    userPool.addDomain('CognitoDomain', { cognitoDomain: { domainPrefix: env.USER_POOL_NAME + 'ai' } });

    const supportedIdentityProviders: cognito.UserPoolClientIdentityProvider[] = [];
    const samlProviderConstructs: cognito.CfnUserPoolIdentityProvider[] = [];
    for (const idpData of idpConfig[env.ENVIRONMENT]) {
      const samlProvider = new cognito.CfnUserPoolIdentityProvider(this, idpData.identifierName, {
        providerName: idpData.providerName,
        providerType: idpData.providerType,
        userPoolId: userPool.userPoolId,
        providerDetails: { MetadataURL: idpData.metadataUrl },
        attributeMapping: idpData.attributes,
      });
      samlProviderConstructs.push(samlProvider);
      supportedIdentityProviders.push(cognito.UserPoolClientIdentityProvider.custom(idpData.providerName));
    }

    const appClient = userPool.addClient('AppClient', {
      userPoolClientName: env.USER_POOL_CLIENT_NAME,
      generateSecret: false,
      authFlows: { userSrp: false, custom: false, adminUserPassword: false, userPassword: false },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        callbackUrls: [...env.CALLBACK_URL.split(',').map((url) => url.trim())],
        scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.PHONE],
      },
      accessTokenValidity: cdk.Duration.minutes(60),
      idTokenValidity: cdk.Duration.minutes(60),
      refreshTokenValidity: cdk.Duration.minutes(720),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      supportedIdentityProviders: [...supportedIdentityProviders],
    });
    for (const samlProvider of samlProviderConstructs) appClient.node.addDependency(samlProvider);
    cdk.Tags.of(userPool).add('Environment', env.ENVIRONMENT);
    cdk.Tags.of(userPool).add('REGION', env.REGION);
    new cdk.CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new cdk.CfnOutput(this, 'AppClientId', { value: appClient.userPoolClientId });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new CognitoStack(app, 'CognitoStack', { env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
