/**
 * Written after gsy0911/zenn-cloudfront-cognito-apigw (infrastructure/lib/LambdaEdgeStack.ts with XRegionParam.ts and
 * bin/index.ts): the Lambda@Edge stack of a CloudFront + Cognito example, deployed to us-east-1 while the rest of the
 * app lives in ap-northeast-1. One role trusted by lambda and edgelambda; for each auth function (parse, check,
 * refresh, http headers, sign-out, trailing slash, and a Python origin-request function that turns an ID token into
 * credentials) an alias and an AwsCustomResource that calls SSM putParameter in ap-northeast-1 with the function's
 * ARN and version as a plain String, so the distribution's stack can read it across regions. The functions read their
 * Cognito settings from a bundled configuration file, not from the template. NodejsFunction and PythonFunction bundles
 * are replaced by inline code (no bundling here). Names are ours.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

/** The source's XRegionParam: SSM calls in another region through AwsCustomResource. */
class XRegionParam extends Construct {
  constructor(scope: Construct, id: string, private readonly region: string) {
    super(scope, id);
  }
  putSsmParameter(props: { parameterName: string; parameterValue: string; parameterDataType: string; idName: string }): void {
    new cr.AwsCustomResource(this, props.idName, {
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      onUpdate: {
        service: 'SSM',
        action: 'putParameter',
        parameters: { Name: props.parameterName, Value: props.parameterValue, DataType: props.parameterDataType, Type: 'String', Overwrite: true },
        region: this.region,
        physicalResourceId: cr.PhysicalResourceId.of(props.idName),
      },
      installLatestAwsSdk: false,
    });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const id = 'example-cloudfront-cognito-apigw-lambda-edge';
  const stack = new Stack(app, id, { env: { account: '000011112222', region: 'us-east-1' }, description: 'example@1.0.0' });
  const role = new iam.Role(stack, 'lambdaRole', {
    roleName: `${id}-lambda-role`,
    assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('lambda.amazonaws.com'), new iam.ServicePrincipal('edgelambda.amazonaws.com')),
    managedPolicies: [iam.ManagedPolicy.fromManagedPolicyArn(stack, 'CWFullAccess', 'arn:aws:iam::aws:policy/CloudWatchFullAccess')],
  });
  const functions: Array<[string, lambda.Runtime, string]> = [
    ['parseAuth', lambda.Runtime.NODEJS_20_X, 'index.handler'],
    ['checkAuth', lambda.Runtime.NODEJS_20_X, 'index.handler'],
    ['refreshAuth', lambda.Runtime.NODEJS_20_X, 'index.handler'],
    ['httpHeaders', lambda.Runtime.NODEJS_20_X, 'index.handler'],
    ['signOut', lambda.Runtime.NODEJS_20_X, 'index.handler'],
    ['trailingSlash', lambda.Runtime.NODEJS_20_X, 'index.handler'],
    ['parseIdTokenToCredential-OR', lambda.Runtime.PYTHON_3_12, 'index.handler_for_apigw_origin_request'],
  ];
  for (const [name, runtime, handler] of functions) {
    const fn = new lambda.Function(stack, name, {
      functionName: `${name}-edge-prod`,
      runtime,
      handler,
      role,
      architecture: lambda.Architecture.X86_64,
      code: lambda.Code.fromInline(runtime === lambda.Runtime.PYTHON_3_12 ? 'def handler_for_apigw_origin_request(event, context):\n    return event["Records"][0]["cf"]["request"]\n' : 'exports.handler = async (event) => event.Records[0].cf.request;'),
    });
    new lambda.Alias(stack, `${name}Alias`, { aliasName: 'latest', version: fn.currentVersion });
    new XRegionParam(stack, `x-region-param-${name}`, 'ap-northeast-1').putSsmParameter({
      parameterName: `/zenn-example/prod/${id}/${name}`,
      parameterValue: `${fn.functionArn}:${fn.currentVersion.version}`,
      parameterDataType: 'text',
      idName: `x-region-param-id-${id}`,
    });
  }
  return templateOf(app, stack);
}
