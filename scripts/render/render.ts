// The render stage: Eleventy, driven from code, writes the pages of the site view into the
// staging directory; the static assets are copied beside them, and the headers and redirects files for static hosts.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { recordPlaced, type Ledger } from '../lib/link-or-copy.js';
import { NOTHING_TO_REUSE, type Reuse } from '../lib/reuse.js';
import { listFiles } from '../lib/files.js';
import { headersFile } from '../lib/site-headers.js';
import path from 'node:path';
import siteConfig, { type SiteConfigOptions } from '../../site/eleventy.config.js';
import { projectRoot } from '../paths.js';
import type { ContentModel } from '../../domain/model.js';
import { writeCalendars } from './calendars.js';
import { movedSectionsOf, redirectsFile } from './redirects.js';
import type { SiteView } from '../../domain/site-view.js';

export const siteDir = path.join(projectRoot, 'site');

/**
 * Pages per Eleventy run. Eleventy keeps every page it renders (its data and its output) until
 * the run ends; at 20,000 pages that alone is most of a gigabyte. Runs of a few thousand
 * pages keep the build's memory flat as the site grows, for about 0.1 s per run.
 */
const PAGES_PER_RUN = 2_500;

const runEleventy = async (outDir: string, options: SiteConfigOptions): Promise<void> => {
  const { default: Eleventy } = await import('@11ty/eleventy');
  const eleventy = new Eleventy(siteDir, outDir, {
    quietMode: true,
    // No config file lookup: the configuration is the function below, with the data in it.
    configPath: '',
    config: (eleventyConfig: Parameters<typeof siteConfig>[0]) => siteConfig(eleventyConfig, options),
  });
  // The pipeline reports its own progress; errors still throw and reach the report.
  eleventy.disableLogger();
  await eleventy.write();
};

/**
 * Moves every file of `from` into `to`, replacing what is there by rename: Eleventy writes into
 * existing files in place, and in a recycled release those may be hard links shared with the
 * live site.
 */
const moveFilesInto = (from: string, to: string, ledger: Ledger | null): void => {
  for (const file of listFiles(from)) {
    const target = path.join(to, file);
    recordPlaced(ledger, target, true);
    try {
      renameSync(path.join(from, file), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(path.join(from, file), target);
    }
  }
  rmSync(from, { recursive: true, force: true });
};

export interface RenderTarget {
  /** Where the site is staged. */
  outDir: string;
  /**
   * An empty directory for Eleventy and the assets when outDir already holds files (a recycled
   * release); what is written there is then moved into outDir.
   */
  scratchDir?: string;
}

/**
 * Renders the pages (all, or those given) and the feeds (likewise), copies the assets and writes
 * the calendars (those `reuse` cannot keep); returns the calendars' input hashes.
 */
export const renderSite = async (
  model: ContentModel,
  view: SiteView,
  target: string | RenderTarget,
  siteUrl: string,
  pages: SiteView['pages'] = view.pages,
  reuse: Reuse = NOTHING_TO_REUSE,
  feeds: SiteView['feeds'] = view.feeds,
): Promise<Record<string, string>> => {
  const { outDir, scratchDir } = typeof target === 'string' ? { outDir: target, scratchDir: undefined } : target;
  const renderDir = scratchDir ?? outDir;
  // The first run also writes what is not a page of the view: the root chooser, the 404 pages,
  // robots.txt, the sitemap's files and the feeds (those given).
  for (let start = 0; start === 0 || start < pages.length; start += PAGES_PER_RUN) {
    await runEleventy(renderDir, { siteUrl, view, pages: pages.slice(start, start + PAGES_PER_RUN), shared: start === 0, feeds });
  }
  cpSync(path.join(siteDir, 'assets'), path.join(renderDir, 'assets'), { recursive: true });
  writeFileSync(path.join(renderDir, '_headers'), headersFile());
  writeFileSync(path.join(renderDir, '_redirects'), redirectsFile(movedSectionsOf(model.locales), model.formerAddresses));
  if (scratchDir) moveFilesInto(scratchDir, outDir, reuse.ledger);
  return writeCalendars(model, outDir, siteUrl, reuse);
};

/**
 * Renders these pages alone into outDir: no root chooser, 404 pages, sitemap, feeds, assets or
 * calendars (a preview shows one page; the rest of the site is the live one's).
 */
export const renderPagesOnly = (view: SiteView, outDir: string, siteUrl: string, pages: SiteView['pages']): Promise<void> => runEleventy(outDir, { siteUrl, view, pages, shared: false });

/** What pages are made of besides their views: the labels, formats and view types they read. */
const domainDir = path.join(projectRoot, 'domain');

/**
 * A hash of the templates, styles, labels and formats (site/ and domain/): when they change,
 * every page is rendered again.
 */
export const hashSiteSources = (): string => {
  const hash = createHash('sha256');
  for (const dir of [siteDir, domainDir]) for (const file of listFiles(dir).sort()) hash.update(path.relative(projectRoot, path.join(dir, file))).update(readFileSync(path.join(dir, file)));
  return hash.digest('hex');
};
