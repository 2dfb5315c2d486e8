/**
 * Written after developmentseed/eoapi-cdk (lib/stac-auth-proxy/index.ts with lib/lambda-api-gateway), the open-source
 * eoAPI construct library's STAC auth proxy: a function whose environment holds the upstream STAC URL, the OIDC
 * discovery URL, Swagger UI paths and SWAGGER_UI_INIT_OAUTH, a JSON string with the public PKCE client id, plus
 * customised settings (DEFAULT_PUBLIC, PRIVATE_ENDPOINTS), behind an HTTP API with an exported URL. The Docker-built
 * runtime is inline code here; URLs and the client id are ours. Construct ids are the library's.
 */
import * as cdk from 'aws-cdk-lib';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class StacAuthProxyLambda extends Construct {
  constructor(scope: Construct, id: string, props: { upstreamUrl: string; oidcDiscoveryUrl: string; stacApiClientId: string; apiEnv: Record<string, string> }) {
    super(scope, id);
    const runtime = new Construct(this, 'runtime');
    const fn = new lambda.Function(runtime, 'lambda', {
      runtime: lambda.Runtime.PYTHON_3_13,
      handler: 'handler.handler',
      memorySize: 8192,
      timeout: cdk.Duration.seconds(30),
      code: lambda.Code.fromInline('def handler(event, context):\n    pass\n'),
      environment: {
        UPSTREAM_URL: props.upstreamUrl,
        OIDC_DISCOVERY_URL: props.oidcDiscoveryUrl,
        OPENAPI_SPEC_ENDPOINT: '/api',
        SWAGGER_UI_ENDPOINT: '/api.html',
        SWAGGER_UI_INIT_OAUTH: cdk.Stack.of(this).toJsonString({ clientId: props.stacApiClientId, usePkceWithAuthorizationCodeGrant: true }),
        ...props.apiEnv,
      },
    });
    const api = new apigatewayv2.HttpApi(this, 'stac-auth-proxy', { defaultIntegration: new integrations.HttpLambdaIntegration('integration', fn) });
    new cdk.CfnOutput(this, 'stac-auth-proxy-output', { exportName: `${cdk.Stack.of(this).stackName}-stac-auth-proxy-url`, value: api.url! });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new cdk.Stack(app, 'eoapi-dev', { env: { account: '111122223333', region: 'us-west-2' } });
  new StacAuthProxyLambda(stack, 'stac-auth-proxy', {
    upstreamUrl: 'https://stac.eoapi.example.com/',
    oidcDiscoveryUrl: 'https://auth.eoapi.example.com/realms/eoapi/.well-known/openid-configuration',
    stacApiClientId: 'stac-browser',
    apiEnv: { DEFAULT_PUBLIC: 'true', PRIVATE_ENDPOINTS: '{"^/collections$":["POST"],"^/collections/([^/]+)/items$":["POST"]}' },
  });
  return templateOf(app, stack);
}
