/**
 * A miss found by the holdout rw514-rw538 (rw530, rw537): CodeBuild's SourceCredential Token and a CodePipeline GitHub
 * source action's OAuthToken given as an `AWS::SSM::Parameter::Value<String>` parameter (NoEcho, its Default the SSM
 * parameter's name: `codebuild-github-token`), the pattern of many CI templates that keep a personal access token in
 * Parameter Store. SSM parameter types cannot read SecureString parameters, so the token is the content of a
 * plaintext String parameter; SEC6 rightly says nothing of the parameter (NoEcho, its Default a name) and SEC11 left
 * parameters to SEC6, so the credential passed silently. SEC11 now reports a credential property fed from an
 * SSM-typed parameter, as it reports `{{resolve:ssm:…}}` and the Value of a String parameter.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const sec11 = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'TokenGuard-SEC11').map((f) => `${f.kind} ${f.logicalId} ${f.path}`).sort();
const sourceCredential = (token: unknown, parameters: Record<string, unknown>) => ({
  Parameters: parameters,
  Resources: {
    GitHubCredential: { Type: 'AWS::CodeBuild::SourceCredential', Properties: { ServerType: 'GITHUB', AuthType: 'PERSONAL_ACCESS_TOKEN', Token: token } },
  },
});
const pipeline = (token: unknown, parameters: Record<string, unknown>) => ({
  Parameters: parameters,
  Resources: {
    Pipeline: {
      Type: 'AWS::CodePipeline::Pipeline',
      Properties: {
        RoleArn: 'arn:aws:iam::123456789012:role/pipeline',
        ArtifactStore: { Type: 'S3', Location: 'artifacts' },
        Stages: [
          {
            Name: 'Source',
            Actions: [
              {
                Name: 'GitHub',
                ActionTypeId: { Category: 'Source', Owner: 'ThirdParty', Provider: 'GitHub', Version: '1' },
                OutputArtifacts: [{ Name: 'Src' }],
                Configuration: { Owner: 'example-org', Repo: 'app', Branch: 'main', OAuthToken: token },
              },
            ],
          },
        ],
      },
    },
  },
});

describe('credential properties fed from SSM-typed parameters', () => {
  test('compliant: a NoEcho String parameter without Default, a Secrets Manager reference, an SSM-typed parameter outside credentials', () => {
    expect(sec11(audit(sourceCredential({ Ref: 'Token' }, { Token: { Type: 'String', NoEcho: true } })))).toEqual([]);
    expect(sec11(audit(pipeline('{{resolve:secretsmanager:github-token:SecretString:::}}', {})))).toEqual([]);
    const elsewhere = {
      Parameters: { RepoName: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/ci/repo-name' } },
      Resources: { Repo: { Type: 'AWS::ECR::Repository', Properties: { RepositoryName: { Ref: 'RepoName' } } } },
    };
    expect(sec11(audit(elsewhere))).toEqual([]);
  });

  test('non-compliant: the token is the content of a plaintext SSM String parameter', () => {
    const ssmTyped = (Default: string) => ({ Token: { Type: 'AWS::SSM::Parameter::Value<String>', NoEcho: true, Default } });
    expect(sec11(audit(sourceCredential({ Ref: 'Token' }, ssmTyped('codebuild-github-token'))))).toEqual(['violation GitHubCredential Properties.Token']);
    expect(sec11(audit(pipeline({ Ref: 'Token' }, ssmTyped('github-oauth-token'))))).toEqual([
      'violation Pipeline Properties.Stages.0.Actions.0.Configuration.OAuthToken',
    ]);
    // Whatever the SSM parameter is called: the type, not the name, says where the value lives.
    expect(sec11(audit(sourceCredential({ Ref: 'Token' }, { Token: { Type: 'AWS::SSM::Parameter::Value<String>' } })))).toEqual([
      'violation GitHubCredential Properties.Token',
    ]);
  });

  test('cannot tell: an imported token is still a cannot-tell', () => {
    expect(sec11(audit(sourceCredential({ 'Fn::ImportValue': 'ci-github-token' }, {})))).toEqual(['cannot-tell GitHubCredential Properties.Token']);
  });
});
