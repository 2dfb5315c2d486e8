/** SEC1-SEC4: secret material in the environment variables of functions, containers, builds and batch jobs. */
import { fake } from './fixtures';
import { fn, sec, summary, template } from './helpers';

const SECRET_ATTR = { 'Fn::GetAtt': ['Client', 'ClientSecret'] };

describe('TokenGuard-SEC1 FunctionEnvironmentSecret', () => {
  test('compliant: ids, ARNs, names and paths, whatever the variables are called', () => {
    const t = template(
      {
        Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: {} } },
        Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Name: '/prod/slack/token', Value: 'not-a-secret' } },
        Fn: fn({
          CLIENT_ID: { Ref: 'Client' },
          CLIENT_SECRET_ARN: { Ref: 'Secret' },
          APP_CLIENT_SECRET_NAME: 'prod/app/client-secret',
          SLACK_BOT_TOKEN_PARAM: '/prod/slack/token',
          TOKEN_PARAMETER_NAME: { Ref: 'Param' },
          USER_POOL_ID: { Ref: 'Pool' },
          TOKEN: { 'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/token' },
        }),
      },
    );
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: GetAtt ClientSecret in a Lambda function, with source and destination in the message', () => {
    const [f, ...rest] = sec(template({ Fn: fn({ APP_SECRET: SECRET_ATTR }) }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ruleId: 'TokenGuard-SEC1', kind: 'violation', severity: 'error', logicalId: 'Fn', path: 'Properties.Environment.Variables.APP_SECRET' });
    expect(f.message).toMatch(/^ClientSecret of Client reaches Properties\.Environment\.Variables\.APP_SECRET of Fn: Lambda keeps/);
  });

  test('non-compliant: SAM Globals.Function says "of every function"; a SAM function too', () => {
    const t = template(
      { Api: fn({ TOKEN: { Ref: 'SlackToken' } }, 'AWS::Serverless::Function') },
      {
        Transform: 'AWS::Serverless-2016-10-31',
        Parameters: { SlackToken: { Type: 'String', NoEcho: true } },
        Globals: { Function: { Environment: { Variables: { APP_SECRET: { 'Fn::Sub': '${Client.ClientSecret}' } } } } },
      },
    );
    const found = sec(t);
    expect(summary(found)).toEqual([
      'TokenGuard-SEC1 violation Api Properties.Environment.Variables.TOKEN',
      'TokenGuard-SEC1 violation Function Globals.Function.Environment.Variables.APP_SECRET',
    ]);
    expect(found.find((f) => f.section === 'Globals')!.message).toContain(
      'ClientSecret of Client reaches Globals.Function.Environment.Variables.APP_SECRET of every function',
    );
    expect(found.find((f) => f.logicalId === 'Api')!.message).toMatch(/^Parameter SlackToken \(NoEcho; named like a token\) reaches Properties\.Environment\.Variables\.TOKEN of Api/);
  });

  test('non-compliant: a Secrets Manager dynamic reference resolves into plaintext, also when built by Fn::Join as CDK does', () => {
    const t = template({
      Fn: fn({
        A: '{{resolve:secretsmanager:prod/slack:SecretString:token}}',
        B: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Client' }, ':SecretString:::}}']] },
        C: '{{resolve:ssm-secure:/prod/db/password}}',
        D: '{{resolve:ssm:/prod/app/url}}',
      }),
    });
    const found = sec(t);
    expect(summary(found)).toEqual([
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.A',
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.B',
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.C',
    ]);
    expect(found[1].message).toContain('{{resolve:secretsmanager:<a reference to Client>:SecretString:::}} (a Secrets Manager dynamic reference, resolved at deploy time) reaches');
  });

  test('non-compliant: token-shaped literals and generated-looking values under secret-named keys, never printed', () => {
    const github = fake.github();
    const secret = fake.clientSecret();
    const found = sec(template({ Fn: fn({ DEPLOY: github, COGNITO_CLIENT_SECRET: secret, DB_PASSWORD: 'hunter2hunter2' }) }));
    expect(summary(found)).toEqual([
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.COGNITO_CLIENT_SECRET',
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.DB_PASSWORD',
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.DEPLOY',
    ]);
    const messages = found.map((f) => f.message).join('\n');
    expect(messages).toMatch(/A literal GitHub token \(40 chars, sha256 [0-9a-f]{8}\)/);
    expect(messages).toMatch(/A literal that looks like a generated client secret \(52 chars, sha256 [0-9a-f]{8}\)/);
    expect(messages).toMatch(/A literal password \(14 chars/);
    for (const s of [github, secret, 'hunter2']) expect(messages).not.toContain(s);
  });

  test('Fn::If: each branch judged, and the finding names the condition it depends on', () => {
    const t = template(
      { Fn: fn({ SECRET: { 'Fn::If': ['IsProd', { 'Fn::GetAtt': ['Client', 'ClientSecret'] }, 'none'] } }) },
      { Parameters: { Env: { Type: 'String' } }, Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } } },
    );
    const [f] = sec(t);
    expect(f.conditions).toEqual(['IsProd=true']);
  });

  test('cannot tell: an import named like a secret, and an intrinsic the engine does not evaluate', () => {
    const t = template({
      Fn: fn({
        SHARED_TOKEN: { 'Fn::ImportValue': 'shared-slack-token' },
        VPC_ID: { 'Fn::ImportValue': 'network-VpcId' },
        TRANSFORMED: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: {} } },
      }),
    });
    const found = sec(t);
    expect(summary(found)).toEqual([
      'TokenGuard-SEC1 cannot-tell Fn Properties.Environment.Variables.SHARED_TOKEN',
      'TokenGuard-SEC1 cannot-tell Fn Properties.Environment.Variables.TRANSFORMED',
    ]);
    expect(found[0].severity).toBe('warning');
    expect(found[0].message).toBe('Cannot tell whether Properties.Environment.Variables.SHARED_TOKEN of Fn holds a secret: its value comes from Fn::ImportValue shared-slack-token.');
  });
});

describe('TokenGuard-SEC2 TaskDefinitionEnvironmentSecret', () => {
  const task = (environment: unknown[], secrets: unknown[] = []) => ({
    Type: 'AWS::ECS::TaskDefinition',
    Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'public.ecr.aws/app:1', Environment: environment, Secrets: secrets }] },
  });

  test('compliant: Secrets with ValueFrom, and names in Environment', () => {
    const t = template({
      Task: task(
        [{ Name: 'TOKEN_SECRET_ARN', Value: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/token-AbCdEf' }, { Name: 'CLIENT_ID', Value: { Ref: 'Client' } }],
        [{ Name: 'TOKEN', ValueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/token-AbCdEf' }],
      ),
    });
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: a client secret and a JWE (a Cognito refresh token) in Environment', () => {
    const found = sec(template({ Task: task([{ Name: 'CLIENT_SECRET', Value: { 'Fn::GetAtt': ['Client', 'ClientSecret'] } }, { Name: 'RT', Value: fake.jwe() }]) }));
    expect(summary(found)).toEqual([
      'TokenGuard-SEC2 violation Task Properties.ContainerDefinitions.0.Environment.0.Value',
      'TokenGuard-SEC2 violation Task Properties.ContainerDefinitions.0.Environment.1.Value',
    ]);
    expect(found[0].message).toContain('reaches Properties.ContainerDefinitions.0.Environment.0.Value (CLIENT_SECRET) of container app in Task');
    expect(found[1].message).toContain('A literal JWE (five segments: the shape of a Cognito refresh token)');
  });

  test('cannot tell: a value imported under a secret-named variable, and a container list that is an import', () => {
    const t = template({
      Task: task([{ Name: 'API_TOKEN', Value: { 'Fn::ImportValue': 'tokens-Api' } }]),
      Other: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: { 'Fn::ImportValue': 'containers' } } },
    });
    expect(summary(sec(t))).toEqual([
      'TokenGuard-SEC2 cannot-tell Other Properties.ContainerDefinitions',
      'TokenGuard-SEC2 cannot-tell Task Properties.ContainerDefinitions.0.Environment.0.Value',
    ]);
  });
});

describe('TokenGuard-SEC3 CodeBuildEnvironmentSecret', () => {
  const project = (variables: unknown[]) => ({
    Type: 'AWS::CodeBuild::Project',
    Properties: { Environment: { ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0', Type: 'LINUX_CONTAINER', EnvironmentVariables: variables } },
  });

  test('compliant: SECRETS_MANAGER and PARAMETER_STORE variables hold names', () => {
    const t = template({
      Build: project([
        { Name: 'GITHUB_TOKEN', Type: 'SECRETS_MANAGER', Value: 'ci/github:token' },
        { Name: 'SLACK_TOKEN', Type: 'PARAMETER_STORE', Value: '/ci/slack/token' },
        { Name: 'STAGE', Value: 'prod' },
      ]),
    });
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: PLAINTEXT (explicit or by default) with a NoEcho parameter or a literal token', () => {
    const t = template(
      { Build: project([{ Name: 'NPM', Type: 'PLAINTEXT', Value: { Ref: 'NpmToken' } }, { Name: 'SLACK', Value: fake.slackBot() }]) },
      { Parameters: { NpmToken: { Type: 'String', NoEcho: true } } },
    );
    const found = sec(t);
    expect(summary(found)).toEqual([
      'TokenGuard-SEC3 violation Build Properties.Environment.EnvironmentVariables.0.Value',
      'TokenGuard-SEC3 violation Build Properties.Environment.EnvironmentVariables.1.Value',
    ]);
    expect(found[1].message).toContain('A literal Slack token');
  });

  test('cannot tell: the Type comes from a parameter', () => {
    const t = template(
      { Build: project([{ Name: 'TOKEN', Type: { Ref: 'VarType' }, Value: { 'Fn::GetAtt': ['Client', 'ClientSecret'] } }]) },
      { Parameters: { VarType: { Type: 'String' } } },
    );
    const [f] = sec(t);
    expect(f).toMatchObject({ ruleId: 'TokenGuard-SEC3', kind: 'cannot-tell' });
    expect(f.message).toContain('which is plaintext if its Type, which comes from parameter VarType, is PLAINTEXT');
  });
});

describe('TokenGuard-SEC4 BatchJobEnvironmentSecret', () => {
  test('compliant: Secrets with ValueFrom; names in Environment', () => {
    const t = template({
      Job: {
        Type: 'AWS::Batch::JobDefinition',
        Properties: {
          Type: 'container',
          ContainerProperties: {
            Image: 'app:1',
            Environment: [{ Name: 'TOKEN_SECRET', Value: 'prod/token' }],
            Secrets: [{ Name: 'TOKEN', ValueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/token-AbCdEf' }],
          },
        },
      },
    });
    expect(sec(t)).toEqual([]);
  });

  test('non-compliant: single-container, multi-node, ECS-properties and EKS jobs', () => {
    const secret = { 'Fn::GetAtt': ['Client', 'ClientSecret'] };
    const t = template({
      Single: { Type: 'AWS::Batch::JobDefinition', Properties: { ContainerProperties: { Environment: [{ Name: 'S', Value: secret }] } } },
      Nodes: {
        Type: 'AWS::Batch::JobDefinition',
        Properties: { NodeProperties: { NodeRangeProperties: [{ TargetNodes: '0:', Container: { Environment: [{ Name: 'S', Value: secret }] } }] } },
      },
      Ecs: {
        Type: 'AWS::Batch::JobDefinition',
        Properties: { EcsProperties: { TaskProperties: [{ Containers: [{ Name: 'c', Environment: [{ Name: 'K', Value: fake.stripeLive() }] }] }] } },
      },
      Eks: { Type: 'AWS::Batch::JobDefinition', Properties: { EksProperties: { PodProperties: { Containers: [{ Env: [{ Name: 'S', Value: secret }] }] } } } },
    });
    expect(summary(sec(t))).toEqual([
      'TokenGuard-SEC4 violation Ecs Properties.EcsProperties.TaskProperties.0.Containers.0.Environment.0.Value',
      'TokenGuard-SEC4 violation Eks Properties.EksProperties.PodProperties.Containers.0.Env.0.Value',
      'TokenGuard-SEC4 violation Nodes Properties.NodeProperties.NodeRangeProperties.0.Container.Environment.0.Value',
      'TokenGuard-SEC4 violation Single Properties.ContainerProperties.Environment.0.Value',
    ]);
  });

  test('cannot tell: an environment list that is an import', () => {
    const t = template({ Job: { Type: 'AWS::Batch::JobDefinition', Properties: { ContainerProperties: { Environment: { 'Fn::ImportValue': 'job-env' } } } } });
    expect(summary(sec(t))).toEqual(['TokenGuard-SEC4 cannot-tell Job Properties.ContainerProperties.Environment']);
  });
});
