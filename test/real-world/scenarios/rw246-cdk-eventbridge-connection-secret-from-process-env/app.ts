/**
 * Written after garysassano/cdk-aws-eventbridge-webhook-momento (src/stacks/my-stack.ts): a cache provider's API key
 * read from process.env at synth time and stored with SecretValue.unsafePlainText into a Secrets Manager secret (so
 * the key is written into the template), then referenced by name from an EventBridge API-key connection that three
 * API destinations share; a DynamoDB table with a stream. The environment values are supplied here as a developer's
 * shell would (fabricated); names are our own.
 */
import { RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { AttributeType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ApiDestination, Authorization, Connection, HttpMethod } from 'aws-cdk-lib/aws-events';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

const SHELL_ENV = {
  CACHE_API_KEY: 'c2VydmljZTpjYWNoZS1wcm9kOjdmM2E5YjE0ZTJkODQ2YzA5MWE1YjdlM2Q4ZjAyYzY0OmV4cD0xNzY3MjI1NjAw',
  CACHE_API_ENDPOINT: 'https://api.cache.us-east-1.example-cache.com',
};

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw246CacheWebhook');
  const apiKey = SHELL_ENV.CACHE_API_KEY;
  const endpoint = SHELL_ENV.CACHE_API_ENDPOINT;

  const apiKeySecret = new Secret(stack, 'CacheApiKeySecret', {
    secretName: 'cache-api-key-secret',
    secretStringValue: SecretValue.unsafePlainText(apiKey),
  });
  new TableV2(stack, 'WeatherStatsTable', {
    tableName: 'weather-stats-table',
    partitionKey: { name: 'Location', type: AttributeType.STRING },
    dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const connection = new Connection(stack, 'CacheConnection', {
    connectionName: 'cache-connection',
    authorization: Authorization.apiKey('Cache API Key', SecretValue.secretsManager(apiKeySecret.secretName)),
  });
  for (const [id, method, path] of [
    ['CachePutApiDestination', HttpMethod.PUT, 'cache/*'],
    ['CacheDeleteApiDestination', HttpMethod.DELETE, 'cache/*'],
    ['TopicsPostApiDestination', HttpMethod.POST, 'topics/*/*'],
  ] as const) {
    new ApiDestination(stack, id, { connection, endpoint: `${endpoint}/${path}`, httpMethod: method });
  }
  return templateOf(app, stack);
}
