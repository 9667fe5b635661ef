// The render stage: Eleventy, driven from code, writes the pages of the site view into the
// staging directory, and the static assets are copied beside them.
import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { listFiles } from '../publish/verify.js';
import path from 'node:path';
import siteConfig from '../../site/eleventy.config.js';
import { projectRoot } from '../paths.js';
import type { ContentModel } from '../normalise/model.js';
import { writeCalendars } from './calendars.js';
import type { SiteView } from './pages.js';

export const siteDir = path.join(projectRoot, 'site');

export const renderSite = async (model: ContentModel, view: SiteView, outDir: string, siteUrl: string, pages: SiteView['pages'] = view.pages): Promise<void> => {
  const { default: Eleventy } = await import('@11ty/eleventy');
  const eleventy = new Eleventy(siteDir, outDir, {
    quietMode: true,
    // No config file lookup: the configuration is the function below, with the data in it.
    configPath: '',
    config: (eleventyConfig: Parameters<typeof siteConfig>[0]) => siteConfig(eleventyConfig, { siteUrl, view, pages }),
  });
  // The pipeline reports its own progress; errors still throw and reach the report.
  eleventy.disableLogger();
  await eleventy.write();
  cpSync(path.join(siteDir, 'assets'), path.join(outDir, 'assets'), { recursive: true });
  writeCalendars(model, outDir, siteUrl);
};

/** A hash of the templates, styles and labels: when they change, every page is rendered again. */
export const hashSiteSources = (): string => {
  const hash = createHash('sha256');
  for (const file of listFiles(siteDir).sort()) hash.update(file).update(readFileSync(path.join(siteDir, file)));
  return hash.digest('hex');
};
