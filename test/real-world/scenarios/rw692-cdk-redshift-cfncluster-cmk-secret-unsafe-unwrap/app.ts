/**
 * Written after aws-samples/amazon-redshift-serverless-rsql-etl-framework (lib/redshift-stack.ts), trimmed to what
 * the pack judges: a `RedshiftDemoCredentials` secret generated under a customer-managed key with rotation on
 * (`RedshiftDemoCredentialsKey`), whose username and password reach an L1 Redshift cluster through
 * `secretValueFromJson(...).unsafeUnwrap()` (dynamic references in MasterUsername and MasterUserPassword), an
 * SSL-enforcing parameter group, an isolated subnet group and the cluster's role. Construct ids are the source's; the
 * buckets and VPC passed in by the source are created here.
 */
import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class RedshiftStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const loggingBucket = new s3.Bucket(this, 'LoggingBucket', { encryption: s3.BucketEncryption.S3_MANAGED });
    const scriptsBucket = new s3.Bucket(this, 'ScriptsBucket', { encryption: s3.BucketEncryption.S3_MANAGED });
    const redshiftRole = new iam.Role(this, 'DemoRedshift', { assumedBy: new iam.ServicePrincipal('redshift.amazonaws.com') });
    scriptsBucket.grantRead(redshiftRole);
    const parameterGroup = new redshift.CfnClusterParameterGroup(this, 'EnforceSSLParameterGroup', {
      parameters: [{ parameterName: 'require_ssl', parameterValue: 'true' }, { parameterName: 'enable_user_activity_logging', parameterValue: 'true' }],
      description: 'Enforcing SSL and Enabling Activity Logging',
      parameterGroupFamily: 'redshift-1.0',
    });
    const clusterSubnetGroup = new redshift.CfnClusterSubnetGroup(this, 'DemoRedshiftClusterSubnetGroup', {
      description: 'DemoRedshiftClusterSubnetGroup',
      subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId),
    });
    const key = new kms.Key(this, 'RedshiftDemoCredentialsKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY, pendingWindow: Duration.days(7) });
    const credentials = new secretsmanager.Secret(this, 'RedshiftDemoCredentials', {
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'etl' }),
        generateStringKey: 'password',
        excludePunctuation: true,
        excludeCharacters: '\'"\\/@',
      },
      encryptionKey: key,
    });
    new redshift.CfnCluster(this, 'RedshiftDemo', {
      clusterIdentifier: 'redshiftblogdemo',
      masterUsername: credentials.secretValueFromJson('username').unsafeUnwrap(),
      masterUserPassword: credentials.secretValueFromJson('password').unsafeUnwrap(),
      dbName: 'demo',
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      clusterSubnetGroupName: clusterSubnetGroup.ref,
      encrypted: true,
      clusterType: 'single-node',
      nodeType: 'dc2.large',
      clusterParameterGroupName: parameterGroup.ref,
      iamRoles: [redshiftRole.roleArn],
      loggingProperties: { bucketName: loggingBucket.bucketName, s3KeyPrefix: 'redshift/' },
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new RedshiftStack(app, 'RedshiftStack', { env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
