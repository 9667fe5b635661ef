// The build, stage by stage: fetch → normalise → media → images → pdf → render → search →
// verify → publish. Each stage is a plain function that returns what it makes; this module only runs
// them in order, hands each what it needs, times them and writes the report, whether the
// build succeeded or not. What the live release lets a build skip is decided in
// publish/last-release, which the stages call.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createStrapiClient } from './fetch/strapi-client.js';
import { fetchHistory } from './fetch/history.js';
import { fetchChanges } from './fetch/incremental.js';
import { fetchSite, type RawSnapshot } from './fetch/snapshot.js';
import { printCover } from './images/print-cover.js';
import { processCovers } from './images/responsive.js';
import { copyMedia } from './media/copy-media.js';
import { mediaBaseUrlsFrom } from './normalise/media-source.js';
import { normalise } from './normalise/normalise.js';
import { projectRoot } from './paths.js';
import { generateSummaries } from './pdf/summaries.js';
import { stopIdleWorkers } from './pdf/worker-pool.js';
import { liveReleaseOf, openRelease, publishRelease, releaseTree, type LiveRelease, type OpenedRelease } from './publish/last-release.js';
import { abandonRelease } from './publish/release.js';
import { appendHistory, historyPathFor, MANUAL_TRIGGER, type BuildTrigger } from './publish/build-history.js';
import { countDocuments, errorOf, reportPathFor, splitIssues, summariseChanges, writeReport, type BuildReport } from './publish/report.js';
import { saveState, type BuildState } from './publish/state.js';
import { publishTakedowns, takenDown } from './publish/takedowns.js';
import { verifySite } from './publish/verify.js';
import { verifySearchIndex } from './publish/verify-search.js';
import { nextEventEnd } from './render/event-time.js';
import { publishedModel } from './render/published-model.js';
import { renderChanged } from './render/render-changed.js';
import { siteOf } from './render/site.js';
import { indexSearch } from './search/index-pages.js';
import { SEARCH_INDEX_PATH } from './normalise/urls.js';

const STAGES = ['fetch', 'normalise', 'media', 'images', 'pdf', 'render', 'search', 'verify', 'publish'] as const;
export type Stage = (typeof STAGES)[number];

export type StageEvent = { stage: Stage; state: 'start' } | { stage: Stage; state: 'done'; ms: number; detail: string } | { stage: Stage; state: 'failed'; ms: number; error: unknown };

export interface BuildOptions {
  strapiUrl: string;
  strapiToken: string;
  outDir: string;
  siteUrl: string;
  cacheDir?: string;
  /**
   * Public addresses of the bucket the CMS keeps media in, the only place besides the CMS's
   * own uploads media are downloaded from. Default: from S3_BUCKET and the other S3_ variables
   * of the environment, as the CMS reads them.
   */
  mediaBaseUrls?: readonly string[];
  /** The moment "upcoming" is judged against; tests pin it. */
  now?: Date;
  requestTimeoutMs?: number;
  retries?: number;
  onStage?: (event: StageEvent) => void;
  /** Fetch only what changed since the live release's snapshot (webhook rebuilds). */
  incremental?: boolean;
  /** Cards on a page of a list (LIST_PAGE_SIZE unless a test wants many pages from few documents). */
  listPageSize?: number;
  /** Keep the live search index when pages were only added or edited, for a later build to make (see search/index-pages). */
  deferSearchIndex?: boolean;
  /** What set the build off, for the report and the build history; a manual build unless said. */
  trigger?: BuildTrigger;
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
    const folders = removed.map((file) => file.replace(/[^/]*$/, '')).filter((folder) => !folder.startsWith(SEARCH_INDEX_PATH));
    return { release: id, pages: [...new Set(folders)].sort() };
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
    status: 'failed', trigger: options.trigger ?? MANUAL_TRIGGER, startedAt: startedAt.toISOString(), finishedAt: '', durationMs: 0, cmsUrl: options.strapiUrl, siteUrl: options.siteUrl, outDir, release: null,
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
  let opened: OpenedRelease | null = null;
  // What a failed build needs to take unpublished pages down anyway (see publish/takedowns).
  let live: LiveRelease = { dir: null, state: null };
  let fetched: RawSnapshot | null = null;
  const id = releaseId(startedAt);
  // Where Eleventy writes when the release is a recycled one (see renderSite).
  const scratchDir = path.join(path.dirname(outDir), `.${path.basename(outDir)}-render-${id}`);
  const cacheRoot = options.cacheDir ?? path.join(projectRoot, '.cache');
  const caches = { mediaCacheDir: path.join(cacheRoot, 'media'), imagesCacheDir: path.join(cacheRoot, 'images'), pdfCacheDir: path.join(cacheRoot, 'pdf') };
  try {
    // The live release and its state: its snapshot for an incremental fetch, the hashes that
    // say what need not be made again. Without them (a first build, a moved output) all is new.
    live = liveReleaseOf(outDir);
    const previous = live.state;
    const incremental = options.incremental === true && previous !== null;

    const snapshot = await stage(
      'fetch',
      // The wall clock, not the pinned `now`: the next incremental fetch asks for changes since then.
      async () => {
        const [documents, history] = await Promise.all([incremental && previous ? fetchChanges(client, previous.snapshot, startedAt).then((r) => r.snapshot) : fetchSite(client, startedAt), fetchHistory(client)]);
        return { ...documents, history, requestCount: client.requestCount };
      },
      (s) => `${s.requestCount} requests${incremental ? ' (changes since the last build)' : ''}`,
    );
    report.requests = snapshot.requestCount;
    fetched = snapshot;

    const model = await stage('normalise', () => normalise(snapshot, { cmsUrl: options.strapiUrl, mediaBaseUrls: options.mediaBaseUrls ?? mediaBaseUrlsFrom(process.env) }), (m) => `${m.studies.length + m.events.length + m.articles.length + m.axes.length} documents, ${m.issues.length} issues`);
    report.counts = countDocuments(model);
    Object.assign(report, splitIssues(model.issues));

    opened = openRelease(outDir, id, live);
    const { release, reuse } = opened;
    const staging = release.dir;

    const media = await stage('media', () => copyMedia(model.media, staging, { cacheDir: caches.mediaCacheDir, ledger: reuse.ledger }), (m) => `${m.downloaded} downloaded, ${m.reused} reused${m.failed.length ? `, ${m.failed.length} failed` : ''}`);
    report.media = { downloaded: media.downloaded, reused: media.reused, encoded: 0, reusedVariants: 0 };
    report.warnings.push(...media.failed);

    const images = await stage('images', () => processCovers(model, media.missing, staging, { ...caches, ledger: reuse.ledger }), (i) => `${i.encoded} variants encoded, ${i.reused} reused${i.failed.length ? `, ${i.failed.length} failed` : ''}`);
    report.warnings.push(...images.failed);

    const pdfs = await stage(
      'pdf',
      // Worker threads that made PDFs would hold their memory through the render stage.
      () => generateSummaries(publishedModel(model, { missingMedia: media.missing, covers: images.covers }), staging, { siteUrl: options.siteUrl, ...caches, printCover, ledger: reuse.ledger }).finally(stopIdleWorkers),
      (p) => `${p.generated} generated, ${p.reused} reused`,
    );
    report.pdfs = { generated: pdfs.generated, reused: pdfs.reused, renderMs: pdfs.renderMs };
    report.leftOut.push(...pdfs.failed);

    // What the site shows: the model joined with what the stages made, its links checked.
    const site = await siteOf(publishedModel(model, { missingMedia: media.missing, covers: images.covers, socialCards: images.socialCards, pdfs: pdfs.pdfs }), now, options.siteUrl, { listPageSize: options.listPageSize });
    report.warnings.push(...site.issues);
    report.pages = site.view.pages.length + 1;
    report.nextEventEnd = nextEventEnd(site.model.events, now)?.toISOString() ?? null;

    const render = await stage(
      'render',
      () => renderChanged(site, { staging, scratchDir: release.recycled ? scratchDir : null, siteUrl: options.siteUrl, reuse, caches, images }),
      (r) => `${r.pages} of ${site.view.pages.length} pages and ${r.feeds} of ${site.view.feeds.length} feeds rendered, ${r.redirectPages} pages at moved addresses written, ${images.ogCards} Open Graph cards`,
    );
    report.media.encoded = images.encoded;
    report.media.reusedVariants = images.reused;

    const search = await stage(
      'search',
      () => indexSearch(site.view.pages, render.pageHashes, { staging, reuse, defer: options.deferSearchIndex }),
      (s) => `${Object.entries(s.pages).map(([locale, n]) => `${n} ${locale}`).join(', ')} pages ${s.made ? 'indexed' : s.deferred ? 'to index later (the live index is kept until then)' : 'kept in the live index (none changed)'}`,
    );

    report.search = search.made ? 'made' : search.deferred ? 'deferred' : 'kept';

    const tree = releaseTree(opened);
    const verified = await stage(
      'verify',
      async () => ({ ...verifySite(staging, options.siteUrl, tree), search: await verifySearchIndex(staging, site.view.pages, search) }),
      (v) => `${v.files} files, ${v.linksChecked} links, ${v.search.queries} searches`,
    );
    report.files = verified.files;

    const linked = await stage(
      'publish',
      () => publishRelease(outDir, live, release, tree, { snapshot, pageHashes: render.pageHashes, feedHashes: render.feedHashes, calendarHashes: render.calendarHashes, searchIndex: { hash: search.hash, files: search.files, pages: search.urls } }),
      (l) => `${l.written.length} files written, ${l.linked} unchanged`,
    );
    report.changed = summariseChanges(linked.written);
    report.release = release.id;
    report.status = 'ok';
  } catch (error) {
    // The reason first: a cleanup that fails too is a note beside it, never instead of it.
    report.error = errorOf(error);
    try {
      if (opened) abandonRelease(opened.release, outDir);
    } catch (cleanup) {
      report.error = errorOf(error, cleanup);
    }
    if (live.dir && live.state && fetched) report.takedown = takeDownAnyway(outDir, { dir: live.dir, state: live.state }, fetched, `${id}-takedown`, report);
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
    const finishedAt = new Date();
    report.finishedAt = finishedAt.toISOString();
    report.durationMs = finishedAt.getTime() - startedAt.getTime();
    report.requests = client.requestCount;
    writeReport(reportPathFor(outDir), report);
    // Never throws: the history is a view for editors, not part of the build's outcome.
    appendHistory(historyPathFor(outDir), report);
  }
  return report;
};
