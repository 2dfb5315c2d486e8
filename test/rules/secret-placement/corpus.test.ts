/**
 * The fifteen real templates in ../shared/corpus/real-templates (read in place, never copied into this repository).
 * Every template is audited without throwing, no message repeats a secret-looking literal, and the findings are
 * pinned with a judgement each, so a change in behaviour on real input shows up here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { auditTemplate } from '../../../rules/engine/run';
import { ALL_RULES } from '../../../rules/registry';
import { loadTemplate } from './fixtures';
import { leakedRun, secretLookingLiterals } from './redaction';

/** Where the corpus is: TOKEN_GUARD_REAL_TEMPLATES, the shared folder, or beside the main checkout. */
const CANDIDATES = [
  process.env.TOKEN_GUARD_REAL_TEMPLATES,
  '/work/shared/corpus/real-templates',
  path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'real-templates'),
].filter((c): c is string => c !== undefined && c !== '');
const CORPUS = CANDIDATES.find((c) => fs.existsSync(c));
const FILES = CORPUS === undefined ? [] : fs.readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

/** Expected secret-placement findings per template, each a true positive (see the comments). */
const EXPECTED: Record<string, string[]> = {
  // GetAtt of the app client's ClientSecret in SAM Globals: every function gets the secret in plaintext.
  '01-sp-apigw-lambda-cognito-sam-java.yaml': ['TokenGuard-SEC1 violation Function Globals.Function.Environment.Variables.MY_COGNITO_POOL_APP_CLIENT_SECRET'],
  // OauthToken is NoEcho with an empty Default: accepted. Env vars hold the pool and client ids: fine.
  '02-sp-amplify-cognito-apigw-lambda-envvariables.yaml': [],
  '03-sp-cognito-user-pool.yaml': [],
  '04-sp-cognito-httpapi-auth.yaml': [],
  // The broker password parameter (used as MQ password and in a SecretString) is not NoEcho.
  '05-sp-activemq-lambda-sam-java.yaml': ['TokenGuard-SEC6 violation password Parameters.password.NoEcho'],
  // Client secret and password come in as NoEcho parameters with placeholder defaults and go into the connection by dynamic reference.
  '06-sp-eventbridge-api-destinations-oauth.yaml': [],
  // The client secret (a parameter without NoEcho, or a custom resource's lookup) is exported as an output and baked into the Lambda@Edge configuration.
  '07-cloudfront-authorization-at-edge.yaml': [
    'TokenGuard-SEC6 violation UserPoolClientSecret Parameters.UserPoolClientSecret.NoEcho',
    // One finding for the output's Fn::If, whose branches carry the secret two ways.
    'TokenGuard-SEC7 violation ClientSecret Outputs.ClientSecret.Value',
    'TokenGuard-SEC9 violation CheckAuthHandlerCodeUpdate Properties.Configuration',
    'TokenGuard-SEC9 violation ParseAuthHandlerCodeUpdate Properties.Configuration',
    'TokenGuard-SEC9 violation RefreshAuthHandlerCodeUpdate Properties.Configuration',
    'TokenGuard-SEC9 violation SignOutHandlerCodeUpdate Properties.Configuration',
  ],
  // An API key value shipped as the Default of a visible parameter.
  '08-saas-factory-serverless-saas-cognito.yaml': [
    'TokenGuard-SEC6 violation ApiKeyOperationUsersParameter Parameters.ApiKeyOperationUsersParameter.Default',
    'TokenGuard-SEC6 violation ApiKeyOperationUsersParameter Parameters.ApiKeyOperationUsersParameter.NoEcho',
  ],
  // CDK's AwsCustomResource reads the client secret into a Secrets Manager secret: the right destination.
  '09-cdk-integ-user-pool-client-explicit-props.json': [],
  // The describeUserPoolClient call does not hide its response, so the provider logs the client secret.
  '10-cdk-integ-user-pool-client-secret-logged.json': ['TokenGuard-SEC12 violation poolclientDescribeCognitoUserPoolClient51F12EBD Properties.Create'],
  // The Google client secret reaches the identity provider by a Join-built dynamic reference.
  '11-cdk-integ-user-pool-idp-google.json': [],
  '12-cfn-templates-rainmodules-cognito.yaml': [],
  // The AD password is a Secrets Manager dynamic reference.
  '13-cfn-templates-managedad.yaml': [],
  // A Slack token parameter without NoEcho, passed on into a function environment.
  '14-lambda-to-slack.yaml': [
    'TokenGuard-SEC1 violation PostSlack Properties.Environment.Variables.SLACK_TOKEN',
    'TokenGuard-SEC6 violation SlackToken Parameters.SlackToken.NoEcho',
  ],
  // SLACK_BOT_TOKEN_PARAM holds an SSM path: the trap peers fall into.
  '15-serverless-slack.yaml': [],
};

describe('the 15 real templates', () => {
  test(`the corpus is all there (looked in ${CANDIDATES.join(', ')}; set TOKEN_GUARD_REAL_TEMPLATES to point elsewhere)`, () => {
    expect(CORPUS).toBeDefined();
    expect(FILES).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.keys(EXPECTED))('%s: audited without throwing, findings as judged, nothing leaked', (file) => {
    const template = loadTemplate(path.join(CORPUS ?? '', file));
    let findings: ReturnType<typeof auditTemplate> = [];
    expect(() => {
      findings = auditTemplate(template, { rules: ALL_RULES });
    }).not.toThrow();
    expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
    const mine = findings.filter((f) => f.ruleId.startsWith('TokenGuard-SEC'));
    expect(mine.map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort()).toEqual(EXPECTED[file]);
    expect(leakedRun(findings, secretLookingLiterals(template))).toBeUndefined();
  });
});
