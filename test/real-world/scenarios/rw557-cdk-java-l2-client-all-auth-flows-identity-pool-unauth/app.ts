/**
 * Written after AKS-V02/cdk-java-project-backend-and-react-frontend- (lambdacdk/infra/src/main/java/com/myorg/
 * projectStack.java with Auth/AutheriserWrapper.java, Auth/IdentityPoolWrapper.java and GenericTable.java), a Java CDK
 * app rewritten in TypeScript: a REST API whose posts CRUD methods use an L1 COGNITO_USER_POOLS authorizer, a pool
 * with self sign-up, one client built with UserPoolClientOptions giving all four auth flows (admin user password,
 * custom, user password, SRP) and no secret, so the L2's OAuth defaults apply, outputs of the pool and client ids,
 * an identity pool that allows unauthenticated identities with authenticated, unauthenticated and admin roles (Token
 * role mapping), an admins group and two photo buckets named with a suffix cut from the stack id. The Java Lambda
 * jars are replaced by inline Node.js code (a jar cannot be inline); the React hosting construct is left out. Names are ours.
 */
import { CfnOutput, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'projectStack', { env: { account: '111122223333', region: 'ap-south-1' } });
  const api = new apigateway.RestApi(stack, 'NewApi');
  const table = new dynamodb.Table(stack, 'PostTable', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, removalPolicy: RemovalPolicy.DESTROY });
  table.addGlobalSecondaryIndex({ indexName: 'username', partitionKey: { name: 'username', type: dynamodb.AttributeType.STRING } });
  const crud = (name: string) => {
    const fn = new lambda.Function(stack, `PostTable-${name}`, {
      functionName: `PostTable-${name}`,
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(`exports.handler = async () => ({ statusCode: 200, body: '${name}' });`),
      environment: { TABLE_NAME: table.tableName, PRIMARY_KEY: 'id' },
    });
    table.grantReadWriteData(fn);
    return new apigateway.LambdaIntegration(fn);
  };
  const suffix = Fn.select(4, Fn.split('-', Fn.select(2, Fn.split('/', stack.stackId))));
  const bucket = (id: string) => {
    const b = new s3.Bucket(stack, id, {
      bucketName: `${id}-${suffix}`,
      cors: [{ allowedOrigins: ['*'], allowedHeaders: ['*'], allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.PUT, s3.HttpMethods.HEAD, s3.HttpMethods.DELETE] }],
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new CfnOutput(stack, `${id}-bucket-name`, { value: b.bucketName });
    return b;
  };
  const postPhotos = bucket('posts-photos');
  const profilePhotos = bucket('profile-photos');
  const photoPolicy = (b: s3.Bucket) => new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:PutObjectAcl', 's3:GetObject', 's3:DeleteObject'], resources: [b.arnForObjects('*')] });

  const userPool = new cognito.UserPool(stack, 'ProjectUserPool', {
    userPoolName: 'ProjectUserPool',
    selfSignUpEnabled: true,
    userVerification: { emailBody: 'Hi, {####} is varification Code for your singn up. Thankyou', emailSubject: 'Project App varification code' },
    signInAliases: { email: true, username: true },
  });
  new CfnOutput(stack, 'UserPoolId', { value: userPool.userPoolId });
  const client = userPool.addClient('ProjectUserPool-client', {
    userPoolClientName: 'ProjectUserPool-client',
    authFlows: { adminUserPassword: true, custom: true, userPassword: true, userSrp: true },
    generateSecret: false,
  });
  new CfnOutput(stack, 'UserPoolClientId', { value: client.userPoolClientId });
  const authorizer = new apigateway.CfnAuthorizer(stack, 'ProjectUserAuthorizer', {
    name: 'ProjectUserAuthorizer', type: 'COGNITO_USER_POOLS', providerArns: [userPool.userPoolArn],
    restApiId: api.restApiId, identitySource: 'method.request.header.Authorization',
  });
  authorizer.applyRemovalPolicy(RemovalPolicy.DESTROY);
  const identityPool = new cognito.CfnIdentityPool(stack, 'ProjectIdentityPool', {
    allowUnauthenticatedIdentities: true,
    cognitoIdentityProviders: [{ clientId: client.userPoolClientId, providerName: userPool.userPoolProviderName }],
  });
  new CfnOutput(stack, 'IdentityPoolId', { value: identityPool.ref });
  const federated = (amr: string) => new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {
    StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPool.ref },
    'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
  }, 'sts:AssumeRoleWithWebIdentity');
  const authRole = new iam.Role(stack, 'CognitoDefaultAuthenticatedRole', { assumedBy: federated('authenticated') });
  authRole.addToPolicy(photoPolicy(profilePhotos));
  authRole.addToPolicy(photoPolicy(postPhotos));
  const unauthRole = new iam.Role(stack, 'CognitoDefaultUnAuthenticatedRole', { assumedBy: federated('unauthenticated') });
  const adminRole = new iam.Role(stack, 'CognitoAdminRole', { assumedBy: federated('authenticated') });
  adminRole.addToPolicy(photoPolicy(postPhotos));
  adminRole.addToPolicy(photoPolicy(profilePhotos));
  new cognito.CfnIdentityPoolRoleAttachment(stack, 'RolesAttachment', {
    identityPoolId: identityPool.ref,
    roles: { authenticated: authRole.roleArn, unauthenticated: unauthRole.roleArn },
    roleMappings: { adminsMapping: { type: 'Token', ambiguousRoleResolution: 'AuthenticatedRole', identityProvider: `${userPool.userPoolProviderName}:${client.userPoolClientId}` } },
  });
  new cognito.CfnUserPoolGroup(stack, 'admins', { groupName: 'admins', userPoolId: userPool.userPoolId, roleArn: adminRole.roleArn });

  new CfnOutput(stack, 'api name', { value: api.restApiName });
  const options: apigateway.MethodOptions = { authorizationType: apigateway.AuthorizationType.COGNITO, authorizer: { authorizerId: authorizer.attrAuthorizerId } };
  const cors = { defaultCorsPreflightOptions: { allowOrigins: apigateway.Cors.ALL_ORIGINS, allowMethods: apigateway.Cors.ALL_METHODS } };
  const posts = api.root.addResource('posts', cors);
  posts.addMethod('GET', crud('ReadAll'), options);
  posts.addMethod('POST', crud('Create'), options);
  const one = posts.addResource('{id}', cors);
  one.addMethod('GET', crud('Read'), options);
  one.addMethod('PUT', crud('Update'), options);
  one.addMethod('DELETE', crud('Delete'), options);
  return templateOf(app, stack);
}
