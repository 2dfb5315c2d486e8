/**
 * The bad-input corpus (test/cli/bad-input-corpus.ts) through the whole CLI: every bad input gets one line on
 * stderr naming the file, the good templates around it are still audited, the exit code is 2, there is no stack
 * trace, and memory stays bounded. Then all of them in one run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditReport } from '../../../bin/cli/audit/report';
import { oneLine } from '../../../bin/cli/input-error';
import { BAD_INPUTS } from '../bad-input-corpus';
import { tempDir, write } from '../helpers';
import { RISKY_YAML, runCli } from './cli';

const tmp = tempDir('tg-audit-bad-');
afterAll(() => tmp.cleanup());
const before = write(tmp.dir, 'good/before.yaml', RISKY_YAML);
const after = write(tmp.dir, 'good/after.json', '{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const STACK_TRACE = /^\s+at .+[:(]\d+:\d+\)?$/m;

describe(`the bad-input corpus through the CLI (${BAD_INPUTS.length} inputs)`, () => {
  it('has at least 30 inputs', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(BAD_INPUTS.map((c, i) => [i + 1, ...c] as const))('%i. %s', async (number, _name, make, code, reason) => {
    const dir = path.join(tmp.dir, 'cases', String(number));
    fs.mkdirSync(dir, { recursive: true });
    const target = make(dir);
    const heapBefore = process.memoryUsage().heapUsed;
    const run = await runCli(['audit', before, target, after, '--format', 'json']);

    expect(run.code).toBe(2);
    // One line about the bad input, naming it, then the summary; nothing else, no stack trace.
    expect(run.errLines).toHaveLength(2);
    expect(run.errLines[0].startsWith(`token-guard: ${oneLine(target)}`)).toBe(true);
    if (typeof reason === 'string') expect(run.errLines[0].endsWith(`: ${reason}`)).toBe(true);
    else expect(run.errLines[0]).toMatch(new RegExp(reason.source.replace(/^\^/, ': ')));
    expect(run.errLines[1]).toMatch(/^token-guard audit: 3 files, 2 templates: 2 errors, 3 warnings, 0 suppressed, 1 input error in /);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    // The report lists it, and the others were audited.
    const report = JSON.parse(run.stdout) as AuditReport;
    // (For a cloud assembly, the file inside it that is wrong.)
    expect(report.errors).toEqual([expect.objectContaining({ file: expect.stringMatching(new RegExp(`^${escape(target)}`)), code })]);
    expect(new Set(report.findings.map((f) => f.file))).toEqual(new Set([before]));
    expect(report.summary).toMatchObject({ templates: 2, inputErrors: 1, exitCode: 2 });
    // Bounded memory (generous for a loaded CI machine).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(400 * 1024 * 1024);
  });

  it('all of them in one run: one line each, in the order given, and the good templates audited', async () => {
    const targets = BAD_INPUTS.map(([, make], i) => {
      const own = path.join(tmp.dir, 'together', String(i));
      fs.mkdirSync(own, { recursive: true });
      return make(own);
    });
    const run = await runCli(['audit', before, ...targets, after, '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.errLines).toHaveLength(BAD_INPUTS.length + 1);
    const report = JSON.parse(run.stdout) as AuditReport;
    expect(report.summary).toMatchObject({ templates: 2, inputErrors: BAD_INPUTS.length });
    // Missing paths are found while discovering, the rest while loading; each group in the order given.
    const named = run.errLines.slice(0, -1).map((line) => targets.findIndex((t) => line.startsWith(`token-guard: ${oneLine(t)}`)));
    expect(named.every((i) => i >= 0)).toBe(true);
    expect(new Set(named).size).toBe(BAD_INPUTS.length);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('an unknown intrinsic in long form is not an input error: the rule that meets it says it cannot tell', async () => {
    const file = write(
      tmp.dir,
      'unknown-intrinsic.yaml',
      'Resources:\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: p\n      AccessTokenValidity:\n        Fn::Uppercase: five\n',
    );
    const run = await runCli(['audit', file, '--format', 'json']);
    const report = JSON.parse(run.stdout) as AuditReport;
    expect(report.errors).toEqual([]);
    expect(report.findings.find((f) => f.ruleId === 'TokenGuard-COG1')).toMatchObject({
      kind: 'cannot-tell',
      line: 6,
      message: expect.stringContaining('Fn::Uppercase'),
    });
  });
});
