// The incremental fetch: what changed since the last snapshot, and which documents still
// exist, merged into that snapshot. Requests grow with changed documents, not all of them:
// per type and locale, one request for what changed and one for how many there are; only
// when the count says something disappeared are the ids listed. Where a change could leave
// stale copies inside other documents (populated relations embed the related names and
// titles), the documents that point at a changed one are fetched again by that relation, and
// when a document disappeared, its dependent types are fetched whole.
import { z } from 'zod';
import { LOCALES, type Locale } from '../locales.js';
import { COLLECTION_QUERIES, localeQuery, readPathOf, type CollectionQuery } from './queries.js';
import { fetchSnapshot, mapWithConcurrency, type RawSnapshot } from './snapshot.js';
import type { StrapiClient } from './strapi-client.js';

/** Where each type holds populated copies of others: type → relation field → related type. */
const EMBEDS: Record<string, Record<string, string>> = {
  study: { axes: 'axis', cities: 'city', sdgs: 'sdg' },
  event: { city: 'city' },
  article: { studies: 'study', events: 'event' },
  'good-practice': { city: 'city', axis: 'axis', sdgs: 'sdg', study: 'study' },
};

/** documentIds per request when asking for the documents that point at changed ones. */
const IDS_PER_REQUEST = 40;

const CountEnvelope = z.object({ meta: z.object({ pagination: z.object({ total: z.number().int().min(0) }) }) });

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
    const countParams = new URLSearchParams({ 'fields[0]': 'updatedAt', locale, status: 'published', 'pagination[page]': '1', 'pagination[pageSize]': '1' });
    const [docs, counted] = await Promise.all([client.getAllPages(readPathOf(query), params), client.getJson(readPathOf(query), countParams)]);
    const total = CountEnvelope.parse(counted).meta.pagination.total;
    // Nothing disappeared when the count is what was there plus what is new: the ids are
    // known without listing them.
    const before = new Set(((previous.collections[query.type]?.[locale] ?? []) as unknown[]).map(idOf));
    const added = docs.filter((doc) => !before.has(idOf(doc))).length;
    if (total === before.size + added) return { query, locale, docs, ids: new Set([...before, ...docs.map(idOf)]) };
    const idsParams = new URLSearchParams({ 'fields[0]': 'updatedAt', locale, status: 'published' });
    return { query, locale, docs, ids: new Set((await client.getAllPages(readPathOf(query), idsParams)).map(idOf)) };
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

  // A document that disappeared cannot be found by relation any more: what embedded it is
  // fetched whole. A document that changed is found through the relations that embed it.
  const removed = new Set<string>();
  for (const { query, locale, ids } of changedDocs) if (((previous.collections[query.type]?.[locale] ?? []) as unknown[]).some((doc) => !ids.has(idOf(doc)))) removed.add(query.type);
  const refetch = new Set<string>(['site-setting']);
  for (const [type, relations] of Object.entries(EMBEDS)) if (Object.values(relations).some((target) => removed.has(target))) refetch.add(type);
  const refetchQueries: CollectionQuery[] = COLLECTION_QUERIES.filter((q) => refetch.has(q.type));
  const whole = await fetchSnapshot(client, now, refetchQueries);
  for (const [type, perLocale] of Object.entries(whole.collections)) merged.collections[type] = perLocale;
  merged.singles = whole.singles;

  const targeted = collections.flatMap((query) => {
    if (refetch.has(query.type)) return [];
    const conditions = Object.entries(EMBEDS[query.type] ?? {}).flatMap(([field, target]) => [...(changed[target] ?? [])].map((id) => [field, id] as const));
    const batches = Array.from({ length: Math.ceil(conditions.length / IDS_PER_REQUEST) }, (_, i) => conditions.slice(i * IDS_PER_REQUEST, (i + 1) * IDS_PER_REQUEST));
    return batches.flatMap((batch) => LOCALES.map((locale) => ({ query, locale, batch })));
  });
  const pointing = await mapWithConcurrency(targeted, 4, async ({ query, locale, batch }) => {
    const params = localeQuery(query, locale);
    batch.forEach(([field, id], i) => params.set(`filters[$or][${i}][${field}][documentId][$eq]`, id));
    return { query, locale, docs: await client.getAllPages(readPathOf(query), params) };
  });
  for (const { query, locale, docs } of pointing) {
    const perLocale = merged.collections[query.type] as Record<Locale, unknown[]>;
    const fresh = new Map(docs.map((doc) => [idOf(doc), doc]));
    perLocale[locale] = perLocale[locale].map((doc) => fresh.get(idOf(doc)) ?? doc);
  }
  merged.requestCount = client.requestCount;
  return { snapshot: merged, changed, refetched: [...refetch].filter((t) => t !== 'site-setting') };
};
