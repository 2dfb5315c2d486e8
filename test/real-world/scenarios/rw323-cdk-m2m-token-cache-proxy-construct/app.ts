/**
 * Written after omuryildirim/cdk-cognito-m2m-proxy (src/L3/CognitoM2MWithTokenCache.ts and
 * src/L2/CognitoM2MTokenCacheProxy.ts): a third-party construct that puts an API Gateway cache in front of a user
 * pool's /oauth2/token endpoint so machine-to-machine callers get cached access tokens - a user pool, a hosted domain,
 * and a REST API whose POST /oauth2/token is an HTTP proxy integration with caching on (cache keys include the
 * Authorization header and the client_id / client_secret / scope / grant_type query strings, whose request
 * parameters are declared optional), with Authorization-header validation on. Called with stage "dev", a
 * five-minute TTL and a name prefix. Names are ours.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class CognitoM2MTokenCacheProxy extends Construct {
  constructor(scope: Construct, id: string, props: { stage: string; cognitoTokenEndpointUrl: string; cacheTtl: Duration; namePrefix?: string; enableAuthorizationHeaderValidation?: boolean }) {
    super(scope, id);
    const prefix = props.namePrefix ? `${props.namePrefix}-` : '';
    const api = new apigw.RestApi(this, `${prefix}CognitoApiProxy-${props.stage}`, {
      restApiName: `${prefix}Cognito Proxy (${props.stage})`,
      description: 'API Gateway proxy with cache for m2m tokens for Cognito pool',
      deployOptions: {
        stageName: props.stage,
        cacheClusterEnabled: true,
        cacheDataEncrypted: true,
        cacheClusterSize: '0.5',
        cacheTtl: props.cacheTtl,
        methodOptions: { '/oauth2/token/POST': { cachingEnabled: true, cacheTtl: props.cacheTtl } },
      },
    });
    const integration = new apigw.HttpIntegration(props.cognitoTokenEndpointUrl, {
      httpMethod: 'POST',
      proxy: true,
      options: {
        cacheKeyParameters: [
          'method.request.header.Authorization',
          'method.request.header.Content-Type',
          'method.request.querystring.scope',
          'method.request.querystring.grant_type',
          'method.request.querystring.client_secret',
          'method.request.querystring.client_id',
          'integration.request.querystring.bodyCacheKey',
        ],
        requestParameters: { 'integration.request.querystring.bodyCacheKey': 'method.request.body' },
      },
    });
    api.root.addResource('oauth2').addResource('token').addMethod('POST', integration, {
      requestParameters: {
        'method.request.header.Authorization': !!props.enableAuthorizationHeaderValidation,
        'method.request.header.Content-Type': false,
        'method.request.querystring.scope': false,
        'method.request.querystring.grant_type': false,
        'method.request.querystring.client_secret': false,
        'method.request.querystring.client_id': false,
      },
      requestValidator: new apigw.RequestValidator(this, `RequestValidator-${props.stage}`, {
        restApi: api,
        requestValidatorName: `${prefix}M2MTokenRequestValidator-${props.stage}`,
        validateRequestParameters: true,
        validateRequestBody: false,
      }),
    });
  }
}

class CognitoM2MWithTokenCache extends Construct {
  constructor(scope: Construct, id: string, props: { stage: string; cacheTtl: Duration; namePrefix?: string }) {
    super(scope, id);
    const prefix = props.namePrefix ? `${props.namePrefix}-` : '';
    const userPool = new cognito.UserPool(this, `${prefix}CognitoUserPool-${props.stage}`, { userPoolName: `${prefix}CognitoUserPool-${props.stage}` });
    const domain = new cognito.UserPoolDomain(this, `${prefix}CognitoUserPoolDomain-${props.stage}`, {
      userPool,
      cognitoDomain: { domainPrefix: `${(props.namePrefix ?? 'default').toLowerCase()}-token-cache-${props.stage.toLowerCase()}` },
    });
    new CognitoM2MTokenCacheProxy(this, `${prefix}ApiGatewayProxy-${props.stage}`, {
      stage: props.stage,
      cognitoTokenEndpointUrl: `https://${domain.domainName}.auth.${Stack.of(this).region}.amazoncognito.com/oauth2/token`,
      cacheTtl: props.cacheTtl,
      namePrefix: props.namePrefix,
      enableAuthorizationHeaderValidation: true,
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw323TokenCache', { env: { account: '111122223333', region: 'eu-central-1' } });
  new CognitoM2MWithTokenCache(stack, 'M2M', { stage: 'dev', cacheTtl: Duration.minutes(5), namePrefix: 'Partners' });
  return templateOf(app, stack);
}
