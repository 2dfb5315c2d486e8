/**
 * Written after Exter-dg/cdkDocumentDb (lib/documentdb-stack.ts with config/prod/documentdb-config.ts), trimmed to
 * what the pack judges: a DocumentDB DatabaseCluster whose `masterUser` names only the user (`admin123`), so CDK
 * generates the password into a secret and attaches it, in the default VPC's security group opened on 27017 to the
 * EC2 stack's group. Construct ids come from the source's config (`DocDbSG`, `docDbCluster`); the default VPC lookup
 * and the EC2 stack's security group are created here.
 */
import * as cdk from 'aws-cdk-lib';
import { aws_docdb as docDb, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const DocDbConfig = {
  docDbSgId: 'DocDbSG',
  docDbSgDescription: 'Security group for docDB, allows ssh connection from ec2 Instance',
  docDbClusterId: 'docDbCluster',
  docDbClusterMasterUserName: 'admin123',
  instanceClass: ec2.InstanceClass.T3,
  instanceSize: ec2.InstanceSize.MEDIUM,
};

class CdkDocumentDbStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: cdk.StackProps) {
    super(scope, id, props);
    const defaultVPC = new ec2.Vpc(this, 'DefaultVpc', { maxAzs: 2 });
    const ec2SG = new ec2.SecurityGroup(this, 'Ec2SG', { vpc: defaultVPC });
    const docDbSg = new ec2.SecurityGroup(this, DocDbConfig.docDbSgId, { vpc: defaultVPC, description: DocDbConfig.docDbSgDescription });
    docDbSg.addIngressRule(ec2.Peer.securityGroupId(ec2SG.securityGroupId), ec2.Port.tcp(27017), 'Allow  SSH traffic');
    new docDb.DatabaseCluster(this, DocDbConfig.docDbClusterId, {
      masterUser: { username: DocDbConfig.docDbClusterMasterUserName },
      vpc: defaultVPC,
      instanceType: ec2.InstanceType.of(DocDbConfig.instanceClass, DocDbConfig.instanceSize),
      securityGroup: docDbSg,
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new CdkDocumentDbStack(app, 'CdkDocumentDbStack', { env: { account: '111122223333', region: 'ap-south-1' } });
  return templateOf(app, stack);
}
