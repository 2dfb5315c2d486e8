/**
 * A worker thread of `token-guard audit`: audits the inputs the main thread sends, one at a time, with the settings
 * it was started with, and sends each result back. An exception is a bug; it is sent back as such.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../input-error';
import { auditSource, type AuditSettings, type AuditSource } from './audit-input';
import type { WorkerReply, WorkerTask } from './pool';

const settings = workerData as AuditSettings;
const port = parentPort!;

port.on('message', (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply = { id: task.id, result: auditSource(task.source as AuditSource, settings) };
  } catch (error) {
    reply = { id: task.id, failure: describeError(error) };
  }
  port.postMessage(reply);
});
