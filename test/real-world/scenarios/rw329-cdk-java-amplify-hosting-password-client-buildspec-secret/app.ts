/**
 * Written after afifpatel/cdk-java-cognito-amplify-hosting (src/main/java/com/myorg/CognitoHostingStack.java), a Java
 * CDK app rewritten in TypeScript: a self-sign-up user pool, a client with SRP and the password flow (no oAuth given,
 * so the L2's OAuth defaults apply), a hosted domain, outputs of the pool and client ids (one output id ends in "="),
 * and an Amplify Hosting app for a Next.js site from GitHub whose OAuth token is a Secrets Manager reference and
 * whose build spec's build commands write NEXTAUTH_SECRET (a base64 literal), NEXTAUTH_URL and the Cognito ids into
 * .env.production; environment variables, a rewrite rule, and main/dev branches. The Amplify alpha package is not a
 * dependency here, so the app and branches are written as the L1s it renders (with its service role). The secret's
 * value is made up.
 */
import { CfnOutput, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as amplify from 'aws-cdk-lib/aws-amplify';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CognitoHostingStack');
  const userPool = new cognito.UserPool(stack, 'aletha-userpool', {
    userPoolName: 'aletha-userpool',
    removalPolicy: RemovalPolicy.DESTROY,
    signInAliases: { email: true },
    selfSignUpEnabled: true,
    autoVerify: { email: true },
    userVerification: { emailSubject: 'Please verify your email.', emailBody: 'Thanks for registration! Your code is {####}', emailStyle: cognito.VerificationEmailStyle.CODE },
    standardAttributes: { email: { required: true, mutable: true }, familyName: { required: true, mutable: false } },
    customAttributes: { created_at: new cognito.DateTimeAttribute() },
  });
  const client = userPool.addClient('aletha-userpool-client', { userPoolClientName: 'aletha-userpool-client', generateSecret: false, authFlows: { userSrp: true, userPassword: true } });
  userPool.addDomain('alethadomain', { cognitoDomain: { domainPrefix: 'alethadomain' } });
  new CfnOutput(stack, 'COGNITO_ID=', { value: userPool.userPoolId });
  new CfnOutput(stack, 'COGNITO_CLIENT_ID', { value: client.userPoolClientId });
  const buildSpec = codebuild.BuildSpec.fromObjectToYaml({
    version: '1.0',
    applications: [{
      appRoot: 'next-tailwind-auth',
      frontend: {
        buildPath: 'next-tailwind-auth',
        phases: {
          preBuild: { commands: ['npm ci'] },
          build: {
            commands: [
              'npm run build',
              'echo "NEXTAUTH_SECRET=Zt4nQ8wLk2Rv7Hx1Pm5Cy9Ub3Je6Gd0Sa4Fo8Wq2TiK=" >> .env.production',
              'if [ "$AWS_BRANCH" = "main" ]; then echo "NEXTAUTH_URL=https://main.${AWS_APP_ID}.amplifyapp.com/" >> .env.production; fi',
              `echo "COGNITO_ID=${userPool.userPoolId}" >> .env.production`,
              `echo "COGNITO_CLIENT_ID${client.userPoolClientId}" >> .env.production`,
            ],
          },
        },
        artifacts: { files: ['**/*'], baseDirectory: '.next' },
        cache: { paths: ['node_modules/**/*', '.next/cache/**/*'] },
      },
    }],
  });
  const role = new iam.Role(stack, 'next-auth-app-amplify-hostingRole', { assumedBy: new iam.ServicePrincipal('amplify.amazonaws.com') });
  const amplifyApp = new amplify.CfnApp(stack, 'next-auth-app-amplify-hosting', {
    name: 'next-auth-app-amplify-hosting',
    repository: 'https://github.com/afifpatel/next-tailwind-auth',
    oauthToken: SecretValue.secretsManager('amplify-hosting-git-token').unsafeUnwrap(),
    iamServiceRole: role.roleArn,
    platform: 'WEB_COMPUTE',
    enableBranchAutoDeletion: true,
    buildSpec: buildSpec.toBuildSpec(),
    customRules: [{ source: '/<*>', target: '/index.html', status: '404-200' }],
    environmentVariables: [
      { name: 'COGNITO_ID', value: userPool.userPoolId },
      { name: 'COGNITO_CLIENT_ID', value: client.userPoolClientId },
      { name: '_CUSTOM_IMAGE', value: 'amplify:al2023' },
      { name: '_LIVE_UPDATES', value: '[{"pkg":"next-version","type":"internal","version":"latest"}]' },
    ],
  });
  new amplify.CfnBranch(stack, 'main', { appId: amplifyApp.attrAppId, branchName: 'main', stage: 'PRODUCTION', enableAutoBuild: true });
  new amplify.CfnBranch(stack, 'dev', { appId: amplifyApp.attrAppId, branchName: 'dev', stage: 'DEVELOPMENT', enablePerformanceMode: true, enableAutoBuild: true });
  return templateOf(app, stack);
}
