// The fetch stage: every type, each locale separately, every page. Its output is the raw
// snapshot, Strapi's JSON as it came, for normalise to check.
import { compareText, LOCALES, type Locale } from '../locales.js';
import { COLLECTION_QUERIES, localeQuery, readPathOf, type CollectionQuery } from './queries.js';
import type { StrapiClient } from './strapi-client.js';

export interface RawSnapshot {
  fetchedAt: string;
  /** type → locale → documents as Strapi sent them. */
  collections: Record<string, Record<Locale, unknown[]>>;
  /** Single types: type → locale → the document, or null when not published there. */
  singles: Record<string, Record<Locale, unknown>>;
  requestCount: number;
}

export const fetchSnapshot = async (client: StrapiClient, now: Date = new Date(), queries: CollectionQuery[] = COLLECTION_QUERIES): Promise<RawSnapshot> => {
  const snapshot: RawSnapshot = { fetchedAt: now.toISOString(), collections: {}, singles: {}, requestCount: 0 };
  const jobs = queries.flatMap((query) => LOCALES.map((locale) => ({ query, locale })));
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
    target[query.type] ??= {} as Record<Locale, unknown[]>;
    (target[query.type] as Record<Locale, unknown>)[locale] = value;
  }
  snapshot.requestCount = client.requestCount;
  return snapshot;
};

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export const mapWithConcurrency = async <T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
