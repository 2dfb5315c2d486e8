/**
 * Written after cowcoa/aws-cdk-go-examples (opensearch/opensearch-cognito/cdk-main.go, a Go CDK app): a user pool
 * with a hosted-UI domain and two groups mapped to roles, an identity pool, and an OpenSearch domain whose Dashboards
 * use Cognito authentication (OpenSearch creates its own app client at deploy time, outside the template); fine-
 * grained access control with a master role. Rewritten in TypeScript; names are our own.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw248OpenSearchCognito', { env: { account: '111122223333', region: 'eu-west-1' } });
  new CfnOutput(stack, 'region', { value: stack.region, description: 'Region of this deployment.' });
  const pool = new cognito.UserPool(stack, 'ManagerPool', {
    userPoolName: 'OpenSearch-ManagerPool-dev',
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    autoVerify: { email: true, phone: false },
    email: cognito.UserPoolEmail.withCognito('search-admins@example.com'),
    mfa: cognito.Mfa.OFF,
    passwordPolicy: { minLength: 8, tempPasswordValidity: Duration.days(7) },
    removalPolicy: RemovalPolicy.DESTROY,
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    signInCaseSensitive: false,
    standardAttributes: { email: { mutable: false, required: true } },
  });
  new CfnOutput(stack, 'poolId', { value: pool.userPoolId, description: "Managers' UserPool Id." });
  pool.addDomain('ManagerPoolDomain', { cognitoDomain: { domainPrefix: 'opensearch-managers' } });
  const federated = () => new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity');
  const masterRole = new iam.Role(stack, 'OpenSearchMasterRole', { assumedBy: federated(), roleName: 'opensearch-master-role' });
  const limitedRole = new iam.Role(stack, 'OpenSearchLimitedRole', { assumedBy: federated(), roleName: 'opensearch-limited-role' });
  new cognito.CfnUserPoolGroup(stack, 'mastergroup', { userPoolId: pool.userPoolId, groupName: 'master-user-group', precedence: 0, roleArn: masterRole.roleArn });
  new cognito.CfnUserPoolGroup(stack, 'limitedgroup', { userPoolId: pool.userPoolId, groupName: 'limited-user-group', precedence: 1, roleArn: limitedRole.roleArn });
  const identityPool = new cognito.CfnIdentityPool(stack, 'IdentityPool', { allowUnauthenticatedIdentities: true, identityPoolName: 'opensearch_pool' });
  const authRole = new iam.Role(stack, 'IdentityAuthRole', {
    assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {
      StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPool.ref },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
    }, 'sts:AssumeRoleWithWebIdentity'),
  });
  new cognito.CfnIdentityPoolRoleAttachment(stack, 'IdentityRoleAttach', { identityPoolId: identityPool.ref, roles: { authenticated: authRole.roleArn } });
  const cognitoRole = new iam.Role(stack, 'CognitoRole', {
    assumedBy: new iam.ServicePrincipal('opensearchservice.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonOpenSearchServiceCognitoAccess')],
  });
  const domain = new opensearch.Domain(stack, 'SearchDomain', {
    version: opensearch.EngineVersion.openSearch('2.11'),
    accessPolicies: [new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['es:*'], resources: ['*'] })],
    capacity: { dataNodeInstanceType: 'r6g.large.search', dataNodes: 2, masterNodeInstanceType: 'c6g.large.search', masterNodes: 3, multiAzWithStandbyEnabled: false },
    cognitoDashboardsAuth: { identityPoolId: identityPool.ref, userPoolId: pool.userPoolId, role: cognitoRole },
    domainName: 'manager-search',
    ebs: { enabled: true, volumeSize: 10, volumeType: ec2.EbsDeviceVolumeType.GP3 },
    fineGrainedAccessControl: { masterUserArn: masterRole.roleArn },
    nodeToNodeEncryption: true,
    enforceHttps: true,
    encryptionAtRest: { enabled: true },
    zoneAwareness: { availabilityZoneCount: 2, enabled: true },
  });
  domain.node.addDependency(identityPool);
  return templateOf(app, stack);
}
