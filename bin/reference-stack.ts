import { CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DelegatedClient } from '../lib/delegated-client';
import { RefreshTokenVault } from '../lib/refresh-token-vault';
import { TokenBroker } from '../lib/token-broker';
import { WorkloadClient } from '../lib/workload-client';

export interface ReferenceStackProps extends StackProps {
  /**
   * Build the risky variant: Cognito's defaults plus a 3650-day refresh token, the implicit flow and no rotation.
   * @default false
   */
  readonly risky?: boolean;
}

/**
 * The complete picture: a user pool; a delegated client for an integration acting for a user, with the vault that
 * holds its refresh token, the broker that alone uses it, the one-step revocation an incident responder invokes, and
 * the alarms and the unexpected-read alert on one encrypted topic; and a workload (machine-to-machine) client whose
 * secret lives only in Secrets Manager. README, "The reference app", draws it.
 */
export class ReferenceStack extends Stack {
  constructor(scope: Construct, id: string, props: ReferenceStackProps = {}) {
    super(scope, id, props);
    const userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      // Plus tier: threat protection (cdk-nag COG8); billed per monthly active user, so nothing until there are users.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
    });

    if (props.risky) {
      userPool.addClient('Integration', {
        refreshTokenValidity: Duration.days(3650),
        oAuth: { flows: { implicitCodeGrant: true, authorizationCodeGrant: true }, callbackUrls: ['https://app.example.com/cb'] },
      });
      return;
    }

    // A user-delegated integration: code flow, rotating 7-day refresh tokens, and 15-minute access tokens (the policy's
    // target): the broker refreshes, and writes a vault version, once per access token, so at most every 13 minutes.
    const integration = new DelegatedClient(this, 'Integration', {
      userPool,
      callbackUrls: ['https://app.example.com/callback'],
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
      accessTokenValidity: Duration.minutes(15),
    });
    const vault = new RefreshTokenVault(this, 'IntegrationVault', { client: integration });
    // The integration's worker asks the broker for access tokens; it never sees the refresh token.
    const worker = new iam.Role(this, 'IntegrationWorkerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'The integration worker: invokes the token broker for short-lived access tokens',
    });
    // People of this account, signed in with MFA: the incident responder may only revoke (invoke the revocation
    // function); the operator seeds the vault (and can revoke from a workstation) with `token-guard`.
    const withMfa = () => new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
    const responder = new iam.Role(this, 'IncidentResponderRole', { assumedBy: withMfa(), description: 'Incident response: may revoke the integration grant' });
    const operator = new iam.Role(this, 'GrantOperatorRole', { assumedBy: withMfa(), description: 'Seeds (token-guard seed) and revokes (token-guard revoke) the integration grant' });
    // The broker deploys the revocation function and the alarms (failures, an unusable grant, a failed revocation)
    // and the alert on reads of the vault by anyone else, all to one encrypted topic: subscribe your on-call to it.
    const broker = new TokenBroker(this, 'IntegrationBroker', { vault, consumers: [worker], revokers: [responder] });
    broker.grantOperator(operator);
    new CfnOutput(this, 'IntegrationVaultArn', { value: vault.secret.secretArn, description: 'token-guard seed / revoke --vault (an ARN, not a secret)' });
    new CfnOutput(this, 'IntegrationRevocationFunctionName', { value: broker.revocationFunction.functionName, description: 'aws lambda invoke --function-name <this> report.json revokes the grant' });
    new CfnOutput(this, 'AlarmTopicArn', { value: broker.alarmTopic.topicArn, description: 'Subscribe on-call to the alarms and the unexpected-read alert' });

    // A service calling an API as itself: client credentials for one resource-server scope.
    const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read orders' });
    const api = userPool.addResourceServer('OrdersApi', { identifier: 'orders', scopes: [read] });
    const reporting = new iam.Role(this, 'ReportingRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'The reporting job: reads the workload client credentials',
    });
    new WorkloadClient(this, 'Reporting', {
      userPool,
      scopes: [cognito.OAuthScope.resourceServer(api, read)],
      consumers: [reporting],
    });
  }
}
