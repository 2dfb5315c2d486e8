/**
 * Written after aripalo/aws-cdk-github-oidc (src/provider.ts and src/role.ts), a Construct Hub package for GitHub
 * Actions OIDC: GithubActionsIdentityProvider is an iam.OpenIdConnectProvider for token.actions.githubusercontent.com
 * with the package's thumbprint and client id sts.amazonaws.com (CDK's custom-resource provider writes it), and
 * GithubActionsRole is a role assumable with AssumeRoleWithWebIdentity only by one repository's workflows
 * (StringLike sub repo:owner/repo:*, StringEquals aud). Reproduced with aws-cdk-lib as the package emits it; the
 * owner and repository names are ours.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'GithubOidcStack', { env: { account: '111122223333', region: 'eu-west-1' } });
  const issuer = 'token.actions.githubusercontent.com';
  const provider = new iam.OpenIdConnectProvider(stack, 'GithubProvider', {
    url: `https://${issuer}`,
    thumbprints: ['a031c46782e6e6c662c2c87c76da9aa62ccabd8e'],
    clientIds: ['sts.amazonaws.com'],
  });
  const role = new iam.Role(stack, 'DeployRole', {
    roleName: 'deploy-from-github',
    maxSessionDuration: Duration.hours(1),
    assumedBy: new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn, {
      StringLike: { [`${issuer}:sub`]: 'repo:example-org/example-app:*' },
      StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' },
    }),
  });
  role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
  new CfnOutput(stack, 'DeployRoleArn', { value: role.roleArn });
  return templateOf(app, stack);
}
