/**
 * Written after grucloud/grucloud (examples/aws/serverless-patterns/eventbridge-api-destinations/1-webhook-site and
 * 5-zendesk: connections with an API key and with basic auth, API destinations and rules) in CDK: the three
 * authorization kinds of events.Connection with every credential from Secrets Manager (SecretValue.secretsManager),
 * plus non-secret header and query parameters. Names are this project's own.
 */
import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw220');
  const webhook = new events.Connection(stack, 'WebhookConnection', {
    authorization: events.Authorization.apiKey('x-api-key', SecretValue.secretsManager('integrations/webhook-site', { jsonField: 'apiKey' })),
    description: 'Connection with API Key x-api-key',
    headerParameters: { 'X-Source': events.HttpParameter.fromString('eventbridge') },
  });
  const zendesk = new events.Connection(stack, 'ZendeskConnection', {
    authorization: events.Authorization.basic('ops@acme.example.com/token', SecretValue.secretsManager('integrations/zendesk', { jsonField: 'api_token' })),
    description: 'Zendesk tickets',
  });
  const partner = new events.Connection(stack, 'PartnerConnection', {
    authorization: events.Authorization.oauth({
      authorizationEndpoint: 'https://auth.partner.example.com/oauth2/token',
      clientId: '7f3a9c2e1b5d4e6f8a0b',
      clientSecret: SecretValue.secretsManager('integrations/partner-oauth', { jsonField: 'client_secret' }),
      httpMethod: events.HttpMethod.POST,
      bodyParameters: { grant_type: events.HttpParameter.fromString('client_credentials'), scope: events.HttpParameter.fromString('orders.read') },
    }),
    queryStringParameters: { region: events.HttpParameter.fromString('eu') },
  });
  const rule = new events.Rule(stack, 'OrderCreatedRule', {
    eventPattern: { source: ['acme.orders'], detailType: ['OrderCreated'] },
  });
  for (const [id, connection, endpoint] of [
    ['WebhookDestination', webhook, 'https://webhook.site/3f1c6a52-8d0e-4b7a-9c1d-2e5f7a9b0c3d'],
    ['ZendeskDestination', zendesk, 'https://acme-support.zendesk.com/api/v2/tickets.json'],
    ['PartnerDestination', partner, 'https://api.partner.example.com/v1/orders'],
  ] as const) {
    const destination = new events.ApiDestination(stack, id, { connection, endpoint, rateLimitPerSecond: 10 });
    rule.addTarget(new targets.ApiDestination(destination, { retryAttempts: 3, maxEventAge: Duration.hours(1) }));
  }
  return templateOf(app, stack);
}
