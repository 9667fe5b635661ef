// Rendering, ours against Hugo's, on the same pages: the view of the live release's snapshot
// is rendered by our render stage (Eleventy, pages, feeds and calendars; Open Graph cards are
// images, not rendering, and Hugo makes none) and written out as Markdown for Hugo. Both run
// once to warm up, then alternately, so that neither gets a quieter machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processCovers } from '../scripts/images/responsive.js';
import { publishedModel } from '../scripts/render/published-model.js';
import { normalise } from '../scripts/normalise/normalise.js';
import { loadState } from '../scripts/publish/state.js';
import { buildFeedViews } from '../scripts/render/feeds.js';
import { buildSiteView } from '../scripts/render/pages.js';
import { renderSite } from '../scripts/render/render.js';
import { prepareHugoSite } from './hugo.js';

export interface RenderChildOptions {
  liveOutDir: string;
  cmsUrl: string;
  siteUrl: string;
  cacheDir: string;
  runs: number;
}

export interface RenderComparison {
  pages: number;
  feeds: number;
  oursMs: number[];
  hugoMs: number[];
  hugoPages: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as RenderChildOptions;
const state = loadState(options.liveOutDir);
if (!state) throw new Error(`No build state beside ${options.liveOutDir}: run a full build first`);
const model = normalise(state.snapshot, { cmsUrl: options.cmsUrl });
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-render-'));
try {
  const covers = await processCovers(model, new Set(), path.join(scratch, 'covers'), { mediaCacheDir: path.join(options.cacheDir, 'media'), imagesCacheDir: path.join(options.cacheDir, 'images'), ledger: null });
  const site = publishedModel(model, { missingMedia: new Set(), covers: covers.covers });
  const feeds = await buildFeedViews(site, options.siteUrl, { pdfs: new Map() });
  const view = buildSiteView(site, new Date(state.snapshot.fetchedAt), feeds.feeds);
  const hugo = prepareHugoSite(view, path.join(scratch, 'hugo'), options.siteUrl);

  // Each run renders into a directory of its own; the one before is deleted only after it is
  // timed, as Hugo's runs are (bench/hugo.ts). Both write thousands of new files, and on this
  // machine's disk creating them took up to twice as long while the deletion of thousands
  // was still being written out: so the disk is flushed (sync) before every timed run.
  let oursRuns = 0;
  const ours = async (): Promise<number> => {
    oursRuns += 1;
    const started = performance.now();
    await renderSite(model, view, path.join(scratch, `ours-${oursRuns}`), options.siteUrl);
    const wallMs = performance.now() - started;
    rmSync(path.join(scratch, `ours-${oursRuns - 1}`), { recursive: true, force: true });
    return wallMs;
  };
  const settleDisk = (): void => {
    execFileSync('sync');
  };
  await ours();
  await hugo.run();
  const result: RenderComparison = { pages: view.pages.length, feeds: hugo.feeds, oursMs: [], hugoMs: [], hugoPages: 0 };
  for (let run = 0; run < options.runs; run += 1) {
    settleDisk();
    result.oursMs.push(await ours());
    settleDisk();
    const theirs = await hugo.run();
    result.hugoMs.push(theirs.wallMs);
    result.hugoPages = theirs.pages;
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
