/**
 * Written after aligent/cdk-rabbitmq (lib/rabbitmq-stack.ts and the README's usage: "RabbitMQ details of your
 * choice: ... user credentials" go into `lib/environments.ts` as `rabbitMQProps`, and the GUI's "id/pw" are read from
 * that file; CDK v1, rewritten for aws-cdk-lib), trimmed to what the pack judges: an L1 Amazon MQ RabbitMQ broker
 * whose `users` come straight from the environment's CfnBrokerProps (a user name and a written-out password), a
 * security group open to the application's group on 5671/443, and an exported output of the broker ARN. The
 * environment's values are fakes of ours; the looked-up VPC and security group are created here. Construct ids are
 * the source's (`<id>-rabbitMQBroker`, `<id>-securityGroup`).
 */
import * as mq from 'aws-cdk-lib/aws-amazonmq';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

interface ResourceProps extends StackProps { rabbitMQProps: mq.CfnBrokerProps }

class RabbitMQStack extends Stack {
  constructor(scope: Construct, id: string, props: ResourceProps) {
    super(scope, id, props);
    const applicationVpc = new ec2.Vpc(this, id + '-applicationVpc', { maxAzs: 2 });
    const sourceSecurityGroup = new ec2.SecurityGroup(this, id + '-sourceSecurityGroup', { vpc: applicationVpc });
    const securityGroup = new ec2.SecurityGroup(this, id + '-securityGroup', { vpc: applicationVpc, allowAllOutbound: false });
    securityGroup.addIngressRule(sourceSecurityGroup, ec2.Port.tcp(5671));
    securityGroup.addIngressRule(sourceSecurityGroup, ec2.Port.tcp(443));
    const rabbitMqSubnets = props.rabbitMQProps.deploymentMode === 'SINGLE_INSTANCE'
      ? [applicationVpc.privateSubnets[0].subnetId]
      : [applicationVpc.privateSubnets[0].subnetId, applicationVpc.privateSubnets[1].subnetId];
    const rabbitMQ = new mq.CfnBroker(this, id + '-rabbitMQBroker', {
      autoMinorVersionUpgrade: props.rabbitMQProps.autoMinorVersionUpgrade,
      brokerName: props.rabbitMQProps.brokerName,
      deploymentMode: props.rabbitMQProps.deploymentMode,
      engineType: props.rabbitMQProps.engineType,
      engineVersion: props.rabbitMQProps.engineVersion,
      hostInstanceType: props.rabbitMQProps.hostInstanceType,
      publiclyAccessible: props.rabbitMQProps.publiclyAccessible,
      users: props.rabbitMQProps.users,
      logs: props.rabbitMQProps.logs,
      securityGroups: [securityGroup.securityGroupId],
      subnetIds: rabbitMqSubnets,
    });
    new CfnOutput(this, rabbitMQ.brokerName + 'Arn', { value: rabbitMQ.attrArn, exportName: rabbitMQ.brokerName + 'Arn' });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new RabbitMQStack(app, 'magento-staging-rabbitmq', {
    env: { account: '111122223333', region: 'ap-southeast-2' },
    rabbitMQProps: {
      autoMinorVersionUpgrade: true,
      brokerName: 'magento-staging',
      deploymentMode: 'SINGLE_INSTANCE',
      engineType: 'RABBITMQ',
      engineVersion: '3.11.20',
      hostInstanceType: 'mq.t3.micro',
      publiclyAccessible: false,
      users: [{ username: 'magento', password: 'Vq7mT2xR9kLp4Wz8' }],
      logs: { general: true },
    },
  });
  return templateOf(app, stack);
}
