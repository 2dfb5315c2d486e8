/**
 * Written after ankit-jn/aws-cdk-cognito (infra/infra_stack.py with infra/services/cognito_service.py,
 * lambda_service.py, network_service.py, app.py and configs/app_configs.json), a Python CDK app rewritten in
 * TypeScript: a VPC, five Cognito trigger functions in private subnets (pre sign-up, post confirmation, pre
 * authentication, pre token generation, post authentication; a shared layer; empty environments), a pool with those
 * triggers and an empty resource server, a Cognito domain, and a client with a secret, the admin-password, custom and
 * SRP flows, code and implicit grants, the email/openid/admin/profile scopes and the dev config's callback
 * http://localhost:4200; outputs exported for the VPC id, pool id, client id, the client secret
 * (`user_pool_client_secret.unsafe_unwrap()`) and three hosted-UI URLs. Deployment name "myapp-dev" (app_name and
 * environment come from context). Function and layer assets are replaced by inline code and a layer zip in a named
 * bucket; the functions' allow_all_outbound=False is left out (the security group given already says so; CDK now
 * refuses both). Names are ours.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const name = 'myapp-dev';
  const region = 'ap-south-1';
  const stack = new Stack(app, 'CognitoStack', { env: { account: '111122223333', region } });
  const network = new Construct(stack, `${name}-network`);
  const vpc = new ec2.Vpc(network, `${name}-vpc`, {
    vpcName: `${name}-vpc`, ipAddresses: ec2.IpAddresses.cidr('10.10.0.0/16'), enableDnsHostnames: true, enableDnsSupport: true, natGateways: 1,
    subnetConfiguration: [
      { name: `${name}-public-subnet`, subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: `${name}-private-subnet`, subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
      { name: `${name}-isolated-subnet`, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
    ],
  });
  const lambdas = new Construct(stack, `${name}-lambdas`);
  const sg = new ec2.SecurityGroup(lambdas, `${name}-lambda-sg`, { vpc, allowAllOutbound: false });
  sg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
  const layer = new lambda.LayerVersion(lambdas, `${name}-lambda-layer`, {
    code: lambda.Code.fromBucket(s3.Bucket.fromBucketName(lambdas, 'LayerBucket', 'myapp-dev-layers'), 'layer.zip'),
    compatibleRuntimes: [lambda.Runtime.PYTHON_3_12],
  });
  const trigger = (t: string) => new lambda.Function(lambdas, `${name}-${t}`, {
    functionName: `${name}-${t}`, runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.lambda_handler',
    code: lambda.Code.fromInline('def lambda_handler(event, context):\n    return event\n'),
    timeout: Duration.seconds(15), memorySize: 512, layers: [layer], environment: {}, securityGroups: [sg], vpc,
    vpcSubnets: { subnets: vpc.privateSubnets }, tracing: lambda.Tracing.ACTIVE,
  });
  const cog = new Construct(stack, `${name}-cognito`);
  const userPool = new cognito.UserPool(cog, `${name}-user-pool`, {
    signInCaseSensitive: false, autoVerify: { email: true }, userPoolName: `${name}-user-pool`, selfSignUpEnabled: true,
    standardAttributes: { email: { required: true }, givenName: { required: true }, familyName: { required: true } },
    removalPolicy: RemovalPolicy.DESTROY,
    lambdaTriggers: {
      preSignUp: trigger('pre-sign-up'), postConfirmation: trigger('post-confirmation'), preAuthentication: trigger('pre-authentication'),
      preTokenGeneration: trigger('pre-token-generation'), postAuthentication: trigger('post-authentication'),
    },
  });
  new cognito.UserPoolResourceServer(cog, `${name}-user-pool-resource-server`, { userPool, identifier: 'com.example.photos', scopes: [], userPoolResourceServerName: `${name}-user-pool-resource-server` });
  const domain = new cognito.UserPoolDomain(cog, `${name}-user-pool-domain`, { userPool, cognitoDomain: { domainPrefix: `${name}-user-pool-domain` } });
  const client = new cognito.UserPoolClient(cog, `${name}-user-pool-client`, {
    userPool, generateSecret: true,
    authFlows: { adminUserPassword: true, custom: true, userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
      callbackUrls: ['http://localhost:4200'],
      scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.COGNITO_ADMIN, cognito.OAuthScope.PROFILE],
    },
  });
  new CfnOutput(stack, 'vpc', { value: vpc.vpcId, exportName: `${name}-vpc-id` });
  new CfnOutput(stack, 'cognitouserpoolid', { value: userPool.userPoolId, exportName: `${name}-cognito-userpool-id` });
  new CfnOutput(stack, 'cognitoclientid', { value: client.userPoolClientId, exportName: `${name}-cognito-clientid` });
  new CfnOutput(stack, 'cognitoclientsecret', { value: client.userPoolClientSecret.unsafeUnwrap(), exportName: `${name}-cognito-client-secret` });
  const base = `https://${domain.domainName}.auth.${region}.amazoncognito.com`;
  new CfnOutput(stack, 'cognitobaseurl', { value: base, exportName: `${name}-cognito-baseurl` });
  new CfnOutput(stack, 'cognitotokenurl', { value: `${base}/oauth2/token`, exportName: `${name}-cognito-token-url` });
  new CfnOutput(stack, 'cognitoauthurl', { value: `${base}/oauth2/authorize`, exportName: `${name}-cognito-auth-url` });
  return templateOf(app, stack);
}
