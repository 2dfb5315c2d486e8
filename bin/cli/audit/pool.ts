/**
 * Spreading inputs over worker threads, and deciding when that pays.
 *
 * Every worker loads the rules and warms up its own JIT, so threads cost CPU time of their own: on our 2-core
 * machine, auditing the 100-template benchmark batch (8.7 MB) in two workers takes ~45% more CPU time than in the
 * main thread (4.1 s against 2.8 s), and the main thread alone already keeps the second core partly busy with V8's
 * compiler and GC threads, so two workers finished later (2.3 s against 2.0 s). Threads can only pay with more idle
 * cores than that, so `auto` uses them for a batch of several inputs and megabytes on a machine whose load average
 * leaves at least four cores idle; everything else, one small file above all, is audited in the main thread.
 * `--jobs` overrides the choice. bench/audit.bench.ts measures the batch with one and two threads.
 * Inputs go to whichever worker is free, largest first; results are delivered in input order.
 *
 * A worker that dies (a crash, or an exception outside the audit) costs only the input it held, which is reported
 * as an internal error; a replacement worker takes over the rest. If workers cannot start at all, the main thread
 * audits everything.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { auditSource, type AuditSettings, type AuditSource } from './audit-input';
import type { InputResult } from './report';
import { describeError } from '../input-error';

export interface WorkerTask {
  readonly id: number;
  readonly source: AuditSource;
}

export type WorkerReply = { readonly id: number; readonly result: InputResult } | { readonly id: number; readonly failure: string };

/** Below this many bytes in all, worker threads do not pay (bench/audit.bench.ts, "batch"). */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
/** Fewer idle cores than this, and worker threads do not pay (see above). */
export const MIN_IDLE_CORES = 4;

export interface Machine {
  readonly cores: number;
  /** One-minute load average (0 where the platform does not report one). */
  readonly load: number;
}

/** How many worker threads to use; 1 means the main thread does the work. */
export function chooseJobs(requested: number | 'auto', sources: readonly AuditSource[], machine?: Machine): number {
  if (requested !== 'auto') return Math.max(1, Math.min(requested, sources.length));
  if (sources.length < 2) return 1;
  const { cores, load } = machine ?? currentMachine(); // node:os only for a batch
  const idle = Math.floor(cores - load);
  if (idle < MIN_IDLE_CORES) return 1;
  const bytes = sources.reduce((sum, s) => sum + sourceBytes(s), 0);
  if (bytes < PARALLEL_MIN_BYTES) return 1;
  return Math.min(idle, sources.length, 8);
}

function currentMachine(): Machine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const os = require('node:os') as typeof import('node:os');
  return { cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length, load: os.loadavg()[0] };
}

/** The size of an input: a file's size; for a cloud assembly, its templates' sizes. */
export function sourceBytes(source: AuditSource): number {
  if (source.kind === 'text') return source.bytes.length;
  try {
    if (source.input.kind === 'template') return statSync(source.input.path).size;
    let total = 0;
    for (const name of readdirSync(source.input.path)) {
      if (name.endsWith('.template.json')) total += statSync(join(source.input.path, name)).size;
    }
    return total;
  } catch {
    return 0;
  }
}

/**
 * Audits every source, `jobs` at a time, calling `deliver(index, result)` in index order. Never rejects for a
 * problem with one input; rejects only when no worker can be started at all.
 */
export async function auditAll(
  sources: readonly AuditSource[],
  settings: AuditSettings,
  jobs: number,
  deliver: (index: number, result: InputResult) => void,
): Promise<void> {
  if (jobs <= 1) {
    sources.forEach((source, index) => deliver(index, auditSource(source, settings)));
    return;
  }
  const ordered = new InOrder(deliver);
  const sizes = sources.map(sourceBytes);
  const queue = sources.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a] || a - b);
  await new Promise<void>((resolve, reject) => {
    let running = 0;
    let finished = 0;
    let broken = false; // a worker died before answering anything: stop starting workers
    const done = (index: number, result: InputResult): void => {
      ordered.put(index, result);
      if (++finished === sources.length) resolve();
    };
    /** With no worker left to run them, the rest is audited here. */
    const drainHere = (): void => {
      try {
        for (let index = queue.shift(); index !== undefined; index = queue.shift()) done(index, auditSource(sources[index], settings));
      } catch (error) {
        reject(error);
      }
    };
    const start = (): void => {
      let worker: Worker;
      try {
        worker = startWorker(settings);
      } catch {
        broken = true;
        if (running === 0) drainHere();
        return;
      }
      running++;
      let current: number | undefined;
      let answered = 0;
      const next = (): void => {
        current = queue.shift();
        if (current === undefined) {
          void worker.terminate();
          return;
        }
        worker.postMessage({ id: current, source: sources[current] } satisfies WorkerTask);
      };
      worker.on('message', (reply: WorkerReply) => {
        answered++;
        current = undefined;
        done(reply.id, 'result' in reply ? reply.result : internalFailure(sources[reply.id], reply.failure));
        next();
      });
      let failure = 'the worker thread stopped';
      worker.on('error', (error) => {
        failure = describeError(error);
      });
      worker.on('exit', () => {
        running--;
        if (current !== undefined) {
          if (answered === 0) {
            // It never worked (it could not load the rules, say): not the input's fault.
            queue.unshift(current);
            broken = true;
          } else {
            done(current, internalFailure(sources[current], failure));
          }
          current = undefined;
        }
        if (finished === sources.length || queue.length === 0) return;
        if (!broken) start();
        else if (running === 0) drainHere();
      });
      next();
    };
    for (let i = 0; i < jobs; i++) start();
  });
}

function internalFailure(source: AuditSource, detail: string): InputResult {
  const file = source.kind === 'text' ? source.name : source.input.path;
  return {
    templates: [],
    errors: [{ file, code: 'internal', message: `${file}: unexpected failure while auditing this input (please report it): ${detail}` }],
  };
}

/** Compiled: the sibling worker.js. From TypeScript sources (tsx, ts-jest): worker.ts through tsx's require hook. */
function startWorker(settings: AuditSettings): Worker {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const compiled = join(__dirname, 'worker.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData: settings });
  const source = join(__dirname, 'worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, workerData: settings });
}

/** Delivers results in index order whatever order they arrive in. */
class InOrder {
  private readonly waiting = new Map<number, InputResult>();
  private nextIndex = 0;

  constructor(private readonly deliver: (index: number, result: InputResult) => void) {}

  put(index: number, result: InputResult): void {
    this.waiting.set(index, result);
    while (this.waiting.has(this.nextIndex)) {
      const ready = this.waiting.get(this.nextIndex)!;
      this.waiting.delete(this.nextIndex);
      this.deliver(this.nextIndex++, ready);
    }
  }
}
