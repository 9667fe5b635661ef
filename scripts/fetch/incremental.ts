// The incremental fetch: what changed since the last snapshot, and which documents still
// exist, merged into that snapshot. Requests grow with changed documents, not all of them.
// Where a change could leave stale copies inside other documents (populated relations embed
// the related names and titles), the dependent types are fetched whole again.
import { LOCALES, type Locale } from '../locales.js';
import { COLLECTION_QUERIES, localeQuery, type CollectionQuery } from './queries.js';
import { fetchSnapshot, mapWithConcurrency, type RawSnapshot } from './snapshot.js';
import type { StrapiClient } from './strapi-client.js';

/** Types whose names or titles are copied into other documents by populate. */
const EMBEDDED_IN: Record<string, string[]> = {
  axis: ['study', 'good-practice'],
  sdg: ['study', 'good-practice'],
  city: ['study', 'event', 'good-practice', 'site-setting'],
  study: ['article', 'good-practice'],
  event: ['article'],
  'good-practice': [],
  article: [],
};

/** Edits and publications close to the last fetch are fetched again rather than missed. */
const CLOCK_MARGIN_MS = 5_000;

export interface IncrementalResult {
  snapshot: RawSnapshot;
  /** documentIds that changed, appeared or disappeared, by type. */
  changed: Record<string, Set<string>>;
  /** Types fetched whole again because something they embed changed. */
  refetched: string[];
}

type Doc = { documentId: string };
const idOf = (doc: unknown): string => (doc as Doc).documentId;

export const fetchChanges = async (client: StrapiClient, previous: RawSnapshot, now: Date = new Date()): Promise<IncrementalResult> => {
  const since = new Date(Date.parse(previous.fetchedAt) - CLOCK_MARGIN_MS).toISOString();
  const collections = COLLECTION_QUERIES.filter((q) => q.kind === 'collection');
  const jobs = collections.flatMap((query) => LOCALES.map((locale) => ({ query, locale })));

  const changedDocs = await mapWithConcurrency(jobs, 4, async ({ query, locale }) => {
    const params = localeQuery(query, locale);
    params.set('filters[$or][0][updatedAt][$gt]', since);
    params.set('filters[$or][1][publishedAt][$gt]', since);
    const idsParams = new URLSearchParams({ 'fields[0]': 'updatedAt', locale, status: 'published' });
    const [docs, ids] = await Promise.all([client.getAllPages(query.path, params), client.getAllPages(query.path, idsParams)]);
    return { query, locale, docs, ids: new Set(ids.map(idOf)) };
  });

  const changed: Record<string, Set<string>> = {};
  const merged: RawSnapshot = { fetchedAt: now.toISOString(), collections: {}, singles: {}, requestCount: 0 };
  for (const { query, locale, docs, ids } of changedDocs) {
    const before = (previous.collections[query.type]?.[locale] ?? []) as unknown[];
    const fresh = new Map(docs.map((doc) => [idOf(doc), doc]));
    const kept = before.filter((doc) => ids.has(idOf(doc)) && !fresh.has(idOf(doc)));
    const set = (changed[query.type] ??= new Set());
    for (const doc of before) if (!ids.has(idOf(doc))) set.add(idOf(doc));
    for (const id of fresh.keys()) set.add(id);
    // Keep Strapi's order stable: previous documents first, then new ones, by documentId.
    const all = [...kept, ...fresh.values()].sort((a, b) => idOf(a).localeCompare(idOf(b)));
    (merged.collections[query.type] ??= {} as Record<Locale, unknown[]>)[locale] = all;
  }

  const refetch = new Set<string>(['site-setting']);
  for (const [type, ids] of Object.entries(changed)) if (ids.size > 0) for (const dependent of EMBEDDED_IN[type] ?? []) refetch.add(dependent);
  const refetchQueries: CollectionQuery[] = COLLECTION_QUERIES.filter((q) => refetch.has(q.type));
  const whole = await fetchSnapshot(client, now, refetchQueries);
  for (const [type, perLocale] of Object.entries(whole.collections)) merged.collections[type] = perLocale;
  merged.singles = whole.singles;
  merged.requestCount = client.requestCount;
  return { snapshot: merged, changed, refetched: [...refetch].filter((t) => t !== 'site-setting') };
};
