/**
 * Written after cdk-patterns/serverless (the-rds-proxy/typescript/lib/the-rds-proxy-stack.ts): a generated database
 * credentials secret (no key given, no rotation), its ARN published to an SSM String parameter, a MySQL instance and
 * an RDS Proxy using it, and a function given the proxy endpoint and the secret's name. Ported to aws-cdk-lib v2;
 * names and values are this project's own.
 */
import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const id = 'Rw154';
  const stack = new Stack(app, id);
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const lambdaToProxy = new ec2.SecurityGroup(stack, 'Lambda to RDS Proxy Connection', { vpc });
  const dbConnection = new ec2.SecurityGroup(stack, 'Proxy to DB Connection', { vpc });
  dbConnection.addIngressRule(lambdaToProxy, ec2.Port.tcp(3306), 'allow lambda connection');
  const credentials = new secrets.Secret(stack, 'DBCredentialsSecret', {
    secretName: `${id}-rds-credentials`,
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username: 'syscdk' }),
      excludePunctuation: true,
      includeSpace: false,
      generateStringKey: 'password',
    },
  });
  new ssm.StringParameter(stack, 'DBCredentialsArn', { parameterName: 'rds-credentials-arn', stringValue: credentials.secretArn });
  const instance = new rds.DatabaseInstance(stack, 'DBInstance', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 }),
    credentials: rds.Credentials.fromSecret(credentials),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE3, ec2.InstanceSize.SMALL),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    securityGroups: [dbConnection],
  });
  const proxy = instance.addProxy(`${id}-proxy`, { secrets: [credentials], debugLogging: true, vpc, securityGroups: [dbConnection] });
  const handler = new lambda.Function(stack, 'rdsProxyHandler', {
    runtime: lambda.Runtime.NODEJS_20_X,
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    handler: 'index.handler',
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    securityGroups: [lambdaToProxy],
    environment: { PROXY_ENDPOINT: proxy.endpoint, RDS_SECRET_NAME: `${id}-rds-credentials` },
  });
  credentials.grantRead(handler);
  const api = new apigwv2.HttpApi(stack, 'Endpoint', { defaultIntegration: new integrations.HttpLambdaIntegration('Rds', handler) });
  new CfnOutput(stack, 'HTTP API Url', { value: api.url ?? 'Something went wrong with the deploy' });
  return templateOf(app, stack);
}
