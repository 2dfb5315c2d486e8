/**
 * Adversarial templates (issue 14): the shapes that made a pattern or a loop of the rule engine cost the square of
 * their size, each filled up to CloudFormation's template limit (1 MB given by S3 URL; here 1,000,000 bytes of JSON)
 * or nested as deep as the audit CLI allows by default. The audit benchmark times the CLI on them against the floor
 * of the same file; test/engine/linear-work.test.ts audits them and bounds the work by their size.
 *
 * No value here is a credential: token-shaped literals come from the tests' seeded fake generator.
 */
import { fake } from '../test/rules/secret-placement/fixtures';
import { generateTemplate } from './generate-templates';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** CloudFormation's largest template (given by S3 URL), in bytes. */
export const TEMPLATE_LIMIT = 1_000_000;

/** The audit CLI's default nesting limit (`--max-depth`): the template is level 1, `Resources` 2, a resource 3. */
export const DEFAULT_DEPTH_LIMIT = 40;

export interface AdversarialTemplate {
  /** A file name without extension. */
  readonly name: string;
  /** What it is, for the benchmark's table. */
  readonly label: string;
  readonly template: Record<string, Json>;
  /** How it is written: minified (one line) or as `cdk synth` writes JSON (one-space indentation). */
  readonly minified: boolean;
}

/** The template as its file holds it. */
export function adversarialJson(t: AdversarialTemplate): string {
  return t.minified ? JSON.stringify(t.template) : `${JSON.stringify(t.template, undefined, 1)}\n`;
}

const PEM_LABELS = ['RSA ', 'EC ', 'DSA ', 'OPENSSH ', 'ENCRYPTED ', 'PGP ', ''];

/** `text` repeated to `length` characters. */
function repeatTo(text: string, length: number): string {
  return text.repeat(Math.ceil(length / text.length)).slice(0, length);
}

const fn = (environment: Record<string, Json>, extra: Record<string, Json> = {}): Json => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/fn', Code: { ZipFile: 'exports.handler = async () => ({});' }, Environment: { Variables: environment }, ...extra },
});

/** One environment value of 950 KB: PEM private-key openers of every form, none with its END line (SEC1 and SEC10 scan it). */
function pemOpeners(): AdversarialTemplate {
  const openers = PEM_LABELS.map((l) => `-----BEGIN ${l}PRIVATE KEY-----\n`).join('');
  return {
    name: 'pem-openers',
    label: 'one 950 KB value of unmatched PEM openers',
    minified: false,
    template: { Resources: { Fn: fn({ KEY: repeatTo(openers, 950_000) }) } },
  };
}

/**
 * 8,000 token literals (GitHub-format, each distinct) on one minified line: 4,000 in one value (one finding, the
 * rest counted in its message) and one in each of 4,000 tags (4,000 findings: 1,000 reported, the rest counted).
 */
function tokenLiterals(): AdversarialTemplate {
  const token = (i: number) => fake.github(1000 + i);
  return {
    name: 'token-literals',
    label: '8,000 token literals on one line (4,000 in one value)',
    minified: true,
    template: {
      Resources: {
        OneValue: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: Array.from({ length: 4000 }, (_, i) => token(i)).join(' ') } },
        Tagged: { Type: 'AWS::S3::Bucket', Properties: { Tags: Array.from({ length: 4000 }, (_, i) => ({ Key: `t${i}`, Value: token(4000 + i) })) } },
      },
    },
  };
}

/**
 * Very long values where the engine's patterns once crossed the same text again and again: 600 KB of inline code
 * full of near-misses (unclosed dynamic references, PEM openers, `eyJ` without dots), an environment variable whose
 * name is 100 KB of capitals, a secret string with 100 KB of spaces after a JSON key, a secret ARN of 100 KB of
 * `:secret:` before a line break. A real dynamic reference at the end of the code is found (SEC8).
 */
function longValues(): AdversarialTemplate {
  const misses = '{{resolve:ssm-secure:/app/x}-----BEGIN EC PRIVATE KEY-----eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9 ';
  return {
    name: 'long-values',
    label: 'very long values (code, a name, a secret string, an ARN)',
    minified: false,
    template: {
      Parameters: { DbPassword: { Type: 'String', NoEcho: true } },
      Resources: {
        Fn: fn({ [repeatTo('A', 100_000)]: 'x' }, { Code: { ZipFile: `${repeatTo(misses, 600_000)}{{resolve:secretsmanager:prod/app}}` } }),
        Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { KmsKeyId: 'alias/app', SecretString: { 'Fn::Sub': `{"password":${repeatTo(' ', 100_000)}x\${DbPassword}"}` } } },
        Rotation: {
          Type: 'AWS::SecretsManager::RotationSchedule',
          Properties: { SecretId: `${repeatTo(':secret:', 100_000)}\n`, RotationLambdaARN: 'arn:aws:lambda:eu-west-1:123456789012:function:r', RotationRules: { AutomaticallyAfterDays: 30 } },
        },
      },
    },
  };
}

/** App clients left at Cognito's defaults with the implicit grant and password flows: about 3,200 findings, capped. */
function manyFindings(): AdversarialTemplate {
  const resources: Record<string, Json> = {};
  for (let i = 0; i < 400; i++) {
    resources[`Client${i}`] = {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: { UserPoolId: 'eu-west-1_pool', AllowedOAuthFlows: ['implicit'], AllowedOAuthFlowsUserPoolClient: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], CallbackURLs: [`http://localhost:${3000 + i}/cb`] },
    };
  }
  return { name: 'many-findings', label: '400 risky app clients (3,200 findings)', minified: false, template: { Resources: resources } };
}

/** Resources whose properties nest to the CLI's default depth limit, with intrinsics at the bottom, up to 1 MB. */
function deepNesting(): AdversarialTemplate {
  // Levels: template 1, Resources 2, resource 3, Properties 4, Tags 5, the list's element 6, … down to DEFAULT_DEPTH_LIMIT.
  let value: Json = { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::bucket/${AWS::StackName}' };
  for (let level = DEFAULT_DEPTH_LIMIT - 1; level >= 5; level--) value = level % 2 === 0 ? [value] : { Deeper: value };
  const resource: Json = { Type: 'Custom::Deep', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:x', Tags: value } };
  return { name: 'deep-nesting', label: `nesting to the depth limit (${DEFAULT_DEPTH_LIMIT}), 1 MB`, minified: false, template: fill((i) => [`Deep${i}`, resource]) };
}

/** The generated service template (one unit in eight risky) with as many resources as 1 MB holds. */
function atTheLimit(): AdversarialTemplate {
  const template = largest((n) => generateTemplate({ resources: n, riskyEvery: 8 }) as Record<string, Json>);
  const count = Object.keys(template.Resources as object).length;
  return { name: 'at-1mb', label: `a template at the 1 MB limit (${count.toLocaleString('en-US')} resources)`, minified: false, template };
}

/** A template of resources made by `make`, as many as 1 MB of one-space-indented JSON holds. */
function fill(make: (i: number) => [string, Json]): Record<string, Json> {
  return largest((n) => ({ Resources: Object.fromEntries(Array.from({ length: n }, (_, i) => make(i))) }));
}

/** The largest of `make(n)` whose JSON fits in {@link TEMPLATE_LIMIT}, from an estimate made at 1,000. */
function largest(make: (n: number) => Record<string, Json>): Record<string, Json> {
  const size = (t: Record<string, Json>) => JSON.stringify(t, undefined, 1).length + 1;
  let n = Math.floor((1000 * TEMPLATE_LIMIT) / size(make(1000)));
  let template = make(n);
  while (size(template) > TEMPLATE_LIMIT) template = make((n = Math.floor(n * 0.99)));
  return template;
}

/** Every adversarial template, in the benchmark's order. */
export function adversarialTemplates(): AdversarialTemplate[] {
  return [pemOpeners(), tokenLiterals(), longValues(), manyFindings(), deepNesting(), atTheLimit()];
}
