// Rendering, ours against Hugo's, on the same pages: the view of the live release's snapshot
// is rendered by our render stage (Eleventy, pages, feeds and calendars; Open Graph cards are
// images, not rendering, and Hugo makes none) and written out as Markdown for Hugo. Both run
// once to warm up, then alternately, so that neither gets a quieter machine.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processCovers } from '../scripts/images/responsive.js';
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
  await processCovers(model, path.join(scratch, 'covers'), { mediaCacheDir: path.join(options.cacheDir, 'media'), imagesCacheDir: path.join(options.cacheDir, 'images') });
  const feeds = await buildFeedViews(model, options.siteUrl, { pdfs: new Map() });
  const view = buildSiteView(model, new Date(state.snapshot.fetchedAt), feeds.feeds);
  const hugo = prepareHugoSite(view, path.join(scratch, 'hugo'), options.siteUrl);

  const ours = async (): Promise<number> => {
    const out = path.join(scratch, 'ours');
    rmSync(out, { recursive: true, force: true });
    const started = performance.now();
    await renderSite(model, view, out, options.siteUrl);
    return performance.now() - started;
  };
  await ours();
  await hugo.run();
  const result: RenderComparison = { pages: view.pages.length, feeds: hugo.feeds, oursMs: [], hugoMs: [], hugoPages: 0 };
  for (let run = 0; run < options.runs; run += 1) {
    result.oursMs.push(await ours());
    const theirs = await hugo.run();
    result.hugoMs.push(theirs.wallMs);
    result.hugoPages = theirs.pages;
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
