// Rendering summaries on every core. pdfkit is synchronous JavaScript, so one process uses
// one core; worker threads use the rest. Node 20 cannot start a worker on TypeScript under
// tsx, so the worker's code is bundled once per process with esbuild into .cache/ (beside
// node_modules, which it imports at run time) and the pool starts from that file. A worker
// can die without an 'error' event (process.exit() in it, its isolate killed for memory): the
// pool watches 'exit' too, so a batch never waits for an answer that cannot come.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { writeFileAtomicSync } from '../lib/write-atomic.js';
import { projectRoot } from '../paths.js';
import { PdfRenderError, type SummaryInput } from './summary-input.js';

let bundled: Promise<string> | null = null;

/** The worker as one ES module (dependencies stay in node_modules), named by its content. */
const workerFile = (): Promise<string> =>
  (bundled ??= (async () => {
    const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker-entry.ts');
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent' });
    const code = result.outputFiles[0]!.contents;
    const dir = path.join(projectRoot, '.cache', 'pdf-worker');
    const file = path.join(dir, `worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    // Two processes bundling at once each write through a temporary name of their own.
    if (!existsSync(file)) writeFileAtomicSync(file, code);
    return file;
  })());

export const coreCount = (): number => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);

/**
 * Workers outlive a batch, so that batches close together do not each pay for starting them:
 * loading pdfkit and parsing the fonts costs as much as forty summaries. An idle worker is
 * unref'd, so it never keeps a process from exiting, and stopIdleWorkers gives its memory back.
 */
interface PoolWorker {
  worker: Worker;
  /** Covers this worker already holds, by key: each is sent to it once, not with every PDF. */
  covers: Set<number>;
}

let idle: PoolWorker[] = [];

// Covers are shared Buffers (printCover hands out one per file): a number names each.
const coverKeys = new WeakMap<Uint8Array, number>();
let nextCoverKey = 1;
const coverKeyOf = (data: Uint8Array): number => {
  let key = coverKeys.get(data);
  if (key === undefined) {
    key = nextCoverKey;
    nextCoverKey += 1;
    coverKeys.set(data, key);
  }
  return key;
};

/** What crosses to the worker: the input, with its cover as a key and, the first time, the bytes. */
export interface WorkerJob {
  id: number;
  input: Omit<SummaryInput, 'coverImage'> & { coverImage: { key: number; data: Uint8Array | null; alt: string } | null };
}

export type WorkerAnswer = { id: number; bytes?: Uint8Array; error?: string };

const startWorker = async (): Promise<PoolWorker> => {
  const member: PoolWorker = { worker: new Worker(await workerFile()), covers: new Set() };
  // One that dies while idle (killed for memory, say) must not be handed the next batch.
  member.worker.once('exit', () => {
    idle = idle.filter((other) => other !== member);
  });
  return member;
};

const jobFor = (id: number, input: SummaryInput, into: PoolWorker): WorkerJob => {
  if (!input.coverImage) return { id, input: { ...input, coverImage: null } };
  const key = coverKeyOf(input.coverImage.data);
  const known = into.covers.has(key);
  into.covers.add(key);
  return { id, input: { ...input, coverImage: { key, data: known ? null : input.coverImage.data, alt: input.coverImage.alt } } };
};

/**
 * Stops the idle workers: about 90 MiB each (an isolate, pdfkit, four parsed fonts). The build
 * calls it after its PDF stage, so that the pages and images are made without them.
 */
export const stopIdleWorkers = async (): Promise<void> => {
  const stopping = idle;
  idle = [];
  await Promise.all(stopping.map(({ worker }) => worker.terminate()));
};

/**
 * Renders every input on up to `threads` worker threads. Each PDF goes to `onPdf` as it
 * arrives (a build of thousands would otherwise hold hundreds of megabytes of them at once);
 * without it, the PDFs are returned in the input order.
 */
export const renderInWorkers = async (inputs: SummaryInput[], threads = coreCount(), onPdf?: (index: number, pdf: Buffer) => void): Promise<Buffer[]> => {
  if (inputs.length === 0) return [];
  const count = Math.min(threads, inputs.length);
  const taken = idle.splice(0, count);
  while (taken.length < count) taken.push(await startWorker());
  const results: Buffer[] = new Array(inputs.length);
  let next = 0;
  // Once one worker failed, the others finish the job they hold and take no more.
  let failed = false;
  const drain = (member: PoolWorker): Promise<void> =>
    new Promise((resolve, reject) => {
      const { worker } = member;
      worker.ref();
      /** The input this worker is rendering, if any. */
      let pending: number | null = null;
      const finish = (error?: Error): void => {
        worker.off('message', onMessage);
        worker.off('error', finish);
        worker.off('exit', onExit);
        if (error) {
          failed = true;
          // A worker that failed is not trusted with another batch.
          void worker.terminate();
          reject(error);
        } else {
          worker.unref();
          idle.push(member);
          resolve();
        }
      };
      const send = (): void => {
        if (failed || next >= inputs.length) return finish();
        pending = next;
        next += 1;
        worker.postMessage(jobFor(pending, inputs[pending] as SummaryInput, member));
      };
      const onMessage = (message: WorkerAnswer): void => {
        pending = null;
        if (message.error !== undefined || !message.bytes) return finish(new Error(message.error ?? 'the worker sent no PDF'));
        const pdf = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
        if (onPdf) {
          try {
            onPdf(message.id, pdf);
          } catch (error) {
            return finish(error as Error);
          }
        } else results[message.id] = pdf;
        send();
      };
      // Without an 'error' event (process.exit() in the worker, its isolate killed): the job it
      // held will never be answered.
      const onExit = (code: number): void => {
        const study = pending === null ? null : (inputs[pending] as SummaryInput).study;
        const what = study ? `while rendering the summary of study "${study.title}" (${study.documentId}, ${study.locale})` : 'between two summaries';
        finish(
          new PdfRenderError(
            `A PDF worker thread stopped (exit code ${code}) ${what}. Its batch is abandoned; render that study alone to see why (too little memory, or code that ended the thread).`,
            study ? { type: 'study', documentId: study.documentId, locale: study.locale } : {},
          ),
        );
      };
      worker.on('message', onMessage);
      worker.on('error', finish);
      worker.on('exit', onExit);
      send();
    });
  // Every worker settles before the batch does: none may hand over a PDF after it failed.
  const settled = await Promise.allSettled(taken.map(drain));
  const rejected = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results;
};
