// The build, stage by stage: fetch → normalise → media → render → verify → go live. Each
// stage is a plain function; this module only runs them in order, times them and writes
// the report, whether the build succeeded or not.
import { existsSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { emptyLabels } from '../site/labels.js';
import { PipelineError } from './errors.js';
import { createStrapiClient } from './fetch/strapi-client.js';
import { fetchChanges } from './fetch/incremental.js';
import { fetchSite, type RawSnapshot } from './fetch/snapshot.js';
import { ogImagePath, processCovers, renderOgCards } from './images/responsive.js';
import { copyMedia } from './media/copy-media.js';
import { generateSummaries } from './pdf/summaries.js';
import { stopIdleWorkers } from './pdf/worker-pool.js';
import type { ContentModel } from './normalise/model.js';
import { normalise } from './normalise/normalise.js';
import { absoluteUrl } from './normalise/urls.js';
import { projectRoot } from './paths.js';
import { closeLedger, openLedger, type Ledger } from './publish/link-or-copy.js';
import { adoptRecord, linkFromLive, linkUnchanged, liveHasFile, rememberPublished, rememberSpare } from './publish/link-unchanged.js';
import { abandonRelease, goLive, prepareSpare, startRelease, sweepRecycled } from './publish/release.js';
import { scanTree, type ScannedTree } from './publish/tree-scan.js';
import { countDocuments, errorOf, reportPathFor, splitIssues, summariseChanges, writeReport, type BuildReport } from './publish/report.js';
import { loadState, saveState, STATE_VERSION, type BuildState } from './publish/state.js';
import { publishTakedowns, takenDown } from './publish/takedowns.js';
import { verifySite } from './publish/verify.js';
import { buildFeedViews } from './render/feeds.js';
import { hashFeedViews, hashPageViews } from './render/page-hash.js';
import { buildSiteView } from './render/pages.js';
import { checkContentLinks, sitePathsOf } from './render/content-links.js';
import { hashSiteSources, renderSite, siteDir } from './render/render.js';

export const STAGES = ['fetch', 'normalise', 'media', 'pdf', 'render', 'verify', 'publish'] as const;
export type Stage = (typeof STAGES)[number];

export type StageEvent = { stage: Stage; state: 'start' } | { stage: Stage; state: 'done'; ms: number; detail: string } | { stage: Stage; state: 'failed'; ms: number; error: unknown };

export interface BuildOptions {
  strapiUrl: string;
  strapiToken: string;
  outDir: string;
  siteUrl: string;
  cacheDir?: string;
  /** The moment "upcoming" is judged against; tests pin it. */
  now?: Date;
  requestTimeoutMs?: number;
  retries?: number;
  onStage?: (event: StageEvent) => void;
  /** Fetch only what changed since the live release's snapshot (webhook rebuilds). */
  incremental?: boolean;
}

const releaseId = (now: Date): string => `${now.toISOString().replace(/[-:.]/g, '').replace('T', '-').replace('Z', '')}-${process.pid}`;

/**
 * After a failed build: the pages of documents the CMS stopped publishing since the live
 * release go down all the same. A failure here is noted beside the build's own.
 */
const takeDownAnyway = (outDir: string, live: { dir: string; state: BuildState }, fetched: RawSnapshot, id: string, report: BuildReport): BuildReport['takedown'] => {
  const pages = takenDown(live.state.snapshot, fetched);
  if (pages.length === 0) return null;
  try {
    const removed = publishTakedowns(outDir, live.dir, pages, id);
    // The state still describes every file of the new release (it only lacks some): the next
    // build compares against it as usual.
    saveState(outDir, { ...live.state, release: id });
    return { release: id, pages: [...new Set(removed.map((file) => file.replace(/[^/]*$/, '')))].sort() };
  } catch (error) {
    if (report.error) report.error.message += ` Taking the unpublished pages (${pages.map((page) => page.url).join(', ')}) off the site failed too: ${(error as Error).message}`;
    return null;
  }
};

export const runBuild = async (options: BuildOptions): Promise<BuildReport> => {
  const startedAt = new Date();
  const now = options.now ?? startedAt;
  const outDir = path.resolve(options.outDir);
  const report: BuildReport = {
    status: 'failed', startedAt: startedAt.toISOString(), finishedAt: '', durationMs: 0, cmsUrl: options.strapiUrl, siteUrl: options.siteUrl, outDir, release: null,
    requests: 0, counts: {}, pages: 0, files: 0, media: { downloaded: 0, reused: 0, encoded: 0, reusedVariants: 0 }, pdfs: { generated: 0, reused: 0, renderMs: [] }, changed: null, leftOut: [], missingTranslations: [], warnings: [], stages: {}, error: null,
  };
  const stage = async <T>(name: Stage, work: () => Promise<T> | T, detail: (value: T) => string): Promise<T> => {
    options.onStage?.({ stage: name, state: 'start' });
    const began = performance.now();
    try {
      const value = await work();
      const ms = Math.round(performance.now() - began);
      report.stages[name] = ms;
      options.onStage?.({ stage: name, state: 'done', ms, detail: detail(value) });
      return value;
    } catch (error) {
      const ms = Math.round(performance.now() - began);
      report.stages[name] = ms;
      options.onStage?.({ stage: name, state: 'failed', ms, error });
      throw error;
    }
  };

  const client = createStrapiClient({ baseUrl: options.strapiUrl, token: options.strapiToken, timeoutMs: options.requestTimeoutMs, retries: options.retries });
  let release: ReturnType<typeof startRelease> | null = null;
  let ledger: Ledger | null = null;
  // What a failed build needs to take unpublished pages down anyway (see publish/takedowns).
  let live: { dir: string; state: BuildState } | null = null;
  let fetched: RawSnapshot | null = null;
  const id = releaseId(startedAt);
  // Where Eleventy writes when the release is a recycled one (see renderSite).
  const scratchDir = path.join(path.dirname(outDir), `.${path.basename(outDir)}-render-${id}`);
  try {
    const missingLabels = emptyLabels();
    if (missingLabels.length > 0) throw new PipelineError(`Interface labels are missing translations: ${missingLabels.join(', ')}. Fill them in site/labels.ts.`);

    // The state of the live release: its snapshot for an incremental fetch, its page hashes to
    // skip rendering what did not change. Without it (first build, or a moved output) all is new.
    // A state that describes another release than the live one (a write lost to a crash, a
    // copied output) would link pages that are not what it says: it is not used.
    const stored = loadState(outDir);
    const liveDir = stored && existsSync(outDir) ? realpathSync(outDir) : null;
    const previous = stored && liveDir && path.basename(liveDir) === stored.release ? stored : null;
    const incremental = options.incremental === true && previous !== null && liveDir !== null;
    if (previous && liveDir) live = { dir: liveDir, state: previous };
    const snapshot = await stage(
      'fetch',
      // The wall clock, not the pinned `now`: the next incremental fetch asks for changes since then.
      async () => (incremental ? (await fetchChanges(client, previous.snapshot, startedAt)).snapshot : fetchSite(client, startedAt)),
      (s) => `${s.requestCount} requests${incremental ? ' (changes since the last build)' : ''}`,
    );
    report.requests = snapshot.requestCount;
    fetched = snapshot;
    let model: ContentModel = await stage('normalise', () => normalise(snapshot, { cmsUrl: options.strapiUrl }), (m) => `${m.studies.length + m.events.length + m.articles.length + m.axes.length} documents, ${m.issues.length} issues`);
    report.counts = countDocuments(model);

    // Over an older release when there is a live one: see startRelease.
    release = startRelease(outDir, id, { recycle: liveDir !== null });
    if (release.recycled) ledger = openLedger();
    // What the recycled release holds, when this process published it: then its files need
    // not be looked at on disk.
    const held = release.recycledFrom ? adoptRecord(release.recycledFrom) : null;
    const staging = release.dir;
    const cacheRoot = options.cacheDir ?? path.join(projectRoot, '.cache');
    const imageOptions = { mediaCacheDir: path.join(cacheRoot, 'media'), imagesCacheDir: path.join(cacheRoot, 'images') };
    const media = await stage(
      'media',
      async () => {
        const copied = await copyMedia(model, staging, { cacheDir: imageOptions.mediaCacheDir });
        const images = await processCovers(model, staging, imageOptions);
        return { copied, images };
      },
      ({ copied, images }) => `${copied.downloaded} downloaded, ${copied.reused} reused; ${images.encoded} variants encoded, ${images.reused} reused${copied.failed.length + images.failed.length ? `, ${copied.failed.length + images.failed.length} failed` : ''}`,
    );
    report.media = { downloaded: media.copied.downloaded, reused: media.copied.reused, encoded: media.images.encoded, reusedVariants: media.images.reused };
    Object.assign(report, splitIssues([...model.issues, ...media.copied.failed, ...media.images.failed]));

    const pdfs = await stage(
      'pdf',
      // Worker threads that made PDFs would hold their memory through the render stage.
      () => generateSummaries(model, staging, { siteUrl: options.siteUrl, ...imageOptions, pdfCacheDir: path.join(cacheRoot, 'pdf') }).finally(stopIdleWorkers),
      (p) => `${p.generated} generated, ${p.reused} reused`,
    );
    report.pdfs = { generated: pdfs.generated, reused: pdfs.reused, renderMs: pdfs.renderMs };
    report.leftOut.push(...pdfs.failed);
    const enclosures = new Map(
      model.studies.flatMap((s) => (s.summaryPdf ? [[`${s.documentId}:${s.locale}`, { url: absoluteUrl(options.siteUrl, s.summaryPdf.sitePath), length: s.summaryPdf.sizeBytes, type: 'application/pdf' }] as const] : [])),
    );
    let feeds = await buildFeedViews(model, options.siteUrl, { pdfs: enclosures });
    let view = buildSiteView(model, now, feeds.feeds);
    // A link in rich text to something this build does not publish is its document's
    // problem: it becomes plain text and a report entry, never a failed build.
    const links = checkContentLinks(model, sitePathsOf(view, model, path.join(siteDir, 'assets')), options.siteUrl);
    report.warnings.push(...links.issues);
    if (links.changed) {
      model = links.model;
      feeds = await buildFeedViews(model, options.siteUrl, { pdfs: enclosures });
      view = buildSiteView(model, now, feeds.feeds);
    }
    report.warnings.push(...feeds.skipped);
    report.pages = view.pages.length + 1;
    // A page whose view, templates and site URL hash as before is linked from the live release.
    const templates = hashSiteSources();
    const pageHashes = hashPageViews(view.pages, { templates, siteUrl: options.siteUrl });
    const unchanged = (url: string): boolean =>
      liveDir !== null && previous?.pageHashes[url] === pageHashes[url] && liveHasFile(liveDir, path.join(url, 'index.html')) && liveHasFile(liveDir, ogImagePath(url));
    const dirty = view.pages.filter((page) => !unchanged(page.url));
    const dirtyUrls = new Set(dirty.map((page) => page.url));
    // Likewise a feed whose view hashes as before: its three files are linked from the live release.
    const feedHashes = hashFeedViews(view.feeds, { templates, siteUrl: options.siteUrl });
    const feedFiles = (feed: (typeof view.feeds)[number]): string[] => [feed.paths.rss, feed.paths.atom, feed.paths.json];
    const unchangedFeed = (feed: (typeof view.feeds)[number]): boolean =>
      liveDir !== null && previous?.feedHashes?.[feed.paths.rss] === feedHashes[feed.paths.rss] && feedFiles(feed).every((file) => liveHasFile(liveDir, file));
    const dirtyFeeds = view.feeds.filter((feed) => !unchangedFeed(feed));
    let calendarHashes: Record<string, string> = {};
    let tree: ScannedTree = new Map();
    await stage(
      'render',
      async () => {
        // An unchanged page's two files are linked from the live release (a recycled release
        // mostly holds them already).
        for (const page of view.pages) {
          if (dirtyUrls.has(page.url)) continue;
          for (const file of [path.join(page.url, 'index.html'), ogImagePath(page.url)]) linkFromLive(liveDir as string, staging, file, held);
        }
        for (const feed of view.feeds) if (!dirtyFeeds.includes(feed)) for (const file of feedFiles(feed)) linkFromLive(liveDir as string, staging, file, held);
        await renderOgCards(dirty, staging, imageOptions, media.images);
        const target = release?.recycled ? { outDir: staging, scratchDir } : staging;
        calendarHashes = await renderSite(model, view, target, options.siteUrl, dirty, { liveDir, previous: previous?.calendarHashes, held }, dirtyFeeds);
        // One walk of the staged site (or the record of it) serves the checks and the publish step.
        tree = release && ledger ? sweepRecycled(release, held ?? scanTree(staging), ledger, { restat: held !== null }) : scanTree(staging);
      },
      () => `${dirty.length} of ${view.pages.length} pages and ${dirtyFeeds.length} of ${view.feeds.length} feeds rendered, ${media.images.ogCards} Open Graph cards`,
    );
    report.media.encoded = media.images.encoded;
    report.media.reusedVariants = media.images.reused;
    const verified = await stage('verify', () => verifySite(staging, options.siteUrl, tree), (v) => `${v.files} files, ${v.linksChecked} links`);
    report.files = verified.files;
    const linked = await stage(
      'publish',
      () => {
        const result = linkUnchanged(staging, liveDir, tree);
        goLive(release as NonNullable<typeof release>, outDir);
        rememberPublished(staging, tree);
        prepareSpare(release as NonNullable<typeof release>, outDir, tree, (spare) => rememberSpare(spare, tree));
        saveState(outDir, { version: STATE_VERSION, release: (release as NonNullable<typeof release>).id, snapshot, pageHashes, calendarHashes, feedHashes });
        return result;
      },
      (l) => `${l.written.length} files written, ${l.linked} unchanged`,
    );
    report.changed = summariseChanges(linked.written);
    report.release = release.id;
    report.status = 'ok';
  } catch (error) {
    // The reason first: a cleanup that fails too is a note beside it, never instead of it.
    report.error = errorOf(error);
    try {
      if (release) abandonRelease(release, outDir);
    } catch (cleanup) {
      report.error = errorOf(error, cleanup);
    }
    if (live && fetched) report.takedown = takeDownAnyway(outDir, live, fetched, `${id}-takedown`, report);
  } finally {
    if (ledger) closeLedger(ledger);
    rmSync(scratchDir, { recursive: true, force: true });
    const finishedAt = new Date();
    report.finishedAt = finishedAt.toISOString();
    report.durationMs = finishedAt.getTime() - startedAt.getTime();
    report.requests = client.requestCount;
    writeReport(reportPathFor(outDir), report);
  }
  return report;
};
