/**
 * Written after 0Itsuki0/Cognito_APIGatewayProxy_CDK (cdk/lib/handler-stack.ts): a user pool with a post-confirmation
 * trigger, an SRP-only code-flow client for a Next.js front end on http://localhost:3000 (60-minute access and ID tokens,
 * 5-day refresh tokens, revocation and PreventUserExistenceErrors on, a 3-minute auth session), a managed-login (v2)
 * domain and a CfnManagedLoginBranding whose settings JSON is full of RGBA colours. The trigger is a Rust function in
 * the source (cargo-lambda-cdk, a Construct Hub package); here an inline function. Names are ours.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

const mode = (bg: string, border: string, text: string) => ({ backgroundColor: bg, borderColor: border, textColor: text });

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CognitoDemoStack', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  const trigger = new lambda.Function(stack, 'CognitoDemoTriggerLambda', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    architecture: lambda.Architecture.ARM_64,
    code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
    timeout: Duration.minutes(5),
  });
  const userPool = new cognito.UserPool(stack, 'CognitoDemoPool', {
    userPoolName: 'CognitoDemoPool',
    selfSignUpEnabled: true,
    userVerification: { emailSubject: 'Verify your email', emailBody: 'Thanks for signing up! Your verification code is {####}', emailStyle: cognito.VerificationEmailStyle.CODE },
    autoVerify: { email: true, phone: false },
    mfa: cognito.Mfa.OFF,
    signInAliases: { username: false, email: true, phone: false },
    standardAttributes: { email: { required: true, mutable: true }, fullname: { required: true, mutable: true } },
    keepOriginal: { email: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    removalPolicy: RemovalPolicy.DESTROY,
    lambdaTriggers: { postConfirmation: trigger },
  });
  const client = userPool.addClient('CognitoDemoClient', {
    userPoolClientName: 'CognitoDemoClient',
    authFlows: { userSrp: true },
    disableOAuth: false,
    oAuth: {
      callbackUrls: ['http://localhost:3000/auth/callback'],
      logoutUrls: ['http://localhost:3000'],
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
    },
    authSessionValidity: Duration.minutes(3),
    refreshTokenValidity: Duration.days(5),
    accessTokenValidity: Duration.minutes(60),
    idTokenValidity: Duration.minutes(60),
    enableTokenRevocation: true,
    preventUserExistenceErrors: true,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
  });
  new cognito.CfnUserPoolDomain(stack, 'CognitoDemoManagedLoginDomain', { domain: 'itsuki-demo-111122223333', userPoolId: userPool.userPoolId, managedLoginVersion: 2 });
  new cognito.CfnManagedLoginBranding(stack, 'CognitoDemoManagedLoginBranding', {
    userPoolId: userPool.userPoolId,
    clientId: client.userPoolClientId,
    useCognitoProvidedValues: false,
    settings: {
      components: {
        secondaryButton: {
          lightMode: { hover: mode('f2f8fdff', '033160ff', '033160ff'), defaults: mode('ffffffff', '0972d3ff', '0972d3ff'), active: mode('d3e7f9ff', '033160ff', '033160ff') },
          darkMode: { hover: mode('192534ff', '89bdeeff', '89bdeeff'), defaults: mode('0f1b2aff', 'ffffffff', 'ffffffff'), active: mode('354150ff', '89bdeeff', '89bdeeff') },
        },
        form: { lightMode: { backgroundColor: 'ffffffff', borderColor: 'c6c6cdff' }, borderRadius: 8.0, backgroundImage: { enabled: false }, logo: { location: 'CENTER', position: 'TOP', enabled: false, formInclusion: 'OUT' }, darkMode: { backgroundColor: '232323cc', borderColor: '232323cc' } },
        favicon: { enabledTypes: ['ICO', 'SVG'] },
        pageBackground: { image: { enabled: false }, lightMode: { color: 'ffffffff' }, darkMode: { color: '000000cc' } },
        pageText: { lightMode: { bodyColor: '414d5cff', headingColor: '000716ff', descriptionColor: '414d5cff' }, darkMode: { bodyColor: 'b6bec9ff', headingColor: 'd1d5dbff', descriptionColor: 'b6bec9ff' } },
      },
      componentClasses: { dropDown: { lightMode: { hover: { itemBackgroundColor: 'f4f4f4ff', itemBorderColor: '7d8998ff', itemTextColor: '000716ff' } }, borderRadius: 8.0 } },
      categories: { auth: { authMethodOrder: [[{ display: 'BUTTON', type: 'FEDERATED' }, { display: 'INPUT', type: 'USERNAME_PASSWORD' }]], federation: { interfaceStyle: 'BUTTON_LIST', order: [] } }, global: { colorSchemeMode: 'LIGHT', pageHeader: { enabled: false }, pageFooter: { enabled: false } } },
    },
  });
  return templateOf(app, stack);
}
