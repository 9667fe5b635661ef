// The fetch stage: every type, each locale separately, every page. Its output is the raw
// snapshot, Strapi's JSON as it came, for normalise to check.
import { compareText, LOCALES, type Locale } from '../../domain/locales.js';
import { mapWithConcurrency } from '../lib/concurrency.js';
import { readChangeFeed } from './change-feed.js';
import { COLLECTION_QUERIES, localeQuery, readPathOf, type CollectionQuery } from './queries.js';
import type { StrapiClient } from './strapi-client.js';

export interface RawSnapshot {
  fetchedAt: string;
  /**
   * The site's languages the CMS had (see change-feed); the others have no documents here.
   * Absent in snapshots from before locales could come and go: all of them, then.
   */
  locales?: Locale[];
  /** type → locale → documents as Strapi sent them. */
  collections: Record<string, Record<Locale, unknown[]>>;
  /** Single types: type → locale → the document, or null when not published there. */
  singles: Record<string, Record<Locale, unknown>>;
  requestCount: number;
  /**
   * The CMS's history of addresses and translations (GET /api/export/history), as it came; null
   * when the CMS has none, absent where nothing asked for it (previews, older snapshots).
   */
  history?: unknown;
}

/** The languages a snapshot holds. */
export const localesOf = (snapshot: Pick<RawSnapshot, 'locales'>): Locale[] => snapshot.locales ?? [...LOCALES];

/**
 * Every document of `queries` in `locales`; a site language the CMS does not have (not in
 * `locales`) gets no request and no documents.
 */
export const fetchSnapshot = async (client: StrapiClient, now: Date = new Date(), queries: CollectionQuery[] = COLLECTION_QUERIES, locales: Locale[] = [...LOCALES]): Promise<RawSnapshot> => {
  const snapshot: RawSnapshot = { fetchedAt: now.toISOString(), locales, collections: {}, singles: {}, requestCount: 0 };
  // Every site language has its entry; one the CMS lacks stays empty.
  for (const query of queries) {
    if (query.kind === 'single') snapshot.singles[query.type] = Object.fromEntries(LOCALES.map((locale) => [locale, null])) as Record<Locale, unknown>;
    else snapshot.collections[query.type] = Object.fromEntries(LOCALES.map((locale) => [locale, []])) as unknown as Record<Locale, unknown[]>;
  }
  const jobs = queries.flatMap((query) => locales.map((locale) => ({ query, locale })));
  // A few requests at a time: the CMS is shared with editors and one build should not crowd it.
  const results = await mapWithConcurrency(jobs, 4, async ({ query, locale }) => {
    const params = localeQuery(query, locale);
    if (query.kind === 'single') {
      const body = await client.getJson(query.path, params, { allowNotFound: true });
      return { query, locale, value: body === null ? null : (body as { data: unknown }).data ?? null };
    }
    // Sorted by documentId here too: the database's collation may differ between SQLite and
    // PostgreSQL, and a build must not depend on it.
    const docs = await client.getAllByDocumentId(readPathOf(query), params);
    return { query, locale, value: [...docs].sort((a, b) => compareText(String((a as { documentId?: string }).documentId), String((b as { documentId?: string }).documentId))) };
  });
  for (const { query, locale, value } of results) {
    const target = query.kind === 'single' ? snapshot.singles : snapshot.collections;
    (target[query.type] as Record<Locale, unknown>)[locale] = value;
  }
  snapshot.requestCount = client.requestCount;
  return snapshot;
};

/** What a full build reads: the languages the CMS has now, then every document in them. */
export const fetchSite = async (client: StrapiClient, now: Date = new Date()): Promise<RawSnapshot> => {
  const { locales } = await readChangeFeed(client, now.toISOString());
  return fetchSnapshot(client, now, COLLECTION_QUERIES, locales);
};

