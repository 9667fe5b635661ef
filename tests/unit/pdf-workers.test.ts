// Summaries rendered on worker threads are the same bytes as those rendered in-process.
import { readFileSync } from 'node:fs';
import { normalise } from '../../scripts/normalise/normalise.js';
import { renderStudySummary, type SummaryInput } from '../../scripts/pdf/study-summary.js';
import { renderInWorkers } from '../../scripts/pdf/worker-pool.js';

const model = normalise(JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8')), { cmsUrl: 'http://cms.test' });
const inputs: SummaryInput[] = model.studies.map((study) => ({ study, settings: model.settings[study.locale], siteUrl: 'https://cities.test', coverImage: null, pageUrl: `https://cities.test${study.url}` }));

test('two worker threads render all four sample summaries, byte-identical to in-process rendering, in order', async () => {
  const fromWorkers = await renderInWorkers(inputs, 2);
  expect(fromWorkers).toHaveLength(4);
  for (const [i, input] of inputs.entries()) {
    const inProcess = await renderStudySummary(input);
    expect([i, fromWorkers[i]!.equals(inProcess)]).toEqual([i, true]);
  }
});

test('a failing render in a worker rejects with its message', async () => {
  const broken = { ...inputs[0]!, coverImage: { data: Buffer.from('not an image'), alt: 'x' } };
  await expect(renderInWorkers([broken], 1)).rejects.toThrow(/JPEG or PNG|image/i);
});
