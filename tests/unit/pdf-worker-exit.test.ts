// A worker thread that exits without an 'error' event (process.exit() in it, or its isolate
// killed) must fail its batch, naming the document it was rendering, and never be handed
// another batch. The workers here are the pool's real ones, started from its real bundle; the
// only difference is a few lines of this test's own run first in each: a study titled
// EXIT_TITLE makes the worker call process.exit(7) while it is rendering it. Node's Worker is
// wrapped for that (and to see the workers started), so the pool is imported after the mock.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as threads from 'node:worker_threads';
import { jest } from '@jest/globals';
import { settingsOf } from '../../domain/model.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { renderStudySummary } from '../../scripts/pdf/study-summary.js';
import { PdfRenderError, type SummaryInput } from '../../scripts/pdf/summary-input.js';

const EXIT_TITLE = 'This study makes its worker exit';
const started: threads.Worker[] = [];

/** The real worker entry, then a listener of ours behind its own. */
const bootstrap = (file: string): string => `
const { parentPort } = require('node:worker_threads');
import(${JSON.stringify(pathToFileURL(file).href)}).then(() => {
  parentPort.on('message', (job) => {
    if (job.input.study.title === ${JSON.stringify(EXIT_TITLE)}) process.exit(7);
  });
});
`;

class ExitingWorker extends threads.Worker {
  constructor(filename: string | URL, options: threads.WorkerOptions = {}) {
    super(bootstrap(String(filename)), { ...options, eval: true });
    started.push(this);
  }
}

jest.unstable_mockModule('node:worker_threads', () => ({ ...threads, Worker: ExitingWorker }));
const { renderInWorkers, stopIdleWorkers } = await import('../../scripts/pdf/worker-pool.js');

const model = normalise(JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8')), { cmsUrl: 'http://cms.test' });
const inputs: SummaryInput[] = model.studies.map((study) => ({ study, settings: settingsOf(model, study.locale), siteUrl: 'https://cities.test', coverImage: null, pageUrl: `https://cities.test${study.url}` }));
const exiting = (input: SummaryInput): SummaryInput => ({ ...input, study: { ...input.study, title: EXIT_TITLE } });

const exited = (worker: threads.Worker): Promise<number> => new Promise((resolve) => worker.once('exit', resolve));

afterEach(async () => {
  await stopIdleWorkers();
});

test('a worker that exits mid-job fails the batch with a PdfRenderError naming the study, its locale and the exit code', async () => {
  const doomed = exiting(inputs[1]!);
  const error = await renderInWorkers([inputs[0]!, doomed, inputs[2]!], 1).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PdfRenderError);
  expect((error as PdfRenderError).message).toContain(`"${EXIT_TITLE}" (${doomed.study.documentId}, ${doomed.study.locale})`);
  expect((error as PdfRenderError).message).toContain('exit code 7');
  expect((error as PdfRenderError).context).toEqual({ type: 'study', documentId: doomed.study.documentId, locale: doomed.study.locale });
}, 30_000);

test('the batch after a worker exited starts a fresh worker and renders', async () => {
  await renderInWorkers([exiting(inputs[0]!)], 1).catch(() => undefined);
  const before = started.length;
  const again = await renderInWorkers(inputs.slice(0, 1), 1);
  expect(again[0]!.equals(await renderStudySummary(inputs[0]!))).toBe(true);
  expect(started.length).toBe(before + 1);
}, 30_000);

test('with several workers, one exiting stops the batch handing out jobs, and no PDF arrives after it failed', async () => {
  const batch = [...inputs, exiting(inputs[0]!), ...inputs, ...inputs];
  let arrivals = 0;
  let settled = false;
  let lateArrivals = 0;
  const failed = await renderInWorkers(batch, 2, () => {
    arrivals += 1;
    if (settled) lateArrivals += 1;
  }).then(
    () => false,
    () => true,
  );
  settled = true;
  // Time for a worker still at work to answer, if the batch had let it go on.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect({ failed, lateArrivals }).toEqual({ failed: true, lateArrivals: 0 });
  expect(arrivals).toBeLessThan(batch.length - 1);
}, 30_000);

test('a worker that dies while idle is not handed the next batch', async () => {
  await renderInWorkers(inputs.slice(0, 1), 1);
  const idleWorker = started.at(-1)!;
  const gone = exited(idleWorker);
  // Its isolate killed between batches (as by the out-of-memory killer): no 'error' event.
  await idleWorker.terminate();
  await gone;
  const again = await renderInWorkers(inputs.slice(0, 1), 1);
  expect(again[0]!.equals(await renderStudySummary(inputs[0]!))).toBe(true);
}, 30_000);
