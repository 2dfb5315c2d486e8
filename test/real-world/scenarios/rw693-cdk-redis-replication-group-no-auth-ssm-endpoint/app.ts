/**
 * Written after GenClouds/aws-cdk (lib/elasticache-stack.ts), trimmed to what the pack judges: a Redis 7 replication
 * group with encryption in transit and at rest but no AUTH token, a subnet and parameter group, SSM String parameters
 * `/redis/endpoint` and `/redis/port` holding the primary endpoint's address and port, and exported outputs of the
 * same. Construct ids are the source's; the VPC (passed in by the source) is created here.
 */
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class ElasticacheStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const securityGroup = new ec2.SecurityGroup(this, 'RedisSecurityGroup', {
      vpc,
      description: 'Security group for Redis cluster',
      allowAllOutbound: true,
      securityGroupName: 'redis-security-group',
    });
    const subnetGroup = new elasticache.CfnSubnetGroup(this, 'RedisSubnetGroup', {
      description: 'Subnet group for Redis cluster',
      subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    const parameterGroup = new elasticache.CfnParameterGroup(this, 'RedisParameterGroup', {
      cacheParameterGroupFamily: 'redis7',
      description: 'Redis parameter group',
      properties: { 'maxmemory-policy': 'volatile-lru' },
    });
    const redisCluster = new elasticache.CfnReplicationGroup(this, 'RedisCluster', {
      replicationGroupDescription: 'Redis cluster',
      engine: 'redis',
      engineVersion: '7.0',
      cacheNodeType: 'cache.t4g.small',
      numNodeGroups: 1,
      replicasPerNodeGroup: 1,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      cacheSubnetGroupName: subnetGroup.ref,
      securityGroupIds: [securityGroup.securityGroupId],
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      cacheParameterGroupName: parameterGroup.ref,
    });
    new ssm.StringParameter(this, 'RedisEndpoint', { parameterName: '/redis/endpoint', stringValue: redisCluster.attrPrimaryEndPointAddress });
    new ssm.StringParameter(this, 'RedisPort', { parameterName: '/redis/port', stringValue: redisCluster.attrPrimaryEndPointPort });
    new cdk.CfnOutput(this, 'RedisClusterEndpoint', { value: redisCluster.attrPrimaryEndPointAddress, description: 'Redis Primary Endpoint', exportName: 'RedisEndpoint' });
    new cdk.CfnOutput(this, 'RedisClusterPort', { value: redisCluster.attrPrimaryEndPointPort, description: 'Redis Port', exportName: 'RedisPort' });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new ElasticacheStack(app, 'ElasticacheStack', { env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
