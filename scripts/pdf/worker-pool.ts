// Rendering summaries on every core. pdfkit is synchronous JavaScript, so one process uses
// one core; worker threads use the rest. Node 20 cannot start a worker on TypeScript under
// tsx, so the worker's code is bundled once per process with esbuild into .cache/ (beside
// node_modules, which it imports at run time) and the pool starts from that file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { projectRoot } from '../paths.js';
import type { SummaryInput } from './study-summary.js';

let bundled: Promise<string> | null = null;

/** The worker as one ES module (dependencies stay in node_modules), named by its content. */
const workerFile = (): Promise<string> =>
  (bundled ??= (async () => {
    const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker-entry.ts');
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent' });
    const code = result.outputFiles[0]!.contents;
    const dir = path.join(projectRoot, '.cache', 'pdf-worker');
    const file = path.join(dir, `worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${file}.partial`, code);
      renameSync(`${file}.partial`, file);
    }
    return file;
  })());

export const coreCount = (): number => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);

/** Renders every input on up to `threads` worker threads; results keep the input order. */
export const renderInWorkers = async (inputs: SummaryInput[], threads = coreCount()): Promise<Buffer[]> => {
  if (inputs.length === 0) return [];
  const file = await workerFile();
  const results: Buffer[] = new Array(inputs.length);
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(file);
      const finish = (error?: Error): void => {
        void worker.terminate();
        if (error) reject(error);
        else resolve();
      };
      const send = (): void => {
        if (next >= inputs.length) return finish();
        const id = next;
        next += 1;
        worker.postMessage({ id, input: inputs[id] });
      };
      worker.on('message', (message: { id: number; bytes?: Uint8Array; error?: string }) => {
        if (message.error !== undefined || !message.bytes) return finish(new Error(message.error ?? 'the worker sent no PDF'));
        results[message.id] = Buffer.from(message.bytes);
        send();
      });
      worker.on('error', finish);
      send();
    });
  await Promise.all(Array.from({ length: Math.min(threads, inputs.length) }, runWorker));
  return results;
};
