/**
 * Reproduces aws-samples/aws-cdk-examples typescript/secrets-manager-rotation/index.ts (commit
 * bccff1d2775e4b0bf777721c6b41c0107e122f73): a generated secret (no encryptionKey) whose JSON key becomes an
 * ElastiCache AUTH token through secretValueFromJson, a custom rotation function with its own role and endpoint
 * settings in its environment, addRotationSchedule every 15 days, and grantInvoke to secretsmanager.amazonaws.com.
 * Names and values are this project's own.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw39');
  const groupId = 'sessions-cache';
  const secret = new secretsmanager.Secret(stack, 'CacheAuth', {
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ replicationGroupId: groupId }),
      generateStringKey: 'authToken',
      excludeCharacters: '@%*()_+=`~{}|[]\\:";\'?,./',
    },
  });
  const cache = new elasticache.CfnReplicationGroup(stack, 'SessionsCache', {
    replicationGroupDescription: 'sessions',
    replicationGroupId: groupId,
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
    cacheNodeType: 'cache.t4g.small',
    engine: 'Redis',
    numNodeGroups: 1,
    replicasPerNodeGroup: 1,
    authToken: secret.secretValueFromJson('authToken').toString(),
  });
  const role = new iam.Role(stack, 'RotatorRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({
    resources: [secret.secretArn],
    actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
  }));
  const rotator = new lambda.Function(stack, 'AuthRotator', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.lambda_handler',
    code: lambda.Code.fromInline('def lambda_handler(event, context):\n    return None\n'),
    role,
    timeout: Duration.seconds(30),
    environment: {
      replicationGroupId: cache.ref,
      redis_endpoint: cache.attrPrimaryEndPointAddress,
      redis_port: cache.attrPrimaryEndPointPort,
      EXCLUDE_CHARACTERS: '@%*()_+=`~{}|[]\\:";\'?,./',
      SECRETS_MANAGER_ENDPOINT: `https://secretsmanager.${stack.region}.amazonaws.com`,
    },
  });
  secret.addRotationSchedule('RotationSchedule', { rotationLambda: rotator, automaticallyAfter: Duration.days(15) });
  secret.grantRead(rotator);
  rotator.grantInvoke(new iam.ServicePrincipal('secretsmanager.amazonaws.com'));
  return templateOf(app, stack);
}
