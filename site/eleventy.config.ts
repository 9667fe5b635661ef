// The Eleventy configuration of the site. The render stage runs Eleventy with it
// programmatically and hands it the page views as global data: templates never fetch.
import rssPlugin from '@11ty/eleventy-plugin-rss';
import filtersPlugin from './_config/filters.js';
import type { SiteView } from '../domain/site-view.js';

export interface SiteConfigOptions {
  siteUrl: string;
  view: SiteView;
  /** The pages to write this time; the sitemap still lists every page of the view. */
  pages?: SiteView['pages'];
  /** Whether this run also writes what is not a page of the view: root chooser, 404 pages, robots.txt, sitemap, feeds. */
  shared?: boolean;
  /** The feeds to write when it does (default all); the others are linked from the live site. */
  feeds?: SiteView['feeds'];
}

interface EleventyUserConfig {
  setTemplateFormats(formats: string[]): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  addGlobalData(name: string, value: unknown): void;
  addPlugin(plugin: unknown, options?: unknown): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  setQuietMode(quiet: boolean): void;
  ignores: { add(glob: string): void };
}

export default function siteConfig(eleventyConfig: EleventyUserConfig, { siteUrl, view, pages, shared = true, feeds }: SiteConfigOptions): void {
  // Only Nunjucks templates are pages; the TypeScript beside them is configuration.
  eleventyConfig.setTemplateFormats(['njk']);
  // Autoescape everything: content reaches templates as text, except the HTML that our own
  // blocks renderer already made safe (marked with | safe where it is printed).
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true });
  eleventyConfig.addPlugin(filtersPlugin, { siteUrl });
  // RFC 822 and RFC 3339 dates for the feeds.
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addGlobalData('pages', pages ?? view.pages);
  eleventyConfig.addGlobalData('sitemaps', view.sitemaps);
  // The files of an index; none when sitemap.xml holds every URL itself.
  eleventyConfig.addGlobalData('sitemapParts', view.sitemaps.length > 1 ? view.sitemaps : []);
  eleventyConfig.addGlobalData('feeds', feeds ?? view.feeds);
  eleventyConfig.addGlobalData('chooser', view.chooser);
  eleventyConfig.addGlobalData('notFoundPages', view.notFound);
  eleventyConfig.addGlobalData('siteUrl', siteUrl.replace(/\/+$/, ''));
  eleventyConfig.setQuietMode(true);
  if (!shared) for (const template of ['index.njk', '404.njk', 'not-found.njk', 'robots.njk', 'sitemap.njk', 'sitemap-part.njk', 'feeds/**']) eleventyConfig.ignores.add(template);
}
