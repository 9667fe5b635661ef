// Checks the staged search index before it goes live: it holds every indexed page of each
// language, in that language's index, and answers a known query in each language (the title
// of one of its pages finds that page), searched through the index's own pagefind.js as a
// reader's browser would. A failure fails the build, and the live site stays.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../../domain/locales.js';
import { VerificationError } from '../errors.js';
import { SEARCH_INDEX_PATH } from '../normalise/urls.js';
import { indexedPages, type SearchablePage, type SearchIndex } from '../search/index-pages.js';
import { searchIndexAt } from '../search/query-index.js';

export interface SearchCheck {
  /** Queries run; 0 when the index was kept from the live release, which passed this check. */
  queries: number;
}

interface Entry {
  languages?: Record<string, { page_count?: number }>;
}

/** What is wrong with the index's languages, by comparing its entry file with the pages it should hold. */
export const languageProblems = (entry: Entry, expected: Partial<Record<Locale, number>>): string[] => {
  const problems: string[] = [];
  const languages = entry.languages ?? {};
  for (const [locale, count] of Object.entries(expected)) {
    const found = languages[locale]?.page_count ?? 0;
    if (found !== count) problems.push(`the ${locale} index holds ${found} pages where the site has ${count} to index`);
  }
  for (const language of Object.keys(languages)) if (!(language in expected)) problems.push(`the index has pages in "${language}", a language the site does not publish (a page without its <html lang>?)`);
  return problems;
};

export const verifySearchIndex = async (staging: string, pages: SearchablePage[], index: SearchIndex): Promise<SearchCheck> => {
  if (!index.made) return { queries: 0 };
  const dir = path.join(staging, SEARCH_INDEX_PATH);
  const problems = languageProblems(JSON.parse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8')) as Entry, index.pages);
  // One page per language, whose title must find it.
  const probes = (Object.keys(index.pages) as Locale[]).flatMap((locale) => {
    const page = indexedPages(pages).find((candidate) => candidate.locale === locale);
    return page ? [{ locale, term: page.title, lookFor: page.url }] : [];
  });
  const answers = await searchIndexAt(dir, probes);
  for (const [i, probe] of probes.entries()) {
    const answer = answers[i];
    if (answer?.found !== true) problems.push(`searching the ${probe.locale} index for ${JSON.stringify(probe.term)} did not find ${probe.lookFor} (${answer?.count ?? 0} results)`);
  }
  if (problems.length > 0) throw new VerificationError(`The search index failed verification; nothing was published:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { queries: probes.length };
};
