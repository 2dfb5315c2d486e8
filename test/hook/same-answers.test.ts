/**
 * The third front door answers like the second (BRIEF principle 1): for every template of the shared corpus (read from
 * ../shared/corpus/real-templates/, never copied) and of the real-world set under test/real-world/ (every template file
 * and every stack template of a cloud assembly there, found as `token-guard audit` finds them), the hook's decision and
 * rule ids equal what `token-guard audit <template>` reports: exit 0 ↔ SUCCESS, 1 ↔ FAILED/NonCompliant, 2 (the
 * template cannot be read) ↔ FAILED/InternalFailure; and finding by finding (rule, subject, path, level), the same.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditReport } from '../../bin/cli/audit/report';
import { discover, loadInput } from '../../bin/cli/discover';
import { createLogger } from '../../lib/handlers/log';
import { evaluateTemplateText } from '../../lib/token-guard-hook/evaluate';
import { createHookHandler } from '../../lib/token-guard-hook/hook.handler';
import { DEFAULT_POLICY } from '../../rules/engine/policy';
import { runCli } from '../cli/audit/cli';
import { stackPayload, startPayloadStandIn, type PayloadStandIn } from './payload-standin';
import { stackRequest } from './requests';

const root = path.resolve(__dirname, '..', '..');
const corpus = [process.env.TOKEN_GUARD_REAL_TEMPLATES, path.resolve(root, '..', 'shared', 'corpus', 'real-templates'), '/work/shared/corpus/real-templates'].find(
  (c): c is string => c !== undefined && c !== '' && fs.existsSync(c),
);
const realWorld = path.join(root, 'test', 'real-world');

/** Template files as `token-guard audit` finds them in a directory; for cloud assemblies, each stack's template file. */
function templatesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found = discover([dir]);
  return found.inputs.flatMap((input) => (input.kind === 'template' ? [input.path] : loadInput(input).templates.map((t) => t.file))).sort();
}

const corpusFiles = corpus === undefined ? [] : templatesUnder(corpus);
const realWorldFiles = templatesUnder(realWorld);
const files = [...corpusFiles, ...realWorldFiles];
if (corpus === undefined) console.warn('Skipping the shared corpus in the same-answers test: ../shared/corpus/real-templates/ is not there.');

let s3: PayloadStandIn;
beforeAll(async () => {
  s3 = await startPayloadStandIn();
});
afterAll(() => s3.close());

const handle = () => createHookHandler({ env: {}, payload: s3.options, log: createLogger({ write: () => undefined }) });

describe('the hook answers like token-guard audit', () => {
  it('covers the 15 corpus templates and every real-world template present', () => {
    expect(corpusFiles.length).toBe(corpus === undefined ? 0 : 15);
    expect(files.length).toBe(corpusFiles.length + realWorldFiles.length);
  });

  const name = (f: string) => path.relative(root, f);
  it.each(files.map((f) => [name(f), f]))('%s', async (_name, file) => {
    const run = await runCli(['audit', file, '--format', 'json']);
    const report = JSON.parse(run.stdout) as AuditReport;
    const cliRules = [...new Set(report.findings.map((f) => f.ruleId))].sort();

    const text = fs.readFileSync(file, 'utf8');
    const response = await handle()(stackRequest(s3.put(stackPayload(text))));
    const expected = run.code === 0 ? { hookStatus: 'SUCCESS' } : run.code === 1 ? { hookStatus: 'FAILED', errorCode: 'NonCompliant' } : { hookStatus: 'FAILED', errorCode: 'InternalFailure' };
    expect(response).toMatchObject(expected);
    const hookRules = (response.annotations ?? []).filter((a) => a.status === 'FAILED').map((a) => a.annotationName).sort();
    expect(hookRules).toEqual(cliRules);

    const identity = (f: { ruleId: string; section: string; logicalId: string; path: string; severity: string; kind: string }) => `${f.ruleId} ${f.section}.${f.logicalId} ${f.path} ${f.severity} ${f.kind}`;
    const evaluation = evaluateTemplateText(text, DEFAULT_POLICY);
    expect(evaluation.findings.map(identity)).toEqual(report.findings.map(identity));
    expect(evaluation.suppressed.map(identity)).toEqual(report.suppressed.map(identity));
  });
});
