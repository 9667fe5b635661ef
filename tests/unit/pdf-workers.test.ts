// Summaries rendered on worker threads are the same bytes as those rendered in-process; the
// worker's bundle is written so that two processes writing it at once cannot mix their files.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { settingsOf } from '../../domain/model.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { renderStudySummary } from '../../scripts/pdf/study-summary.js';
import type { SummaryInput } from '../../scripts/pdf/summary-input.js';
import { writeFileAtomicSync } from '../../scripts/lib/write-atomic.js';
import { renderInWorkers, stopIdleWorkers } from '../../scripts/pdf/worker-pool.js';

const model = normalise(JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8')), { cmsUrl: 'http://cms.test' });
const inputs: SummaryInput[] = model.studies.map((study) => ({ study, settings: settingsOf(model, study.locale), siteUrl: 'https://cities.test', coverImage: null, pageUrl: `https://cities.test${study.url}` }));

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

test('with a callback, each PDF is handed over as it arrives, once, and none is kept', async () => {
  const handed = new Map<number, Buffer>();
  const kept = await renderInWorkers([...inputs, ...inputs], 2, (index, pdf) => {
    expect(handed.has(index)).toBe(false);
    handed.set(index, pdf);
  });
  expect(kept.filter((pdf) => pdf !== undefined)).toEqual([]);
  expect([...handed.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  const first = await renderStudySummary(inputs[1]!);
  expect(handed.get(1)!.equals(first) && handed.get(5)!.equals(first)).toBe(true);
});

test('stopIdleWorkers ends the idle workers; the next batch starts new ones and still renders', async () => {
  await renderInWorkers(inputs.slice(0, 2), 2);
  await stopIdleWorkers();
  const again = await renderInWorkers(inputs.slice(0, 1), 1);
  expect(again[0]!.equals(await renderStudySummary(inputs[0]!))).toBe(true);
});

test('the bundle is written through a temporary name of its own: another process writing it at the same time is left alone', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdf-worker-file-'));
  try {
    const file = path.join(dir, 'worker-0123456789abcdef.mjs');
    // Another process, half way through writing the same bundle under the obvious temporary name.
    writeFileSync(`${file}.partial`, 'export const half');
    writeFileAtomicSync(file, Buffer.from('export const whole = true;\n'));
    expect(readFileSync(file, 'utf8')).toBe('export const whole = true;\n');
    expect(readFileSync(`${file}.partial`, 'utf8')).toBe('export const half');
    // Nothing of ours is left beside them.
    expect(readdirSync(dir).sort()).toEqual([path.basename(file), `${path.basename(file)}.partial`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
