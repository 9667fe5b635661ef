// The benchmark's arithmetic and its table: medians, ratios and one plain-text summary that
// the README and closing notes quote.
import type { BenchResult, DeployRun } from './run.js';

export const median = (values: number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

export const ratio = (a: number, b: number): number => (b === 0 ? Number.POSITIVE_INFINITY : a / b);

const s = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

const table = (header: string[], rows: string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
};

export const formatTable = (result: BenchResult): string => {
  const { machine } = result;
  const parts: string[] = [`Machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.cpu}, Node ${machine.node}, ${machine.database}. Medians of the runs.`];
  const stages = ['fetch', 'normalise', 'media', 'images', 'pdf', 'render', 'verify', 'publish'];
  parts.push(
    'Full builds (warm = caches kept; cold = empty caches)',
    table(
      ['N docs', 'entries', 'pages', 'requests', ...stages, 'warm total', 'peak RSS', 'cold total', 'cold peak RSS'],
      result.sizes.map((size) => [String(size.documents), String(size.entries), String(size.pages), String(size.full.requests), ...stages.map((st) => s(size.full.stages[st] ?? 0)), s(size.full.ms), `${size.full.maxRssMiB} MiB`, s(size.cold.ms), `${size.cold.maxRssMiB} MiB`]),
    ),
    'Peak RSS (MiB) reached by the end of each stage: where the memory goes',
    table(
      ['N docs', 'build', ...stages],
      result.sizes.flatMap((size) => [
        [String(size.documents), 'cold', ...stages.map((st) => String(size.cold.maxRssAfterStage?.[st] ?? ''))],
        [String(size.documents), 'warm', ...stages.map((st) => String(size.full.maxRssAfterStage?.[st] ?? ''))],
      ]),
    ),
    'Largest HTML file of the site',
    table(
      ['N docs', 'file', 'size'],
      result.sizes.map((size) => [String(size.documents), size.largestHtml.path, `${(size.largestHtml.bytes / 1000).toFixed(0)} KB`]),
    ),
    'Incremental rebuild after editing one study (same process as the full build)',
    table(
      ['N docs', 'time', 'vs warm full', 'files written', 'pages written', 'PDFs made', 'images made', 'requests'],
      result.sizes.map((size) => [String(size.documents), s(size.incremental.ms), `${(100 * size.incremental.ratioToFull).toFixed(1)}%`, String(size.incremental.filesWritten), String(size.incremental.pagesWritten.length), String(size.incremental.pdfsGenerated), String(size.incremental.imagesEncoded), String(size.incremental.requests)]),
    ),
    'Incremental rebuild after publishing a new news item (it enters its lists at the top)',
    table(
      ['N docs', 'time', 'vs warm full', 'files written', 'pages written'],
      result.sizes.map((size) => [String(size.documents), s(size.newsItem.ms), `${(100 * size.newsItem.ratioToFull).toFixed(1)}%`, String(size.newsItem.filesWritten), size.newsItem.pagesWritten.join(' ')]),
    ),
    'Deploy to an object store (s3rver on 127.0.0.1) after each build',
    table(
      ['N docs', 'deploy', 'time', 'uploaded', 'MiB', 'files the build rewrote', 'uploads not rewritten'],
      result.sizes.flatMap((size) => {
        const deploy = size.deploy;
        if (!deploy) return [];
        const row = (label: string, run: DeployRun | null): string[][] =>
          run ? [[String(size.documents), label, s(run.ms), String(run.uploaded), (run.bytes / 2 ** 20).toFixed(1), run.rewritten < 0 ? `${deploy.files} (all)` : String(run.rewritten), run.uploadedNotRewritten.join(' ') || 'none']] : [];
        return [...row('first, whole release', deploy.first), ...row('after one study edit', deploy.afterEdit), ...row('after a new news item', deploy.afterNews)];
      }),
    ),
    'Fetch (documents per second, same client, pages of 100, 4 in flight)',
    table(
      ['N docs', 'pipeline', 'requests', 'populate=*', 'requests', 'speed-up', 'bytes ours / *'],
      result.sizes.map((size) => [String(size.documents), `${Math.round(size.fetch.ours.perSecond)}/s`, String(size.fetch.ours.requests), `${Math.round(size.fetch.populateAll.perSecond)}/s`, String(size.fetch.populateAll.requests), `${size.fetch.speedup.toFixed(2)}×`, `${(size.fetch.ours.bytes / 2 ** 20).toFixed(0)} / ${(size.fetch.populateAll.bytes / 2 ** 20).toFixed(0)} MiB`]),
    ),
    'Rendering (same pages and feeds)',
    table(
      ['N docs', 'pages', 'feeds', 'ours', 'Hugo', 'ours / Hugo'],
      result.sizes.map((size) => [String(size.documents), String(size.render.pages), String(size.render.feeds), s(size.render.oursMs), s(size.render.hugoMs), `${size.render.ratioToHugo.toFixed(2)}×`]),
    ),
  );
  if (result.pdf) {
    const { pdf } = result;
    parts.push(
      `PDF summaries (${pdf.studies} studies, all cores)`,
      table(
        ['method', 'threads', 'PDFs/s', 'mean size', 'ours is'],
        [
          ['ours (pdfkit, fonts parsed and words shaped once, worker threads)', String(pdf.ours.threads), pdf.ours.perSecond.toFixed(1), `${Math.round((pdf.ours.meanBytes ?? 0) / 1000)} kB`, '1×'],
          ['ours, first run (starting the workers)', String(pdf.oursFirst.threads), pdf.oursFirst.perSecond.toFixed(1), `${Math.round((pdf.oursFirst.meanBytes ?? 0) / 1000)} kB`, `${(pdf.oursFirst.perSecond / pdf.ours.perSecond).toFixed(2)}×`],
          ['naive pdfkit loop (font loaded per document)', String(pdf.naive.threads), pdf.naive.perSecond.toFixed(1), `${Math.round((pdf.naive.meanBytes ?? 0) / 1000)} kB`, `${pdf.vsNaive.toFixed(1)}× faster`],
          ['Chromium page.pdf() of the study page', String(pdf.chromium.threads), pdf.chromium.perSecond.toFixed(1), `${Math.round((pdf.chromium.meanBytes ?? 0) / 1000)} kB`, `${pdf.vsChromium.toFixed(1)}× faster`],
        ],
      ),
    );
  }
  parts.push('Goals', table(['goal', 'measured', 'met'], result.goals.map((g) => [g.goal, g.measured, g.met ? 'yes' : 'NO'])));
  return parts.join('\n\n');
};
