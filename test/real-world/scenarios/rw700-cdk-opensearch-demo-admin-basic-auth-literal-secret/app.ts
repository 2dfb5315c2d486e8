/**
 * Written after aws-samples/amazon-opensearch-service-sample-cdk (lib/opensearch-stack.ts), trimmed to what the
 * pack judges: one managed domain as the sample deploys it with its `enableDemoAdmin` option on:
 * `createBasicAuthSecret('admin', 'myStrongPassword123!', …)` writes a `<clusterId>ClusterBasicAuthSecret` whose
 * `secretObjectValue` is two `SecretValue.unsafePlainText` literals, and the domain's fine-grained access control
 * reads the user name and password from it as dynamic references; plus the cluster's exported outputs (endpoint, URLs,
 * ARN). The password is the sample's own documented demo value. Construct ids are the source's; config values
 * (cluster id `default`, stage `dev`, node types) are ours.
 */
import { CfnOutput, Fn, RemovalPolicy, SecretValue, Stack, StackProps } from 'aws-cdk-lib';
import { EbsDeviceVolumeType, Port, SecurityGroup, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { CfnDomain, Domain, EngineVersion } from 'aws-cdk-lib/aws-opensearchservice';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class OpenSearchStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const stage = 'dev';
    const clusterId = 'default';
    const vpc = new Vpc(this, 'Vpc', { vpcName: `vpc-${stage}`, maxAzs: 2 });
    const sg = new SecurityGroup(this, 'clusterAccessVpcSecurityGroup', { vpc, allowAllOutbound: false, securityGroupName: `cluster-access-security-group-${stage}` });
    sg.addIngressRule(sg, Port.allTraffic());
    new CfnOutput(this, `VpcIdExport-${stage}`, { exportName: `VpcId-${stage}`, value: vpc.vpcId });

    const adminUserSecret = this.createBasicAuthSecret('admin', 'myStrongPassword123!', stage, clusterId);
    const domain = new Domain(this, `${clusterId}-Domain`, {
      version: EngineVersion.OPENSEARCH_2_17,
      domainName: 'cluster-dev',
      capacity: { dataNodeInstanceType: 'r6g.large.search', dataNodes: 2, multiAzWithStandbyEnabled: false },
      fineGrainedAccessControl: {
        masterUserName: adminUserSecret.secretValueFromJson('username').toString(),
        masterUserPassword: adminUserSecret.secretValueFromJson('password'),
      },
      nodeToNodeEncryption: true,
      encryptionAtRest: { enabled: true },
      enforceHttps: true,
      ebs: { enabled: true, volumeSize: 10, volumeType: EbsDeviceVolumeType.GP3 },
      vpc,
      vpcSubnets: [{ subnetType: SubnetType.PRIVATE_WITH_EGRESS }],
      securityGroups: [sg],
      zoneAwareness: { enabled: true, availabilityZoneCount: 2 },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new CfnOutput(this, `ClusterEndpointExport-${stage}-${clusterId}`, { exportName: `ClusterEndpoint-${stage}-${clusterId}`, value: domain.domainEndpoint });
    new CfnOutput(this, `DomainEndpointExport-${stage}-${clusterId}`, { exportName: `DomainEndpoint-${stage}-${clusterId}`, value: `https://${domain.domainEndpoint}` });
    const cfnDomain = domain.node.defaultChild as CfnDomain;
    new CfnOutput(this, `DomainVpcEndpointExport-${stage}-${clusterId}`, {
      exportName: `DomainVpcEndpoint-${stage}-${clusterId}`,
      value: Fn.join('', ['https://', cfnDomain.getAtt('DomainEndpoints.vpc').toString()]),
    });
    new CfnOutput(this, `DomainArnExport-${stage}-${clusterId}`, { exportName: `DomainArn-${stage}-${clusterId}`, value: domain.domainArn });
  }

  private createBasicAuthSecret(username: string, password: string, stage: string, clusterId: string): Secret {
    return new Secret(this, `${clusterId}ClusterBasicAuthSecret`, {
      secretName: `${clusterId}-cluster-basic-auth-secret-${stage}`,
      secretObjectValue: {
        username: SecretValue.unsafePlainText(username),
        password: SecretValue.unsafePlainText(password),
      },
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new OpenSearchStack(app, 'OpenSearch-dev-us-east-1', { env: { account: '111122223333', region: 'us-east-1' } });
  return templateOf(app, stack);
}
