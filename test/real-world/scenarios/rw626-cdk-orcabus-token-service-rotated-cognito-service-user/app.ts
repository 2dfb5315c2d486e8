/**
 * Written after umccr/orcabus (lib/workload/stateful/stacks/token-service/deploy/stack.ts and
 * deploy/construct/policy/index.ts), the token service of UMCCR's OrcaBus genomics platform: two Python rotation
 * functions (inline code here; PythonFunction in the source) for a Cognito service user's password and for a JWT
 * minted from it, whose environments hold the pool id and portal client id (read from SSM String parameters) and the
 * service-user secret's name; a service-user secret generated from a `change.me` template, rotated every 7 days and
 * guarded by a resource policy that denies GetSecretValue to every principal but the two rotation roles; and a JWT
 * secret rotated every 12 hours. Neither secret names a KMS key. The VPC is imported by attributes instead of looked
 * up. Construct ids and names are the source's; the SSM parameter names are ours.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

const props = {
  serviceUserSecretName: 'orcabus/token-service-user',
  jwtSecretName: 'orcabus/token-service-jwt',
  cognitoUserPoolIdParameterName: '/data_portal/client/cog_user_pool_id',
  cognitoPortalAppClientIdParameterName: '/data_portal/client/data2/cog_app_client_id_stage',
};

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'OrcaBusStatefulTokenServiceStack', { env: { account: '111122223333', region: 'ap-southeast-2' } });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'MainVpc', {
    vpcId: 'vpc-0a1b2c3d4e5f60718',
    availabilityZones: ['ap-southeast-2a', 'ap-southeast-2b'],
    privateSubnetIds: ['subnet-0aa1bb2cc3dd4ee51', 'subnet-0aa1bb2cc3dd4ee52'],
  });
  const userPoolId = StringParameter.fromStringParameterName(stack, 'CognitoUserPoolIdParameter', props.cognitoUserPoolIdParameterName).stringValue;
  const userPoolAppClientId = StringParameter.fromStringParameterName(stack, 'CognitoPortalAppClientIdParameter', props.cognitoPortalAppClientIdParameterName).stringValue;
  const userPool = UserPool.fromUserPoolId(stack, 'UserPool', userPoolId);
  const lambdaEnv = { USER_POOL_ID: userPoolId, USER_POOL_APP_CLIENT_ID: userPoolAppClientId };
  const lambdaVpcPolicy = () => new iam.PolicyStatement({
    effect: iam.Effect.ALLOW,
    actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
    resources: ['*'],
  });

  const userRole = new iam.Role(stack, 'ServiceUserRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: 'Lambda execution role for ServiceUserRole' });
  const userLogGroup = new LogGroup(stack, 'ServiceUserLogGroup');
  const userRotationFn = new lambda.Function(stack, 'ServiceUserRotateFn', {
    code: lambda.Code.fromInline('def lambda_handler(event, context):\n    pass\n'),
    handler: 'rotate_service_user.lambda_handler',
    runtime: lambda.Runtime.PYTHON_3_12,
    environment: lambdaEnv,
    vpc,
    vpcSubnets: { subnets: vpc.privateSubnets },
    architecture: lambda.Architecture.ARM_64,
    timeout: Duration.seconds(28),
    role: userRole,
    logGroup: userLogGroup,
  });
  userLogGroup.grantWrite(userRotationFn);
  userPool.grant(userRotationFn, 'cognito-idp:DescribeUserPool', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:ListUsers');
  userRotationFn.addToRolePolicy(lambdaVpcPolicy());

  const jwtRole = new iam.Role(stack, 'JWTRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: 'Lambda execution role for JWTRole' });
  const jwtLogGroup = new LogGroup(stack, 'JWTLogGroup');
  const jwtRotationFn = new lambda.Function(stack, 'JWTRotateFn', {
    code: lambda.Code.fromInline('def lambda_handler(event, context):\n    pass\n'),
    handler: 'rotate_service_jwt.lambda_handler',
    runtime: lambda.Runtime.PYTHON_3_12,
    environment: { ...lambdaEnv, SERVICE_USER_SECRET_ID: props.serviceUserSecretName, SERVICE_INFO_ENDPOINT: '' },
    vpc,
    vpcSubnets: { subnets: vpc.privateSubnets },
    architecture: lambda.Architecture.ARM_64,
    timeout: Duration.seconds(28),
    role: jwtRole,
    logGroup: jwtLogGroup,
  });
  jwtLogGroup.grantWrite(jwtRotationFn);
  jwtRotationFn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.ALLOW, actions: ['cognito-idp:InitiateAuth'], resources: ['*'] }));
  jwtRotationFn.addToRolePolicy(lambdaVpcPolicy());

  const serviceUserSecret = new Secret(stack, 'ServiceUserSecret', {
    secretName: props.serviceUserSecretName,
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username: 'change.me', email: 'change.me' }),
      generateStringKey: 'password',
      excludeCharacters: '/@$"',
    },
  });
  serviceUserSecret.addRotationSchedule('ServiceUserRotationSchedule', { rotationLambda: userRotationFn, automaticallyAfter: Duration.days(7), rotateImmediatelyOnUpdate: true });
  serviceUserSecret.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()],
    effect: iam.Effect.DENY,
    actions: ['secretsmanager:GetSecretValue'],
    resources: ['*'],
    conditions: { 'ForAllValues:StringNotEquals': { 'aws:PrincipalArn': [userRole.roleArn, jwtRole.roleArn] } },
  }));
  serviceUserSecret.grantRead(jwtRole);

  const jwtSecret = new Secret(stack, 'JWTSecret', {
    secretName: props.jwtSecretName,
    generateSecretString: { secretStringTemplate: JSON.stringify({}), generateStringKey: 'id_token', excludeCharacters: '/@"' },
  });
  jwtSecret.addRotationSchedule('ServiceUserRotationSchedule', { rotationLambda: jwtRotationFn, automaticallyAfter: Duration.hours(12), rotateImmediatelyOnUpdate: true });
  return templateOf(app, stack);
}
