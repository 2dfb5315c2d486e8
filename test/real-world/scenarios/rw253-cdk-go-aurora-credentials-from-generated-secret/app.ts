/**
 * Written after cowcoa/aws-cdk-go-examples (common-arch/nlb-ec2-aurora-ecredis/cdk_main.go, a Go CDK app): a VPC, an
 * Auto Scaling group behind a network load balancer with a plain user-data script, an Aurora MySQL cluster whose
 * credentials come from a generated secret ({"username":"cow"} template, password generated, no punctuation), and a
 * Redis replication group without an auth token. No rotation, AWS managed key. Rewritten in TypeScript; names ours.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw253NearPoc', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  const vpc = new ec2.Vpc(stack, 'VPC', {
    ipAddresses: ec2.IpAddresses.cidr('10.10.0.0/16'),
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [
      { name: 'PublicSubnet', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: true },
      { name: 'PrivateSubnet', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
    ],
  });
  const userData = ec2.UserData.forLinux({ shebang: '#!/bin/bash' });
  userData.addCommands('yum install -y httpd', 'systemctl enable --now httpd', 'echo "<h1>Hello World from $(hostname -f)</h1>" > /var/www/html/index.html');
  const asg = new autoscaling.AutoScalingGroup(stack, 'ASG', {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.LARGE),
    machineImage: ec2.MachineImage.latestAmazonLinux2(),
    minCapacity: 1,
    maxCapacity: 3,
    requireImdsv2: true,
    userData,
  });
  const nlb = new elbv2.NetworkLoadBalancer(stack, 'NLB', { vpc, internetFacing: true, crossZoneEnabled: true });
  nlb.addListener('Listener', { port: 7891 }).addTargets('Target', { port: 80, targets: [asg], healthCheck: { interval: Duration.seconds(30) } });

  const dbSecret = new secretsmanager.Secret(stack, 'DBSecret', {
    secretName: 'near-poc-Secret',
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username: 'cow' }),
      excludePunctuation: true,
      includeSpace: true,
      generateStringKey: 'password',
    },
  });
  const aurora = new rds.DatabaseCluster(stack, 'Aurora', {
    engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_05_2 }),
    writer: rds.ClusterInstance.provisioned('writer', { instanceType: ec2.InstanceType.of(ec2.InstanceClass.R5, ec2.InstanceSize.LARGE) }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    credentials: rds.Credentials.fromSecret(dbSecret, 'cow'),
    defaultDatabaseName: 'cowdatabase',
    backup: { retention: Duration.days(7), preferredWindow: '03:00-04:00' },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const subnetGroup = new elasticache.CfnSubnetGroup(stack, 'SubnetGroup', {
    description: 'Redis private subnets',
    subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId),
  });
  new elasticache.CfnReplicationGroup(stack, 'RedisReplicationGroup', {
    cacheNodeType: 'cache.m6g.large',
    engine: 'redis',
    cacheSubnetGroupName: subnetGroup.ref,
    replicasPerNodeGroup: 2,
    numNodeGroups: 1,
    replicationGroupDescription: 'NEAR PoC cache',
    securityGroupIds: [vpc.vpcDefaultSecurityGroup],
  });
  new CfnOutput(stack, 'nlbDNS', { value: nlb.loadBalancerDnsName });
  new CfnOutput(stack, 'AuroraCluster', { value: aurora.clusterIdentifier });
  return templateOf(app, stack);
}
