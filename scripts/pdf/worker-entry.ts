// A worker thread that renders summaries: it parses the fonts as it starts, then takes one
// job after another from the pool. Covers arrive once, by key, and are kept for later jobs;
// each PDF goes back by transfer, not by copy.
import { parentPort } from 'node:worker_threads';
import { font, FONT_FACES } from './fonts.js';
import { renderStudySummary } from './study-summary.js';
import type { WorkerAnswer, WorkerJob } from './worker-pool.js';

for (const face of FONT_FACES) font(face);

const covers = new Map<number, Uint8Array>();

const answer = (message: WorkerAnswer, transfer: ArrayBuffer[] = []): void => parentPort?.postMessage(message, transfer);

parentPort?.on('message', (job: WorkerJob) => {
  const cover = job.input.coverImage;
  if (cover?.data) covers.set(cover.key, cover.data);
  const data = cover ? covers.get(cover.key) : undefined;
  if (cover && !data) return answer({ id: job.id, error: `cover ${cover.key} was never sent to this worker` });
  const input = { ...job.input, coverImage: cover && data ? { data, alt: cover.alt } : null };
  renderStudySummary(input).then(
    (bytes) => {
      // A fresh copy that owns its whole buffer, so it can be transferred.
      const owned = new Uint8Array(bytes);
      answer({ id: job.id, bytes: owned }, [owned.buffer]);
    },
    (error: unknown) => answer({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
