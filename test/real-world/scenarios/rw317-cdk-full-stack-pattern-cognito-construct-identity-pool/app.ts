/**
 * Written after matthewkeil/full-stack-pattern (src/stacks/cognito/CognitoConstruct.ts), a CDK v1 construct library
 * rewritten against aws-cdk-lib 2: a user pool with an invitation e-mail ("Your username is {username} and temporary
 * password is {####}"), an app client with generateSecret false and COGNITO as its only provider (the rest left to the
 * L2's defaults), an L1 hosted domain, an identity pool with a role attachment mapping by token, and outputs of the
 * ids; the construct overrides every logical id with a fixed one (UserPool, UserPoolClient, UserPoolDomain,
 * IdentityPool). Called the way its docs show, with a prefix and a sub-domain. Names are ours.
 */
import { CfnOutput, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class CognitoConstruct extends Construct {
  constructor(scope: Construct, id: string, props: { prefix: string; subDomain: string }) {
    super(scope, id);
    const userPool = new cognito.UserPool(this, 'UserPool', {
      userInvitation: { emailSubject: `Your temporary password for ${props.prefix}`, emailBody: 'Your username is {username} and temporary password is {####}.' },
      autoVerify: { email: true },
      selfSignUpEnabled: false,
      standardAttributes: { email: { required: true } },
      userPoolName: props.prefix,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    (userPool.node.defaultChild as cognito.CfnUserPool).overrideLogicalId('UserPool');
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    const client = new cognito.UserPoolClient(this, 'UserPoolClient', {
      generateSecret: false,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      userPoolClientName: props.prefix,
      userPool,
    });
    (client.node.defaultChild as cognito.CfnUserPoolClient).overrideLogicalId('UserPoolClient');
    client.applyRemovalPolicy(RemovalPolicy.DESTROY);
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    const domain = new cognito.CfnUserPoolDomain(this, 'UserPoolDomain', { userPoolId: userPool.userPoolId, domain: props.subDomain });
    domain.overrideLogicalId('UserPoolDomain');
    new CfnOutput(this, 'UserPoolDomainUrl', { value: domain.domain });
    const identityPool = new cognito.CfnIdentityPool(this, 'IdentityPool', {
      allowUnauthenticatedIdentities: false,
      cognitoIdentityProviders: [{ serverSideTokenCheck: false, clientId: client.userPoolClientId, providerName: userPool.userPoolProviderName }],
      identityPoolName: props.prefix,
    });
    identityPool.overrideLogicalId('IdentityPool');
    new CfnOutput(this, 'IdentityPoolId', { value: identityPool.ref });
    const authenticated = new iam.Role(this, `${props.prefix}AuthenticatedRole`, {
      roleName: `${props.prefix}-authenticated`,
      assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPool.ref },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      }, 'sts:AssumeRoleWithWebIdentity'),
    });
    new cognito.CfnIdentityPoolRoleAttachment(this, 'AuthorizedUserRoleAttachment', {
      identityPoolId: identityPool.ref,
      roles: { authenticated: authenticated.roleArn },
      roleMappings: {
        cognitoProvider: {
          identityProvider: Fn.join('', ['cognito-idp.', Stack.of(this).region, '.amazonaws.com/', userPool.userPoolId, ':', client.userPoolClientId]),
          type: 'Token',
          ambiguousRoleResolution: 'AuthenticatedRole',
        },
      },
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw317FullStack');
  new CognitoConstruct(stack, 'Cognito', { prefix: 'orchard-admin', subDomain: 'orchard-admin-auth' });
  return templateOf(app, stack);
}
