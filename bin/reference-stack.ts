import { Aws, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface ReferenceStackProps extends StackProps {
  /**
   * Build the risky variant: Cognito's defaults plus a 3650-day refresh token, the implicit flow and no rotation.
   * @default false
   */
  readonly risky?: boolean;
}

/** A user pool, one correctly configured app client, and a secret with its own key and rotation. */
export class ReferenceStack extends Stack {
  constructor(scope: Construct, id: string, props: ReferenceStackProps = {}) {
    super(scope, id, props);
    const userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
    });

    if (props.risky) {
      userPool.addClient('Integration', {
        refreshTokenValidity: Duration.days(3650),
        oAuth: { flows: { implicitCodeGrant: true, authorizationCodeGrant: true }, callbackUrls: ['https://app.example.com/cb'] },
      });
    } else {
      userPool.addClient('Integration', {
        accessTokenValidity: Duration.minutes(5),
        idTokenValidity: Duration.minutes(5),
        refreshTokenValidity: Duration.days(7),
        refreshTokenRotationGracePeriod: Duration.seconds(60),
        authSessionValidity: Duration.minutes(3),
        enableTokenRevocation: true,
        preventUserExistenceErrors: true,
        authFlows: { userSrp: true },
        oAuth: {
          flows: { authorizationCodeGrant: true },
          scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
          callbackUrls: ['https://app.example.com/callback'],
        },
      });
    }

    const key = new kms.Key(this, 'SecretKey', { enableKeyRotation: true, description: 'Encrypts the integration secret' });
    const secret = new secretsmanager.Secret(this, 'IntegrationSecret', {
      encryptionKey: key,
      description: 'Integration credential, rotated every 7 days',
    });
    const rotator = new lambda.Function(this, 'Rotator', {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(GENERIC_ROTATOR),
      timeout: Duration.seconds(30),
    });
    secret.addRotationSchedule('Rotation', { rotationLambda: rotator, automaticallyAfter: Duration.days(7) });
    // CDK's permission for secretsmanager.amazonaws.com has no SourceAccount (the confused-deputy guard).
    for (const child of rotator.node.findAll()) {
      if (child instanceof lambda.CfnPermission && child.principal.startsWith('secretsmanager.')) {
        child.addPropertyOverride('SourceAccount', Aws.ACCOUNT_ID);
      }
    }
  }
}

/** Four-step Secrets Manager rotation that replaces the value with a random one (AWSPENDING → AWSCURRENT). */
const GENERIC_ROTATOR = `
const { SecretsManagerClient, DescribeSecretCommand, GetRandomPasswordCommand, GetSecretValueCommand,
  PutSecretValueCommand, UpdateSecretVersionStageCommand } = require('@aws-sdk/client-secrets-manager');
const sm = new SecretsManagerClient({});
exports.handler = async ({ SecretId, ClientRequestToken: token, Step }) => {
  const meta = await sm.send(new DescribeSecretCommand({ SecretId }));
  const stages = (meta.VersionIdsToStages || {})[token] || [];
  if (stages.includes('AWSCURRENT')) return;
  if (!stages.includes('AWSPENDING')) throw new Error('version is not pending rotation');
  if (Step === 'createSecret') {
    try { await sm.send(new GetSecretValueCommand({ SecretId, VersionId: token, VersionStage: 'AWSPENDING' })); return; }
    catch (e) { if (e.name !== 'ResourceNotFoundException') throw e; }
    const { RandomPassword } = await sm.send(new GetRandomPasswordCommand({ PasswordLength: 48, ExcludePunctuation: true }));
    await sm.send(new PutSecretValueCommand({ SecretId, ClientRequestToken: token, SecretString: RandomPassword, VersionStages: ['AWSPENDING'] }));
  } else if (Step === 'finishSecret') {
    const current = Object.entries(meta.VersionIdsToStages || {}).find(([, s]) => s.includes('AWSCURRENT'));
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: current && current[0] }));
  }
};
`;
