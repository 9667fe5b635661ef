// The Hugo side of the rendering benchmark: the same pages and feeds as our render stage,
// built by Hugo from Markdown. prepareHugoSite writes a complete Hugo site for a site view
// (content as Markdown with front matter, layouts copied from bench/hugo-site/layouts, a
// multilingual config, labels and settings as data); run() times one `hugo` build of it.
//
// What is counted after a run, so the caller can check both sides did the same work:
// - pages: every index.html Hugo wrote below the root. The root index.html is not one of
//   them: with defaultContentLanguageInSubdir Hugo writes a redirect to /en/ there, where we
//   write the language chooser, and view.pages counts neither.
// - feeds: every feed.xml, atom.xml and feed.json, wherever Hugo wrote it.
// Sitemaps are written (ours has one; Hugo makes an index and one per language) and not counted.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ogLocale } from '../domain/format.js';
import type { Labels } from '../domain/labels.js';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../domain/locales.js';
import type { SiteSettings } from '../domain/model.js';
import { FEED_SIZE } from '../scripts/render/feeds.js';
import type { SiteView } from '../domain/site-view.js';
import { contentFileOf, contentFolderOf, listPlacements, topicsSectionFile } from './hugo-content.js';

export interface HugoRun {
  wallMs: number;
  pages: number;
  feeds: number;
}

export interface HugoSite {
  /** One timed `hugo` build into a fresh <workDir>/public/run-<n> (the latest run's output is kept). */
  run: () => Promise<HugoRun>;
  /** Markdown pages written: always view.pages.length (prepareHugoSite throws otherwise). */
  pages: number;
  /** Feed files our site has (view.feeds × RSS, Atom, JSON): what a run should report. */
  feeds: number;
}

const LAYOUTS_DIR = fileURLToPath(new URL('./hugo-site/layouts/', import.meta.url));
const HUGO = process.env.HUGO_BIN ?? 'hugo';
const FEED_FILE_NAMES = new Set(['feed.xml', 'atom.xml', 'feed.json']);

/** Writes a Hugo site for `view` under workDir (content as Markdown + layouts), returns a function that runs one timed `hugo` build into a fresh destination. */
export const prepareHugoSite = (view: SiteView, workDir: string, siteUrl: string): HugoSite => {
  const root = path.resolve(workDir);
  // Only what this module writes is removed: workDir may hold other things.
  for (const entry of ['hugo.json', 'content', 'layouts', 'data', 'public', 'resources']) rmSync(path.join(root, entry), { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(LAYOUTS_DIR, path.join(root, 'layouts'), { recursive: true });
  const locales = LOCALES.filter((locale) => view.pages.some((page) => page.locale === locale));
  writeJson(path.join(root, 'hugo.json'), hugoConfig(locales, siteUrl));
  writeData(view, root);
  const pages = writeContent(view, root, siteUrl);
  if (pages !== view.pages.length) throw new Error(`Wrote ${pages} Markdown pages for ${view.pages.length} pages of the view.`);
  const feeds = new Set(view.feeds.flatMap((feed) => [feed.paths.rss, feed.paths.atom, feed.paths.json])).size;
  let runs = 0;
  return { pages, feeds, run: () => runHugo(root, (runs += 1)) };
};

// ---------------------------------------------------------------------------------------------
// The site

const hugoConfig = (locales: Locale[], siteUrl: string): Record<string, unknown> => ({
  baseURL: `${siteUrl.replace(/\/+$/, '')}/`,
  defaultContentLanguage: DEFAULT_LOCALE,
  // /en/… and /es/…, as ours; every page also sets `url` to exactly our URL.
  defaultContentLanguageInSubdir: true,
  // We make no taxonomy pages, 404 page or robots.txt.
  disableKinds: ['taxonomy', 'term', '404', 'robotsTXT'],
  disableHugoGeneratorInject: true,
  // Hugo skips pages dated in the future (an article announced ahead); we publish them.
  buildFuture: true,
  buildExpired: true,
  languages: Object.fromEntries(locales.map((locale, index) => [locale, { weight: index + 1, contentDir: `content/${locale}` }])),
  params: { default_locale: DEFAULT_LOCALE, feed_size: FEED_SIZE },
  mediaTypes: { 'application/atom+xml': { suffixes: ['xml'] }, 'application/feed+json': { suffixes: ['json'] } },
  // Our feed file names: feed.xml, atom.xml and feed.json beside the page they belong to.
  outputFormats: {
    RSS: { baseName: 'feed' },
    Atom: { mediaType: 'application/atom+xml', baseName: 'atom', isPlainText: false, rel: 'alternate' },
    JSONFeed: { mediaType: 'application/feed+json', baseName: 'feed', isPlainText: true, rel: 'alternate' },
  },
  // Pages with feeds ask for the feed formats in their own front matter.
  outputs: { home: ['HTML'], section: ['HTML'], page: ['HTML'] },
  markup: {
    goldmark: {
      // Markdown keeps what it has no syntax for (figures, <u>) as HTML; it came from our own renderer.
      renderer: { unsafe: true },
      // Our HTML has none of these: no smart quotes, no links made from bare URLs, no heading ids.
      extensions: { typographer: false, linkify: false },
      parser: { autoHeadingID: false, attribute: { title: false, block: false } },
    },
    // Code blocks as <pre><code class="language-…">, as ours, not coloured by Chroma.
    highlight: { codeFences: false },
  },
});

/** Labels and settings per language, as data: the templates index them by site.Language.Lang. */
const writeData = (view: SiteView, root: string): void => {
  const labels: Partial<Record<Locale, Labels>> = {};
  const settings: Partial<Record<Locale, SiteSettings & { ogLocale: string }>> = {};
  for (const page of view.pages) {
    labels[page.locale] ??= page.labels;
    settings[page.locale] ??= { ...page.settings, ogLocale: ogLocale(page.locale) };
  }
  writeJson(path.join(root, 'data', 'labels.json'), labels);
  writeJson(path.join(root, 'data', 'settings.json'), settings);
};

/** One Markdown file per page of the view; returns how many were written. */
const writeContent = (view: SiteView, root: string, siteUrl: string): number => {
  const placements = listPlacements(view.pages);
  const feedPages = new Set(view.feeds.map((feed) => feed.paths.rss));
  const taken = new Set<string>();
  let written = 0;
  for (const page of view.pages) {
    const fileName = uniqueFileName(page.url, contentFolderOf(page), taken);
    const file = contentFileOf(page, placements, siteUrl, { fileName, hasFeeds: feedPages.has(`${page.url}feed.xml`) });
    const target = path.join(root, 'content', file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.text);
    written += 1;
  }
  for (const locale of new Set(view.pages.filter((page) => page.kind === 'topic' || page.kind === 'topics').map((page) => page.locale))) {
    const file = topicsSectionFile(locale);
    writeFileSync(path.join(root, 'content', file.path), file.text);
  }
  return written;
};

/**
 * A file name from the last segment of the URL (the slug), safe on any file system and unique
 * in its folder. The URL itself comes from the front matter, so the name only has to be
 * unique — and never "index" or "_index…", which Hugo reads as bundles and section pages.
 */
const uniqueFileName = (url: string, folder: string, taken: Set<string>): string => {
  const slug = decodeURIComponent(url.split('/').filter(Boolean).pop() ?? 'page').replace(/[^A-Za-z0-9._-]/g, '_');
  const base = /^(index$|[_.])/.test(slug) ? `page-${slug}` : slug;
  let name = base;
  for (let n = 2; taken.has(`${folder}/${name}`); n += 1) name = `${base}-${n}`;
  taken.add(`${folder}/${name}`);
  return name;
};

const writeJson = (file: string, value: unknown): void => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
};

// ---------------------------------------------------------------------------------------------
// A run

/**
 * One build into <workDir>/public/run-<n>, a directory no earlier run wrote to. The previous
 * run's output is deleted only after this one is counted, not just before the timed build,
 * where deleting ~20 MB of files competed with Hugo's writes and added to its system time.
 */
const runHugo = async (root: string, run: number): Promise<HugoRun> => {
  const destination = path.join(root, 'public', `run-${run}`);
  rmSync(destination, { recursive: true, force: true });
  // No generated resources from a previous run either (--ignoreCache covers the file cache).
  rmSync(path.join(root, 'resources'), { recursive: true, force: true });
  const wallMs = await timedHugo(['--quiet', '--ignoreCache', '--source', root, '--destination', destination]);
  const counts = countOutput(destination);
  for (const previous of readdirSync(path.join(root, 'public'))) {
    if (previous !== `run-${run}`) rmSync(path.join(root, 'public', previous), { recursive: true, force: true });
  }
  return { wallMs, ...counts };
};

/** Runs hugo; resolves with the wall time from spawn to exit, in milliseconds. */
const timedHugo = (args: string[]): Promise<number> =>
  new Promise((resolve, reject) => {
    const output: Buffer[] = [];
    const started = performance.now();
    let exited = started;
    const child = spawn(HUGO, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new Error(`Hugo is not installed (no "${HUGO}" to run; HUGO_BIN overrides the name). Install it with: apt-get install -y hugo`) : error);
    });
    // Timed at exit; the output is complete only at close.
    child.on('exit', () => {
      exited = performance.now();
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolve(exited - started);
      else reject(new Error(`hugo ${args.join(' ')} failed (${code === null ? `signal ${signal}` : `exit code ${code}`}):\n${Buffer.concat(output).toString('utf8').trim()}`));
    });
  });

const countOutput = (destination: string): { pages: number; feeds: number } => {
  const files = readdirSync(destination, { recursive: true, encoding: 'utf8' });
  const names = files.map((file) => path.basename(file));
  return {
    pages: files.filter((file, index) => names[index] === 'index.html' && file !== 'index.html').length,
    feeds: names.filter((name) => FEED_FILE_NAMES.has(name)).length,
  };
};
