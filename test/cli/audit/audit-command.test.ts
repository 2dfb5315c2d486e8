/**
 * `token-guard audit` end to end, in-process through `main(argv, io)`: inputs, the text and JSON reports, exit
 * codes, policy from a config file and flags, pinned parameters, colour, stdin, --output, usage errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { formatText } from '../../../bin/cli/audit/format-text';
import type { AuditReport, ReportFinding } from '../../../bin/cli/audit/report';
import { main } from '../../../bin/token-guard';
import { MINIMAL_JSON, tempDir, write } from '../helpers';
import { CLEAN_JSON, RISKY_YAML, WARNINGS_ONLY_JSON, runCli } from './cli';

const tmp = tempDir('tg-audit-');
afterAll(() => tmp.cleanup());
const dir = tmp.dir;
const risky = write(dir, 'risky.yaml', RISKY_YAML);
const clean = write(dir, 'clean.json', CLEAN_JSON);
const warnings = write(dir, 'warnings.json', WARNINGS_ONLY_JSON);

const json = (stdout: string): AuditReport => JSON.parse(stdout) as AuditReport;

describe('exit codes', () => {
  it('0 when nothing is at error level, and the summary line says so', async () => {
    const run = await runCli(['audit', clean]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No findings in 1 template.\n');
    expect(run.errLines).toHaveLength(1);
    expect(run.errLines[0]).toMatch(/^token-guard audit: 1 file, 1 template: 0 errors, 0 warnings, 0 suppressed, 0 input errors in \d+\.\d\d s$/);
  });

  it('1 when an error finding remains', async () => {
    const run = await runCli(['audit', risky]);
    expect(run.code).toBe(1);
    expect(run.errLines.at(-1)).toMatch(/: 2 errors, 3 warnings, 0 suppressed, 0 input errors in /);
  });

  it('warnings alone pass, unless --fail-on warning; --fail-on none never fails on findings', async () => {
    expect((await runCli(['audit', warnings])).code).toBe(0);
    expect((await runCli(['audit', warnings, '--fail-on', 'warning'])).code).toBe(1);
    expect((await runCli(['audit', risky, '--fail-on', 'none'])).code).toBe(0);
  });

  it('2 for an input error, after auditing the other inputs (their findings are still reported)', async () => {
    const broken = write(dir, 'broken.json', '{"Resources": {');
    const run = await runCli(['audit', risky, broken, path.join(dir, 'missing.yaml'), clean, '--format', 'json']);
    expect(run.code).toBe(2);
    const report = json(run.stdout);
    expect(report.summary).toMatchObject({ files: 4, templates: 2, errors: 2, inputErrors: 2, exitCode: 2 });
    expect(report.errors.map((e) => [e.file, e.code])).toEqual([
      [path.join(dir, 'missing.yaml'), 'not-found'],
      [broken, 'syntax'],
    ]);
    expect(run.errLines.slice(0, 2)).toEqual([
      `token-guard: ${path.join(dir, 'missing.yaml')}: no such file or directory`,
      `token-guard: ${broken}:1:16: malformed JSON: expected '}' but found the end of the file`,
    ]);
  });
});

describe('the text report', () => {
  it('groups findings by file and resource, with position, level, rule, path, message, conditions and fix', async () => {
    const run = await runCli(['audit', risky, warnings]);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(risky);
    expect(lines[1]).toBe('  Client  AWS::Cognito::UserPoolClient');
    const implicit = lines.findIndex((l) => l.includes('TokenGuard-COG6'));
    expect(lines.slice(implicit, implicit + 4)).toEqual([
      '    16:7    error    TokenGuard-COG6 ImplicitGrant  at Properties.AllowedOAuthFlows',
      '            The implicit grant is enabled (AllowedOAuthFlows [code, implicit]); tokens travel in the redirect URL.',
      '            when IsProd=false',
      '            fix AllowedOAuthFlows: [code]',
    ]);
    expect(run.stdout).toContain(`\n${warnings}\n  Client  AWS::Cognito::UserPoolClient\n`);
    // Top to bottom, then by rule number.
    const order = lines.filter((l) => /^ {4}\d/.test(l)).map((l) => /TokenGuard-\w+/.exec(l)![0]);
    expect(order.slice(0, 5)).toEqual(['TokenGuard-COG1', 'TokenGuard-COG2', 'TokenGuard-COG3', 'TokenGuard-COG4', 'TokenGuard-COG6']);
    expect(run.stdout).not.toContain('\x1b[');
  });

  it('orders the findings at one place by rule family, then number: COG9 before COG10, both after AAA2', () => {
    const finding = (ruleId: string): ReportFinding => ({
      ...{ ruleId, ruleName: 'R', severity: 'warning', kind: 'violation', file: 't.json', section: 'Resources', logicalId: 'C' },
      ...{ path: 'Properties.X', line: 3, column: 4, message: 'm', rationale: 'r', fix: { cdk: 'c', cloudFormation: 'f' }, standards: [] },
    });
    // In the engine's (plain string) order, which puts COG10 before COG9.
    const findings = ['TokenGuard-AAA2', 'TokenGuard-COG1', 'TokenGuard-COG10', 'TokenGuard-COG12', 'TokenGuard-COG9', 'TokenGuard-SEC1'].map(finding);
    const template = { file: 't.json', fromCdk: false, findings, suppressed: [] };
    const text = formatText({ findings } as unknown as AuditReport, [template], { colour: false, verbose: false });
    expect([...text.matchAll(/TokenGuard-\w+/g)].map((m) => m[0])).toEqual(
      ['TokenGuard-AAA2', 'TokenGuard-COG1', 'TokenGuard-COG9', 'TokenGuard-COG10', 'TokenGuard-COG12', 'TokenGuard-SEC1'],
    );
  });

  it('colours a terminal, unless NO_COLOR or --no-color; --color always colours a pipe', async () => {
    expect((await runCli(['audit', risky], { tty: true })).stdout).toContain('\x1b[31merror');
    expect((await runCli(['audit', risky], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await runCli(['audit', risky, '--no-color'], { tty: true })).stdout).not.toContain('\x1b[');
    expect((await runCli(['audit', risky, '--color', 'always'])).stdout).toContain('\x1b[');
    const summary = (await runCli(['audit', risky], { tty: true })).errLines.at(-1)!;
    expect(summary).toContain('\x1b[31m2 errors\x1b[39m');
  });

  it('shows the CDK fix for stacks of a cloud assembly, the CloudFormation fix otherwise', async () => {
    const run = await runCli(['audit', risky]);
    expect(run.stdout).toContain('fix RefreshTokenRotation: { Feature: ENABLED');
    expect(run.stdout).not.toContain('fix (CDK)');
  });
});

describe('the JSON report', () => {
  it('follows the documented schema', async () => {
    const run = await runCli(['audit', risky, '--format', 'json']);
    const report = json(run.stdout);
    expect(Object.keys(report)).toEqual(['version', 'tool', 'findings', 'suppressed', 'errors', 'summary']);
    expect(report.version).toBe(1);
    expect(report.tool.name).toBe('token-guard');
    expect(Object.keys(report.summary).sort()).toEqual(
      ['durationMs', 'errors', 'exitCode', 'failOn', 'files', 'inputErrors', 'skipped', 'suppressed', 'templates', 'warnings'].sort(),
    );
    const implicit = report.findings.find((f) => f.ruleId === 'TokenGuard-COG6')!;
    expect(implicit).toEqual({
      ruleId: 'TokenGuard-COG6',
      ruleName: 'ImplicitGrant',
      severity: 'error',
      kind: 'violation',
      file: risky,
      section: 'Resources',
      logicalId: 'Client',
      resourceType: 'AWS::Cognito::UserPoolClient',
      path: 'Properties.AllowedOAuthFlows',
      line: 16,
      column: 7,
      message: 'The implicit grant is enabled (AllowedOAuthFlows [code, implicit]); tokens travel in the redirect URL.',
      conditions: ['IsProd=false'],
      rationale: expect.any(String),
      fix: { cdk: expect.any(String), cloudFormation: 'AllowedOAuthFlows: [code]' },
      standards: expect.arrayContaining(['RFC9700 §2.1.2']),
    });
    expect(report.suppressed).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.summary).toMatchObject({ files: 1, templates: 1, errors: 2, warnings: 3, suppressed: 0, inputErrors: 0, skipped: 0, failOn: 'error', exitCode: 1 });
  });

  it('names a parameter or output by its name, with a path that starts with its section', async () => {
    const file = write(
      dir,
      'param.yaml',
      [
        'Parameters:',
        '  PartnerClientSecret:',
        '    Type: String',
        'Resources:',
        '  Client:',
        '    Type: AWS::Cognito::UserPoolClient',
        '    Properties:',
        '      UserPoolId: p',
        '      GenerateSecret: true',
        'Outputs:',
        '  Secret:',
        '    Value: !GetAtt Client.ClientSecret',
        '',
      ].join('\n'),
    );
    const report = json((await runCli(['audit', file, '--format', 'json'])).stdout);
    const parameter = report.findings.find((f) => f.section === 'Parameters');
    const output = report.findings.find((f) => f.section === 'Outputs');
    expect(parameter).toMatchObject({ logicalId: 'PartnerClientSecret', path: expect.stringMatching(/^Parameters\.PartnerClientSecret\b/), line: 2, column: 3 });
    expect(output).toMatchObject({ logicalId: 'Secret', path: expect.stringMatching(/^Outputs\.Secret\b/) });
    expect(output!.line).toBeGreaterThanOrEqual(11);
    expect(parameter).not.toHaveProperty('resourceType');
  });
});

describe('inputs', () => {
  it('reads a template from standard input with -', async () => {
    const run = await runCli(['audit', '-', '--format', 'json'], { stdin: RISKY_YAML });
    const report = json(run.stdout);
    expect(report.summary.templates).toBe(1);
    expect(report.findings[0].file).toBe('<stdin>');
    expect(report.findings.find((f) => f.ruleId === 'TokenGuard-COG6')?.line).toBe(16);
  });

  it('searches directories; --verbose says which files were skipped and why', async () => {
    const tree = path.join(dir, 'tree');
    write(tree, 'a/stack.yaml', RISKY_YAML);
    write(tree, 'b/notes.txt', 'hello');
    write(tree, 'b/package.json', '{"name": "x"}');
    write(tree, 'node_modules/x/template.json', MINIMAL_JSON);
    const quiet = await runCli(['audit', tree, '--format', 'json']);
    expect(json(quiet.stdout).summary).toMatchObject({ files: 1, templates: 1, skipped: 3 });
    expect(quiet.errLines).toHaveLength(1);
    const verbose = await runCli(['audit', tree, '--verbose']);
    expect(verbose.errLines).toEqual(
      expect.arrayContaining([
        `token-guard: skipped ${path.join(tree, 'b', 'notes.txt')}: not a template file extension (.txt)`,
        `token-guard: skipped ${path.join(tree, 'b', 'package.json')}: no Resources mapping, AWSTemplateFormatVersion or Transform section in the first 1 MiB`,
        `token-guard: skipped ${path.join(tree, 'node_modules')}: node_modules is never searched`,
      ]),
    );
  });

  it('--max-bytes changes the size limit', async () => {
    const run = await runCli(['audit', risky, '--max-bytes', '100']);
    expect(run.code).toBe(2);
    expect(run.errLines[0]).toMatch(/^token-guard: .*risky\.yaml: file is \d+ bytes, over the 100 bytes limit/);
    expect((await runCli(['audit', risky, '--max-bytes', '1MiB'])).code).toBe(1);
  });

  it('--duplicate-keys last-wins loads what CloudFormation would deploy', async () => {
    const dup = write(dir, 'dup.json', '{"Resources": {"A": {"Type": "AWS::SNS::Topic"}, "A": {"Type": "AWS::SNS::Topic"}}}');
    expect((await runCli(['audit', dup])).code).toBe(2);
    expect((await runCli(['audit', dup, '--duplicate-keys', 'last-wins'])).code).toBe(0);
  });
});

describe('policy', () => {
  it('--rule switches a rule off or changes its level; --cannot-tell error raises cannot-tell findings', async () => {
    const off = json((await runCli(['audit', risky, '--format', 'json', '--rule', 'TokenGuard-COG6=off', '--rule', 'TokenGuard::TokenGuard-COG4=warning'])).stdout);
    expect(off.findings.map((f) => f.ruleId)).not.toContain('TokenGuard-COG6');
    expect(off.findings.find((f) => f.ruleId === 'TokenGuard-COG4')?.severity).toBe('warning');
    expect(off.summary.exitCode).toBe(0);

    const param = write(dir, 'ttl.yaml', 'Parameters:\n  Ttl:\n    Type: Number\nResources:\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: p\n      AccessTokenValidity: !Ref Ttl\n');
    const lenient = json((await runCli(['audit', param, '--format', 'json'])).stdout);
    const cannotTell = lenient.findings.filter((f) => f.kind === 'cannot-tell');
    expect(cannotTell.length).toBeGreaterThan(0);
    expect(cannotTell.every((f) => f.severity === 'warning')).toBe(true);
    const strict = json((await runCli(['audit', param, '--format', 'json', '--cannot-tell', 'error'])).stdout);
    expect(strict.findings.filter((f) => f.kind === 'cannot-tell').every((f) => f.severity === 'error')).toBe(true);
    // Pinning the parameter turns "cannot tell" into a verdict.
    const pinned = json((await runCli(['audit', param, '--format', 'json', '--parameter', 'Ttl=1440'])).stdout);
    expect(pinned.findings.find((f) => f.ruleId === 'TokenGuard-COG1')).toMatchObject({ kind: 'violation', severity: 'error' });
  });

  it('--config reads the policy object from JSON or YAML, or from a cdk.json; flags win over the file', async () => {
    const config = write(dir, 'policy.json', JSON.stringify({ accessTokenMinutes: { warnAbove: 60, errorAbove: 120 }, rules: { 'TokenGuard-COG6': 'warning' } }));
    const fromJson = json((await runCli(['audit', risky, '--format', 'json', '--config', config])).stdout);
    expect(fromJson.findings.map((f) => f.ruleId)).not.toContain('TokenGuard-COG1');
    expect(fromJson.findings.find((f) => f.ruleId === 'TokenGuard-COG6')?.severity).toBe('warning');

    const yaml = write(dir, 'policy.yaml', 'rules:\n  TokenGuard-COG6: "off"\n');
    expect(json((await runCli(['audit', risky, '--format', 'json', '-c', yaml])).stdout).findings.map((f) => f.ruleId)).not.toContain('TokenGuard-COG6');

    const cdkJson = write(dir, 'cdk.json', JSON.stringify({ app: 'npx tsx bin/app.ts', context: { 'cdk-token-guard:policy': { rules: { 'TokenGuard-COG6': 'off' } } } }));
    const fromCdk = await runCli(['audit', risky, '--format', 'json', '--config', cdkJson, '--rule', 'TokenGuard-COG6=error']);
    expect(json(fromCdk.stdout).findings.find((f) => f.ruleId === 'TokenGuard-COG6')?.severity).toBe('error');
  });

  it.each([
    ['an out-of-range value', '{"accessTokenMinutes": {"errorAbove": 0}}', /^token-guard: cdk-token-guard policy \(config file .*bad\.json\): accessTokenMinutes\.errorAbove must be a number of minutes between 5 and 1440; got 0$/],
    ['an unknown setting', '{"accessTokenHours": 1}', /^token-guard: cdk-token-guard policy \(config file .*bad\.json\): unknown setting "accessTokenHours"; known settings are /],
    ['an unknown rule', '{"rules": {"TokenGuard-XYZ1": "off"}}', /^token-guard: cdk-token-guard policy \(config file .*bad\.json\): rules\.TokenGuard-XYZ1: unknown rule id; known ids are /],
    ['malformed JSON', '{"rules": ', /^token-guard: config file .*bad\.json:1:11: malformed JSON: expected a value but found the end of the file/],
    ['a list', '[]', /^token-guard: cdk-token-guard policy \(config file .*bad\.json\): must be an object; got a list$/],
  ])('a config file with %s is exit 2 with one line naming the file and the setting', async (_name, content, expected) => {
    const config = write(dir, 'bad.json', content);
    const run = await runCli(['audit', risky, '--config', config]);
    expect(run.code).toBe(2);
    expect(run.errLines).toHaveLength(1);
    expect(run.errLines[0]).toMatch(expected);
    expect(run.stdout).toBe('');
  });

  it('a missing config file is exit 2 with one line', async () => {
    const run = await runCli(['audit', risky, '--config', 'no-such-policy.json']);
    expect([run.code, run.errLines]).toEqual([2, ['token-guard: config file no-such-policy.json: no such file or directory']]);
  });
});

describe('--output', () => {
  it('writes the report to the file, and nothing but the summary to the terminal', async () => {
    const target = path.join(dir, 'out', 'report.json');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const run = await runCli(['audit', risky, '--format', 'json', '--output', target]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.errLines).toEqual([expect.stringMatching(/^token-guard audit: .* → .*report\.json$/)]);
    expect(json(fs.readFileSync(target, 'utf8')).summary.errors).toBe(2);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['report.json']); // no temporary file left behind
  });

  it('replaces an existing report whole', async () => {
    const target = write(dir, 'out2/report.txt', 'old report');
    await runCli(['audit', clean, '--output', target]);
    expect(fs.readFileSync(target, 'utf8')).toBe('No findings in 1 template.\n');
  });
});

describe('usage errors: exit 2, one line, nothing audited', () => {
  it.each([
    [['audit', risky, '--frobnicate'], "token-guard: unknown option '--frobnicate' (see token-guard audit --help)"],
    [['audit', risky, '--formt', 'json'], "token-guard: unknown option '--formt' (Did you mean --format?) (see token-guard audit --help)"],
    [['audit', risky, '--format', 'xml'], "token-guard: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif. (see token-guard audit --help)"],
    [['audit'], "token-guard: missing required argument 'paths' (see token-guard audit --help)"],
    [['audit', risky, '--output'], "token-guard: option '-o, --output <file>' argument missing (see token-guard audit --help)"],
    [['audit', risky, '--fail-on', 'info'], "token-guard: option '--fail-on <level>' argument 'info' is invalid. Allowed choices are error, warning, none. (see token-guard audit --help)"],
    [['audit', risky, '--max-bytes', 'lots'], "token-guard: option '--max-bytes <size>' argument 'lots' is invalid. expected a size such as 5242880, 512KiB or 10MiB (see token-guard audit --help)"],
    [['audit', risky, '--rule', 'TokenGuard-COG1'], 'token-guard: --rule "TokenGuard-COG1": expected <rule id>=<error|warning|off>, e.g. --rule TokenGuard-COG8=off'],
    [['audit', risky, '--rule', 'TokenGuard-COG1=loud'], 'token-guard: cdk-token-guard policy (command-line flags): rules.TokenGuard-COG1 must be "error", "warning" or "off"; got "loud"'],
    [['audit', risky, '--parameter', 'Stage'], 'token-guard: --parameter "Stage": expected <ParameterName>=<value> (parameter names are alphanumeric), e.g. --parameter Stage=prod'],
    [['audit', risky, '--output', path.join(dir, 'no', 'such', 'dir', 'r.json')], `token-guard: --output ${path.join(dir, 'no', 'such', 'dir', 'r.json')}: the directory ${path.join(dir, 'no', 'such', 'dir')} does not exist`],
    [['audit', risky, '--output', dir], `token-guard: --output ${dir}: is a directory; name a file`],
    [['lint', risky], "token-guard: unknown command 'lint' (see token-guard --help)"],
  ])('%j', async (argv, line) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.errLines).toEqual([line]);
    expect(run.stdout).toBe('');
  });

  it('no arguments at all prints the help on stderr', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: token-guard [options] [command]');
  });

  it('--help and --version exit 0 on stdout', async () => {
    const help = await runCli(['audit', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: token-guard audit [options] <paths...>');
    expect(help.stdout).toContain('Exit codes: 0 no error findings');
    const version = await runCli(['--version']);
    expect([version.code, version.stdout]).toEqual([0, `${JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version}\n`]);
  });
});

describe('unexpected failures', () => {
  it('become one line and exit 70, with a hint to report the bug; TOKEN_GUARD_DEBUG adds the stack', async () => {
    let stderr = '';
    const io = {
      stdout: { write: () => { throw new TypeError('the terminal melted'); }, isTTY: false },
      stderr: { write: (s: string) => void (stderr += s), isTTY: false },
      env: {},
      cwd: process.cwd(),
      stdin: Readable.from([]),
      now: () => performance.now(),
    };
    expect(await main(['audit', risky], io)).toBe(70);
    const lines = stderr.split('\n').filter(Boolean);
    expect(lines).toEqual([expect.stringMatching(/^token-guard: internal error: TypeError: the terminal melted; this is a bug in token-guard: please report it/)]);
    stderr = '';
    expect(await main(['audit', risky], { ...io, env: { TOKEN_GUARD_DEBUG: '1' } })).toBe(70);
    expect(stderr).toMatch(/\n {4}at /);
  });
});
