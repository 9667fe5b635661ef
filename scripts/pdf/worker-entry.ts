// A worker thread that renders summaries: it parses the fonts once and then takes one
// SummaryInput after another from the pool.
import { parentPort } from 'node:worker_threads';
import { renderStudySummary, type SummaryInput } from './study-summary.js';

parentPort?.on('message', (job: { id: number; input: SummaryInput }) => {
  renderStudySummary(job.input).then(
    (bytes) => parentPort?.postMessage({ id: job.id, bytes }),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
