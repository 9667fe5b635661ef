// The incremental fetch: what changed since the last snapshot, and which documents still
// exist, merged into that snapshot. It starts from the CMS's change feed, one request that
// names, for every type and locale, the documents changed since the last fetch and how many
// are published; then only the changed documents are fetched. Only when a count says
// something disappeared are a type's ids listed. Where a change could leave stale copies
// inside other documents (populated relations embed the related names and titles), the
// documents that point at a changed one are fetched again by that relation, and when a
// document disappeared, its dependent types are fetched whole.
import { compareText, type Locale } from '../../domain/locales.js';
import { readChangeFeed } from './change-feed.js';
import { COLLECTION_QUERIES, localeQuery, readPathOf, type CollectionQuery } from './queries.js';
import { fetchSnapshot, localesOf, type RawSnapshot } from './snapshot.js';
import { mapWithConcurrency } from '../lib/concurrency.js';
import type { StrapiClient } from './strapi-client.js';

/**
 * Where each type holds populated copies of others: type → relation field → related type, and
 * whether editors can also change that relation from the related document (the other side of
 * a two-way relation), so that editing the related document can change what points at it.
 */
export const EMBEDS: Record<string, Record<string, { target: string; editableFromTarget: boolean }>> = {
  study: { axes: { target: 'axis', editableFromTarget: true }, cities: { target: 'city', editableFromTarget: true }, sdgs: { target: 'sdg', editableFromTarget: true } },
  event: { city: { target: 'city', editableFromTarget: true } },
  article: { studies: { target: 'study', editableFromTarget: false }, events: { target: 'event', editableFromTarget: false } },
  'good-practice': {
    city: { target: 'city', editableFromTarget: true },
    axis: { target: 'axis', editableFromTarget: true },
    sdgs: { target: 'sdg', editableFromTarget: true },
    study: { target: 'study', editableFromTarget: true },
  },
  'site-setting': { chairCity: { target: 'city', editableFromTarget: false } },
};

const targetsOf = (type: string): string[] => Object.values(EMBEDS[type] ?? {}).map((relation) => relation.target);

/** The fields of the related document that a type's query embeds through a relation. */
const embeddedFields = (type: string, field: string): string[] => {
  const nested = COLLECTION_QUERIES.find((q) => q.type === type)?.spec.populate?.[field];
  return nested === true || nested === undefined ? [] : (nested.fields ?? []);
};

/** documentIds per request when asking for the documents that point at changed ones. */
const IDS_PER_REQUEST = 40;

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
  const feed = await readChangeFeed(client, since);
  const collections = COLLECTION_QUERIES.filter((q) => q.kind === 'collection');
  // A language added or deleted in the CMS (deleting one deletes its documents): everything is
  // read again, in the languages the CMS has now.
  const locales = localesOf(previous);
  if (locales.join() !== feed.locales.join()) {
    const whole = await fetchSnapshot(client, now, COLLECTION_QUERIES, feed.locales);
    const changed = Object.fromEntries(Object.entries(whole.collections).map(([type, perLocale]) => [type, new Set(Object.values(perLocale).flat().map(idOf))]));
    return { snapshot: whole, changed, refetched: collections.map((q) => q.type) };
  }
  const jobs = collections.flatMap((query) => locales.map((locale) => ({ query, locale, feed: feed.of(query.type, locale) })));

  const changedDocs = await mapWithConcurrency(jobs, 4, async ({ query, locale, feed: changes }) => {
    const before = new Set(((previous.collections[query.type]?.[locale] ?? []) as unknown[]).map(idOf));
    let docs: unknown[] = [];
    if (changes.changed.length > 0) {
      const params = localeQuery(query, locale);
      params.set('filters[$or][0][updatedAt][$gt]', since);
      params.set('filters[$or][1][publishedAt][$gt]', since);
      docs = await client.getAllPages(readPathOf(query), params);
    }
    // Nothing disappeared when the count is what was there plus what is new: the ids are
    // known without listing them.
    const added = docs.filter((doc) => !before.has(idOf(doc))).length;
    if (changes.total === before.size + added) return { query, locale, docs, ids: new Set([...before, ...docs.map(idOf)]) };
    const idsParams = new URLSearchParams({ 'fields[0]': 'updatedAt', locale, status: 'published' });
    return { query, locale, docs, ids: new Set((await client.getAllPages(readPathOf(query), idsParams)).map(idOf)) };
  });

  const changed: Record<string, Set<string>> = {};
  const merged: RawSnapshot = { fetchedAt: now.toISOString(), locales, collections: {}, singles: {}, requestCount: 0 };
  for (const { query, locale, docs, ids } of changedDocs) {
    const before = (previous.collections[query.type]?.[locale] ?? []) as unknown[];
    const fresh = new Map(docs.map((doc) => [idOf(doc), doc]));
    const kept = before.filter((doc) => ids.has(idOf(doc)) && !fresh.has(idOf(doc)));
    const set = (changed[query.type] ??= new Set());
    for (const doc of before) if (!ids.has(idOf(doc))) set.add(idOf(doc));
    for (const id of fresh.keys()) set.add(id);
    // Keep Strapi's order stable: previous documents first, then new ones, by documentId.
    const all = [...kept, ...fresh.values()].sort((a, b) => compareText(idOf(a), idOf(b)));
    (merged.collections[query.type] ??= {} as Record<Locale, unknown[]>)[locale] = all;
  }

  // A document that disappeared cannot be found by relation any more: what embedded it is
  // fetched whole. A document that changed is found through the relations that embed it.
  const removed = new Set<string>();
  for (const { query, locale, ids } of changedDocs) if (((previous.collections[query.type]?.[locale] ?? []) as unknown[]).some((doc) => !ids.has(idOf(doc)))) removed.add(query.type);
  const refetch = new Set<string>();
  for (const type of Object.keys(EMBEDS)) if (targetsOf(type).some((target) => removed.has(target))) refetch.add(type);
  // A single type is fetched again when the feed saw it change, appear or disappear, or when
  // a document it embeds changed; otherwise the last snapshot's copy stands.
  for (const query of COLLECTION_QUERIES.filter((q) => q.kind === 'single')) {
    const touched = locales.some((locale) => {
      const changes = feed.of(query.type, locale);
      const had = (previous.singles[query.type]?.[locale] ?? null) !== null;
      return changes.changed.length > 0 || changes.total !== (had ? 1 : 0);
    });
    if (touched || targetsOf(query.type).some((target) => (changed[target]?.size ?? 0) > 0)) refetch.add(query.type);
  }
  const refetchQueries: CollectionQuery[] = COLLECTION_QUERIES.filter((q) => refetch.has(q.type));
  const whole = refetchQueries.length > 0 ? await fetchSnapshot(client, now, refetchQueries, locales) : null;
  for (const [type, perLocale] of Object.entries(whole?.collections ?? {})) merged.collections[type] = perLocale;
  merged.singles = { ...previous.singles, ...whole?.singles };

  // The copy of a changed document inside another one is stale only if a field it embeds
  // changed, or the document appeared or disappeared in some locale; unless the relation can
  // also be edited from the changed document's side, which may have connected new ones.
  const byId = (snapshot: RawSnapshot, type: string, locale: Locale, id: string): Record<string, unknown> | undefined =>
    ((snapshot.collections[type]?.[locale] ?? []) as Record<string, unknown>[]).find((doc) => doc.documentId === id);
  const copiesGoStale = (type: string, field: string, target: string, id: string): boolean =>
    locales.some((locale) => {
      const before = byId(previous, target, locale, id);
      const after = byId(merged, target, locale, id);
      if (!before || !after) return before !== after;
      return embeddedFields(type, field).some((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
    });
  const targeted = collections.flatMap((query) => {
    if (refetch.has(query.type)) return [];
    const conditions = Object.entries(EMBEDS[query.type] ?? {}).flatMap(([field, { target, editableFromTarget }]) =>
      [...(changed[target] ?? [])].filter((id) => editableFromTarget || copiesGoStale(query.type, field, target, id)).map((id) => [field, id] as const),
    );
    const batches = Array.from({ length: Math.ceil(conditions.length / IDS_PER_REQUEST) }, (_, i) => conditions.slice(i * IDS_PER_REQUEST, (i + 1) * IDS_PER_REQUEST));
    return batches.flatMap((batch) => locales.map((locale) => ({ query, locale, batch })));
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
  return { snapshot: merged, changed, refetched: collections.filter((q) => refetch.has(q.type)).map((q) => q.type) };
};
