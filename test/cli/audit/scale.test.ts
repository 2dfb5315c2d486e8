/**
 * Many inputs: one report in input order, and the progress line (terminals only, never before a quarter second, erased before anything else is printed).
 */
import * as path from 'node:path';
import { Progress } from '../../../bin/cli/audit/progress';
import type { AuditReport } from '../../../bin/cli/audit/report';
import { generateTemplate, toJson, toYaml } from '../../../bench/generate-templates';
import { tempDir, write } from '../helpers';
import { runCli } from './cli';

const tmp = tempDir('tg-audit-scale-');
afterAll(() => tmp.cleanup());

describe('a batch', () => {
  it('is reported in input order, a broken input among them', async () => {
    const dir = path.join(tmp.dir, 'batch');
    for (let i = 0; i < 8; i++) {
      const template = generateTemplate({ resources: 60 + i * 40, riskyEvery: i % 2 === 0 ? 3 : 0 });
      write(dir, `t${i}.${i % 3 === 0 ? 'yaml' : 'json'}`, i % 3 === 0 ? toYaml(template) : toJson(template));
    }
    write(dir, 'zz-broken.json', '{"Resources": {]}');
    const result = await runCli(['audit', dir, '--format', 'json']);
    const report = JSON.parse(result.stdout) as AuditReport;
    expect(result.code).toBe(2);
    expect(report.summary.files).toBe(9);
    expect(report.errors.map((e) => path.basename(e.file))).toEqual(['zz-broken.json']);
    const files = report.findings.map((f) => path.basename(f.file));
    expect(files.length).toBeGreaterThan(10);
    expect(new Set(files)).toEqual(new Set(['t0.yaml', 't2.json', 't4.json', 't6.yaml']));
    expect(files).toEqual([...files].sort());
  });
});

describe('the progress line', () => {
  function stream(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, stream: { write: (s: string) => void writes.push(s), isTTY, columns: 60 } };
  }

  it('appears on a terminal after a quarter second, at most ten times a second, and is erased', () => {
    let now = 0;
    const { writes, stream: s } = stream(true);
    const progress = new Progress(s, 100, () => now);
    progress.update(1, 'a.yaml');
    expect(writes).toEqual([]);
    now = 260;
    progress.update(2, 'b.yaml');
    now = 300;
    progress.update(3, 'c.yaml');
    expect(writes).toEqual(['\r\x1b[Ktoken-guard: audited 2/100: b.yaml']);
    now = 400;
    progress.update(4, `${'very/long/'.repeat(10)}d.yaml`);
    expect(writes[1].length).toBeLessThanOrEqual('\r\x1b[K'.length + 59);
    progress.clear();
    expect(writes.at(-1)).toBe('\r\x1b[K');
  });

  it('never appears when stderr is not a terminal', () => {
    let now = 0;
    const { writes, stream: s } = stream(false);
    const progress = new Progress(s, 10, () => now);
    for (let i = 1; i < 10; i++) {
      now += 1000;
      progress.update(i, 'x.yaml');
    }
    progress.clear();
    expect(writes).toEqual([]);
  });
});
