// Every filter the templates use, gathered in one plugin: dates and numbers as each
// language writes them (domain/format.ts), and absolute URLs for canonical links and Open Graph.
import { fileSize, fill, formatDate, formatEventWhen, formatNumber, languageList, ogLocale, scriptJson, srcset } from '../../domain/format.js';

interface FilterConfig {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
}

export default function filtersPlugin(eleventyConfig: FilterConfig, { siteUrl }: { siteUrl: string }): void {
  const root = siteUrl.replace(/\/+$/, '');
  eleventyConfig.addFilter('absolute', (path: string) => `${root}${path}`);
  eleventyConfig.addFilter('date', formatDate);
  eleventyConfig.addFilter('eventWhen', formatEventWhen);
  eleventyConfig.addFilter('number', formatNumber);
  eleventyConfig.addFilter('fill', fill);
  eleventyConfig.addFilter('ogLocale', ogLocale);
  eleventyConfig.addFilter('languageList', languageList);
  eleventyConfig.addFilter('srcset', srcset);
  eleventyConfig.addFilter('fileSize', fileSize);
  // A page's JSON-LD, safe inside its <script> element (printed with | safe: entities would break the JSON).
  eleventyConfig.addFilter('jsonLd', scriptJson);
}
