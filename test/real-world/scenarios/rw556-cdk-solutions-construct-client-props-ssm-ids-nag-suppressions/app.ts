/**
 * Written after reapersy/serverless-nlp-solution-cdk (infra/stack/api-gateway-stack.ts with
 * lib/template/stack/base/base-stack.ts, lib/template/common/common-helper.ts, config/app-config-dev.json and
 * infra/app-main.ts): the API stack of a review-analysis app built from AWS Solutions Constructs'
 * CognitoToApiGatewayToLambda (a pool with advanced security ENFORCED and a password policy, a client given
 * `authFlows: { userPassword, userSrp, custom }` and otherwise the L2's OAuth defaults, a regional REST API whose
 * methods use a COGNITO_USER_POOLS authorizer) and WafwebaclToApiGateway. Each resource's backend function is read
 * from an SSM String parameter (valueForStringParameter of `<prefix>-<Func>FunctionArn`) and invoked through a
 * credentials role; the stack then writes the API name, pool id and client id to SSM String parameters and exports
 * the API URL, pool id and client id. It suppresses cdk-nag's AwsSolutions-COG2 on the pool and AwsSolutions-IAM5 on
 * the API's CloudWatch role (the app runs AwsSolutionsChecks when CdkNagEnable is set). The constructs are
 * reproduced with aws-cdk-lib resources as the library emits them (no new dependency); the nag suppressions are
 * written as the cdk_nag metadata NagSuppressions adds. Names are ours.
 */
import { CfnOutput, CfnResource, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { IConstruct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

/** What NagSuppressions.addResourceSuppressions(construct, rules, true) writes: cdk_nag metadata on each L1 below. */
function nagSuppress(construct: IConstruct, id: string, reason: string): void {
  for (const c of construct.node.findAll()) {
    if (c instanceof CfnResource) c.addMetadata('cdk_nag', { rules_to_suppress: [{ id, reason }] });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'ReviewServiceDev-ApiGatewayStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const prefix = 'ReviewServiceDev';
  const withStackName = (n: string) => `${stack.stackName}-${n}`;

  const defaultFn = new lambda.Function(stack, 'default-func', {
    functionName: withStackName('DefaultFunc'),
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handle',
    code: lambda.Code.fromInline("import json\ndef handle(event, context):\n    return {'statusCode': 200, 'body': json.dumps({'Status': 'fail', 'Message': 'not-defined resource'})}\n"),
    role: new iam.Role(stack, 'default-func-role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
  });
  const api = new apigateway.LambdaRestApi(stack, 'apigateway-cognito-lambdaLambdaRestApi', {
    handler: defaultFn,
    restApiName: withStackName('ReviewApis'),
    endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
    proxy: false,
    deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.ERROR },
    cloudWatchRole: true,
  });
  const userPool = new cognito.UserPool(stack, 'apigateway-cognito-lambdaCognitoUserPool', {
    userPoolName: withStackName('ReviewUserPool'),
    passwordPolicy: { requireSymbols: true, minLength: 8, requireUppercase: true, requireDigits: true },
  });
  (userPool.node.defaultChild as cognito.CfnUserPool).userPoolAddOns = { advancedSecurityMode: 'ENFORCED' };
  const client = new cognito.UserPoolClient(stack, 'apigateway-cognito-lambdaCognitoUserPoolClient', {
    userPool,
    authFlows: { userPassword: true, userSrp: true, custom: true },
  });
  const authorizer = new apigateway.CfnAuthorizer(stack, 'apigateway-cognito-lambdaCognitoAuthorizer', {
    restApiId: api.restApiId, type: 'COGNITO_USER_POOLS', providerArns: [userPool.userPoolArn],
    identitySource: 'method.request.header.Authorization', name: 'authorizer',
  });
  const acl = new wafv2.CfnWebACL(stack, 'wafwebacl-apigatewayWebACL', {
    defaultAction: { allow: {} }, scope: 'REGIONAL',
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'webACL', sampledRequestsEnabled: true },
    rules: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'].map((name, priority) => ({
      name: `AWS-${name}`, priority, overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
    })),
  });
  new wafv2.CfnWebACLAssociation(stack, 'wafwebacl-apigatewayWebACLAssociation', {
    webAclArn: acl.attrArn, resourceArn: `arn:aws:apigateway:${stack.region}::/restapis/${api.restApiId}/stages/${api.deploymentStage.stageName}`,
  });

  const funcArn = ssm.StringParameter.valueForStringParameter(stack, `${prefix}-BackendFuncFunctionArn`);
  const backend = lambda.Function.fromFunctionArn(stack, 'BackendFunc', funcArn);
  const credentialRole = new iam.Role(stack, 'integration-role', { roleName: withStackName('GatewayIntegrationRole'), assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
  credentialRole.attachInlinePolicy(new iam.Policy(stack, 'BackendFunc-integration-role-policy', {
    statements: [new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [funcArn] })],
  }));
  const review = api.root.addResource('review');
  review.addMethod('POST', new apigateway.LambdaIntegration(backend, { credentialsRole: credentialRole }), { requestValidatorOptions: { validateRequestParameters: true } });
  for (const m of api.methods) {
    const cfn = m.node.defaultChild as apigateway.CfnMethod;
    cfn.addPropertyOverride('AuthorizationType', 'COGNITO_USER_POOLS');
    cfn.addPropertyOverride('AuthorizerId', authorizer.ref);
  }

  const put = (key: string, value: string) => new ssm.StringParameter(stack, key, { parameterName: `${prefix}-${key}`, stringValue: value });
  put('RestApiName', api.restApiName);
  put('UserPoolId', userPool.userPoolId);
  put('UserPoolClientId', client.userPoolClientId);
  const out = (key: string, value: string) => new CfnOutput(stack, `Output-${key}`, { exportName: `${prefix}-${key}`, value });
  out('RestApiUrl', api.url);
  out('UserPoolId', userPool.userPoolId);
  out('UserPoolClientId', client.userPoolClientId);

  nagSuppress(userPool, 'AwsSolutions-COG2', 'Suppress all AwsSolutions-COG2 findings.');
  nagSuppress(api.node.findChild('CloudWatchRole'), 'AwsSolutions-IAM5', 'Suppress all AwsSolutions-IAM5 findings.');
  return templateOf(app, stack);
}
