/**
 * Written after tomfa/booking-service (backend/lib/backend-stack.ts: an AppSync API with an API key, a Lambda resolver
 * and an RDS database in a VPC whose credentials CDK generates): a PostgreSQL instance with
 * Credentials.fromGeneratedSecret, the resolver function given the secret's ARN and the instance endpoint (the usual
 * pattern, not the value), and the API key valid for a year. No rotation and no customer-managed key. Names are this
 * project's own.
 */
import * as path from 'node:path';
import { Duration, Expiration, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw222');
  const vpc = new ec2.Vpc(stack, 'BookingVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [
    { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
  ] });
  const db = new rds.DatabaseInstance(stack, 'BookingDb', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    credentials: rds.Credentials.fromGeneratedSecret('booking_admin'),
    databaseName: 'booking',
  });
  const api = new appsync.GraphqlApi(stack, 'vailable-api', {
    name: 'vailable-backend-api',
    definition: appsync.Definition.fromFile(path.join(__dirname, 'schema.graphql')),
    authorizationConfig: {
      defaultAuthorization: { authorizationType: appsync.AuthorizationType.API_KEY, apiKeyConfig: { expires: Expiration.after(Duration.days(365)) } },
    },
  });
  const resolverFn = new lambda.Function(stack, 'BookingResolver', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => [];'),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    environment: {
      DB_SECRET_ARN: db.secret!.secretArn,
      DB_HOST: db.dbInstanceEndpointAddress,
      DB_PORT: db.dbInstanceEndpointPort,
      DB_NAME: 'booking',
    },
  });
  db.secret!.grantRead(resolverFn);
  db.connections.allowDefaultPortFrom(resolverFn);
  api.addLambdaDataSource('BookingSource', resolverFn).createResolver('ListBookings', { typeName: 'Query', fieldName: 'listBookings' });
  return templateOf(app, stack);
}
