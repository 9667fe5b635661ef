// Brings the publication records (records.ts) up to date with what is published now. The
// builds call it, through the history route, rather than a hook on every write: publishing
// happens through the admin, bulk actions, scheduled actions and the seed, and a build follows
// every one of them (webhook, schedule or the periodic rebuild), so reading at build time sees
// them all without hooking each. A change is dated when the first build sees it, seconds after.
//
// Only rows published since their record last looked are read in full (a republish gives the
// published row a new publishedAt); the rest costs one narrow query per type.
import type { Core } from '@strapi/strapi';
import { hashField, needsCheck, recordPublished, recordUnpublished, type PublicationRecord, type PublishedRow } from './records';
import { TRACKED_TYPES, TRACKED_UIDS, type TrackedUid } from './tracked-fields';

export const RECORD_UID = 'api::change-feed.publication-record';

interface StoredRecord {
  id: number;
  contentType: string;
  entry: string;
  language: string;
  record: PublicationRecord;
}

interface Rows<T> {
  findMany(params: Record<string, unknown>): Promise<T[]>;
  create(params: { data: Record<string, unknown> }): Promise<unknown>;
  update(params: { where: Record<string, unknown>; data: Record<string, unknown> }): Promise<unknown>;
}

interface PublishedHead {
  id: number;
  documentId: string;
  locale: string;
  slug: string;
  publishedAt: string | Date;
}

type Model = { attributes: Record<string, { type: string }> };

const rowsOf = <T>(strapi: Core.Strapi, uid: string): Rows<T> => strapi.db.query(uid as Parameters<typeof strapi.db.query>[0]) as unknown as Rows<T>;

const keyOf = (entry: string, language: string): string => `${entry}\n${language}`;

/** Rows read in full per query. */
const FULL_READS_PER_QUERY = 200;

/** The hashes of the tracked fields of these published rows, by row id. */
const hashesOf = async (strapi: Core.Strapi, uid: TrackedUid, ids: number[]): Promise<Map<number, Record<string, string>>> => {
  const { attributes } = strapi.getModel(uid as Parameters<typeof strapi.getModel>[0]) as unknown as Model;
  const fields = TRACKED_TYPES[uid].fields.filter((field) => attributes[field] !== undefined);
  const components = fields.filter((field) => attributes[field]?.type === 'component');
  const scalars = fields.filter((field) => attributes[field]?.type !== 'component');
  const hashes = new Map<number, Record<string, string>>();
  for (let start = 0; start < ids.length; start += FULL_READS_PER_QUERY) {
    const rows = await rowsOf<Record<string, unknown> & { id: number }>(strapi, uid).findMany({
      select: ['id', ...scalars],
      where: { id: { $in: ids.slice(start, start + FULL_READS_PER_QUERY) } },
      populate: Object.fromEntries(components.map((field) => [field, true])),
    });
    for (const row of rows) hashes.set(row.id, Object.fromEntries(fields.map((field) => [field, hashField(row[field])])));
  }
  return hashes;
};

/** One type: records of rows published since last seen brought up to date, those no longer published retired. */
const syncType = async (strapi: Core.Strapi, uid: TrackedUid, stored: Map<string, StoredRecord>, now: string): Promise<void> => {
  const records = rowsOf<StoredRecord>(strapi, RECORD_UID);
  const published = await rowsOf<PublishedHead>(strapi, uid).findMany({ select: ['id', 'documentId', 'locale', 'slug', 'publishedAt'], where: { publishedAt: { $notNull: true } } });
  const publishedAtOf = (row: PublishedHead): string => new Date(row.publishedAt).toISOString();
  const toCheck = published.filter((row) => needsCheck(stored.get(keyOf(row.documentId, row.locale))?.record ?? null, publishedAtOf(row)));
  const hashes = await hashesOf(strapi, uid, toCheck.map((row) => row.id));
  const live = new Set<string>();
  for (const row of published) live.add(keyOf(row.documentId, row.locale));
  // A document's other languages are looked up by key: scanning every record per row was
  // quadratic, minutes on the first sync of a 10,000-document database.
  const languages = new Set([...published.map((row) => row.locale), ...[...stored.values()].map((record) => record.language)]);
  const otherLanguages = (documentId: string, locale: string): PublicationRecord[] =>
    [...languages].flatMap((language) => {
      const other = language === locale ? undefined : stored.get(keyOf(documentId, language));
      return other ? [other.record] : [];
    });
  for (const row of toCheck) {
    const key = keyOf(row.documentId, row.locale);
    const before = stored.get(key) ?? null;
    const seen: PublishedRow = { slug: row.slug, publishedAt: publishedAtOf(row), hashes: hashes.get(row.id) ?? {} };
    const after = recordPublished(before?.record ?? null, seen, now, otherLanguages(row.documentId, row.locale));
    if (before === null) {
      await records.create({ data: { contentType: uid, entry: row.documentId, language: row.locale, record: after } });
      stored.set(key, { id: -1, contentType: uid, entry: row.documentId, language: row.locale, record: after });
    } else if (after !== before.record) {
      await records.update({ where: { id: before.id }, data: { record: after } });
      before.record = after;
    }
  }
  for (const [key, before] of stored) {
    if (before.contentType !== uid || live.has(key)) continue;
    const after = recordUnpublished(before.record, now);
    if (after === before.record) continue;
    await records.update({ where: { id: before.id }, data: { record: after } });
    before.record = after;
  }
};

/** Syncs run one at a time: two builds asking at once must not both create a record. */
let running: Promise<unknown> = Promise.resolve();

/** Every record, brought up to date with what is published at `now`. */
export const syncPublicationRecords = (strapi: Core.Strapi, now: Date = new Date()): Promise<StoredRecord[]> => {
  const work = running.then(async () => {
    const all = await rowsOf<StoredRecord>(strapi, RECORD_UID).findMany({ select: ['id', 'contentType', 'entry', 'language', 'record'], orderBy: { id: 'asc' } });
    const byType = new Map<string, Map<string, StoredRecord>>();
    // Should a record exist twice (two CMS instances syncing at once), the later one is used.
    for (const stored of all) {
      const forType = byType.get(stored.contentType) ?? new Map<string, StoredRecord>();
      forType.set(keyOf(stored.entry, stored.language), stored);
      byType.set(stored.contentType, forType);
    }
    for (const uid of TRACKED_UIDS) {
      const forType = byType.get(uid) ?? new Map<string, StoredRecord>();
      byType.set(uid, forType);
      await syncType(strapi, uid, forType, now.toISOString());
    }
    return [...byType.values()].flatMap((forType) => [...forType.values()]);
  });
  running = work.catch(() => undefined);
  return work;
};
