/**
 * Many inputs: worker threads give the same report as the main thread, the choice of thread count, and the
 * progress line (terminals only, never before a quarter second, erased before anything else is printed).
 */
import * as path from 'node:path';
import type { AuditSource } from '../../../bin/cli/audit/audit-input';
import { PARALLEL_MIN_BYTES, chooseJobs } from '../../../bin/cli/audit/pool';
import { Progress } from '../../../bin/cli/audit/progress';
import type { AuditReport } from '../../../bin/cli/audit/report';
import { generateTemplate, toJson, toYaml } from '../../../bench/generate-templates';
import { tempDir, write } from '../helpers';
import { runCli } from './cli';

const tmp = tempDir('tg-audit-scale-');
afterAll(() => tmp.cleanup());

describe('worker threads', () => {
  it('give exactly the report the main thread gives, in input order', async () => {
    const dir = path.join(tmp.dir, 'batch');
    for (let i = 0; i < 8; i++) {
      const template = generateTemplate({ resources: 60 + i * 40, riskyEvery: i % 2 === 0 ? 3 : 0 });
      write(dir, `t${i}.${i % 3 === 0 ? 'yaml' : 'json'}`, i % 3 === 0 ? toYaml(template) : toJson(template));
    }
    write(dir, 'zz-broken.json', '{"Resources": [}');
    const one = await runCli(['audit', dir, '--format', 'json', '--jobs', '1', '--verbose']);
    const two = await runCli(['audit', dir, '--format', 'json', '--jobs', '3', '--verbose']);
    expect(one.errLines).toContain('token-guard: auditing 9 inputs in the main thread');
    expect(two.errLines).toContain('token-guard: auditing 9 inputs in 3 worker threads');
    const strip = (stdout: string) => {
      const report = JSON.parse(stdout) as AuditReport;
      return { ...report, summary: { ...report.summary, durationMs: 0 } };
    };
    expect(strip(two.stdout)).toEqual(strip(one.stdout));
    expect(two.code).toBe(2);
    expect(strip(two.stdout).findings.length).toBeGreaterThan(10);
  });
});

describe('how many threads', () => {
  const source = (bytes: number): AuditSource => ({ kind: 'text', name: 'x', bytes: new Uint8Array(bytes) });
  const idle = { cores: 8, load: 1.5 };
  const batch = Array.from({ length: 100 }, () => source(PARALLEL_MIN_BYTES / 50));

  it('one input, or a small batch, stays in the main thread', () => {
    expect(chooseJobs('auto', [source(10 * 1024 * 1024)], idle)).toBe(1);
    expect(chooseJobs('auto', Array.from({ length: 50 }, () => source(10_000)), idle)).toBe(1);
  });

  it('a large batch uses the idle cores, at most eight', () => {
    expect(chooseJobs('auto', batch, idle)).toBe(6);
    expect(chooseJobs('auto', batch, { cores: 32, load: 0 })).toBe(8);
    expect(chooseJobs('auto', [source(PARALLEL_MIN_BYTES), source(PARALLEL_MIN_BYTES)], { cores: 32, load: 0 })).toBe(2);
  });

  it('a busy machine, or fewer than four idle cores, keeps the work in the main thread', () => {
    expect(chooseJobs('auto', batch, { cores: 2, load: 0 })).toBe(1);
    expect(chooseJobs('auto', batch, { cores: 4, load: 1.2 })).toBe(1);
    expect(chooseJobs('auto', batch, { cores: 16, load: 14 })).toBe(1);
  });

  it('--jobs decides when given', () => {
    expect(chooseJobs(4, batch, { cores: 1, load: 9 })).toBe(4);
    expect(chooseJobs(4, batch.slice(0, 2))).toBe(2);
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
