/**
 * Written after zhang1980s/opensearch-lab (lib/opensearch-stack.ts, an OpenSearch lab stack), trimmed to what the
 * pack judges: a generated `OpenSearchMasterUserPassword` secret (JSON template with the `Admin` user name, password
 * generated under `password`) whose value reaches the domain's fine-grained access control as
 * `secretValueFromJson('password')`, an access policy open to any principal (the domain's, not the secret's), audit
 * logs, an nginx proxy instance whose user data names only the domain endpoint, and outputs of the endpoint, the proxy
 * IP and the domain name. Construct ids are the source's; the VPC (passed in by the source) is created here.
 */
import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class OpenSearchStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: cdk.StackProps) {
    super(scope, id, props);
    const domainName = 'opensearchlab';
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 3,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    const subnets = vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED, onePerAz: true }).subnets;
    const openSearchSG = new ec2.SecurityGroup(this, 'OpenSearchSG', { vpc, description: 'Security group for OpenSearch domain', allowAllOutbound: true });
    openSearchSG.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'Allow HTTPS traffic from specific IP range');
    const accessPolicy = new iam.PolicyStatement({ effect: iam.Effect.ALLOW, actions: ['es:*'], principals: [new iam.AnyPrincipal()], resources: ['*'] });

    const masterUserPassword = new secretsmanager.Secret(this, 'OpenSearchMasterUserPassword', {
      secretName: 'OpenSearchMasterUserPassword',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'Admin' }),
        generateStringKey: 'password',
        excludeCharacters: '"@/\\',
        passwordLength: 16,
        requireEachIncludedType: true,
      },
    });
    const auditLogGroup = new logs.LogGroup(this, 'AuditLogGroup', {
      logGroupName: `/aws/opensearch/domains/${domainName}/audit-logs`,
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: cdk.RemovalPolicy.DESTROY,
    });
    const openSearchDomain = new opensearch.Domain(this, 'OpenSearchDomain', {
      domainName,
      version: opensearch.EngineVersion.OPENSEARCH_2_15,
      vpc,
      vpcSubnets: [{ subnets }],
      zoneAwareness: { enabled: true, availabilityZoneCount: 3 },
      capacity: { dataNodes: 3, dataNodeInstanceType: 'r6g.large.search', masterNodes: 3, masterNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: true },
      ebs: { volumeSize: 100, volumeType: ec2.EbsDeviceVolumeType.GP3 },
      nodeToNodeEncryption: true,
      encryptionAtRest: { enabled: true },
      enforceHttps: true,
      securityGroups: [openSearchSG],
      accessPolicies: [accessPolicy],
      fineGrainedAccessControl: {
        masterUserName: 'Admin',
        masterUserPassword: masterUserPassword.secretValueFromJson('password'),
      },
      logging: { slowSearchLogEnabled: true, appLogEnabled: true, slowIndexLogEnabled: true, auditLogEnabled: true, auditLogGroup },
      removalPolicy: cdk.RemovalPolicy.DESTROY,
    });

    const ec2SecurityGroup = new ec2.SecurityGroup(this, 'EC2SecurityGroup', { vpc, description: 'Security group for Proxy EC2 instance', allowAllOutbound: true });
    ec2SecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'Allow HTTPS traffic from anywhere');
    const ec2Role = new iam.Role(this, 'EC2SSMRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    const userDataScript = ec2.UserData.forLinux();
    userDataScript.addCommands(
      'sudo amazon-linux-extras install nginx1 -y',
      'cat > /etc/nginx/conf.d/reverse-proxy.conf << EOL',
      'server { listen 443 ssl; location / {',
      `        proxy_pass https://${openSearchDomain.domainEndpoint}/;`,
      '} }',
      'EOL',
      'sudo systemctl enable --now nginx',
    );
    const ec2Instance = new ec2.Instance(this, 'NginxProxyInstance', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.latestAmazonLinux2(),
      securityGroup: ec2SecurityGroup,
      userData: userDataScript,
      role: ec2Role,
    });
    const eip = new ec2.CfnEIP(this, 'NginxProxyEIP', { instanceId: ec2Instance.instanceId, domain: 'vpc' });
    new cdk.CfnOutput(this, 'NginxProxyPublicIP', { value: eip.ref, exportName: 'NginxProxyPublicIP' });
    new cdk.CfnOutput(this, 'OpenSearchDashboardUrl', { value: `https://${eip.ref}/_dashboards/`, exportName: 'OpenSearchDashboardUrl' });
    new cdk.CfnOutput(this, 'OpenSearchDomainEndpoint', { value: openSearchDomain.domainEndpoint, exportName: 'OpenSearchDomainEndpoint' });
    new cdk.CfnOutput(this, 'OpenSearchDomainName', { value: domainName, exportName: 'OpenSearchDomainName' });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new OpenSearchStack(app, 'OpenSearchStack', { env: { account: '111122223333', region: 'ap-southeast-1' } });
  return templateOf(app, stack);
}
