// A publication record: what the CMS remembers of one document in one language across builds,
// so that the site can keep its promises after the document changes. Each build asks for the
// history (api/change-feed, /export/history), which first brings the records up to date with
// what is published now (sync.ts) and then answers from them:
// - every address (slug) the document was ever published under, and until when: an old one
//   redirects to where the document is now, or answers 410 Gone once it is published nowhere;
// - for every substantive field, when its text last changed: a translation whose field
//   changed before the other language's did may be out of date.
// Pure functions over plain data, free of Strapi imports, so they are tested alone.
import { createHash } from 'node:crypto';

export interface SlugEntry {
  slug: string;
  /** When a build first saw it published. */
  since: string;
  /** When a build first saw it no longer published (renamed, unpublished, deleted); null while live. */
  retiredAt: string | null;
}

export interface FieldMark {
  hash: string;
  /** When a build first saw this text; null for the text the document was first seen with. */
  changedAt: string | null;
  /**
   * Whether that change caught up with another language's newer change of the field (a
   * translator following the original): it does not make the other language out of date.
   */
  follows?: boolean;
}

export interface PublicationRecord {
  /** The published row this record was last brought up to date with (its publishedAt). */
  checkedPublishedAt: string | null;
  firstPublishedAt: string;
  slugs: SlugEntry[];
  fields: Record<string, FieldMark>;
}

/** A published row as sync.ts reads it: its slug, when it was published, its fields' hashes. */
export interface PublishedRow {
  slug: string;
  publishedAt: string;
  hashes: Record<string, string>;
}

/**
 * A field's value as text to hash: components and blocks without the row ids Strapi gives
 * them (a republish renumbers them), keys in a stable order.
 */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'id' && key !== '__component' && key !== 'documentId')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, inner]) => [key, canonical(inner)]),
    );
  }
  return value ?? null;
};

export const hashField = (value: unknown): string => createHash('sha256').update(JSON.stringify(canonical(value))).digest('base64url').slice(0, 22);

/** Whether the row was published again (or first) since the record last looked at it. */
export const needsCheck = (record: PublicationRecord | null, publishedAt: string): boolean => record === null || record.checkedPublishedAt !== publishedAt;

/** When a field last changed, or for one never changed since, when its language was first published. */
const lastChangeOf = (record: PublicationRecord, field: string): string => record.fields[field]?.changedAt ?? record.firstPublishedAt;

/** A change of the field in one of `others` that `record` has not caught up with (one that was itself no catching up). */
const behindOn = (record: PublicationRecord, field: string, others: readonly PublicationRecord[]): boolean =>
  others.some((other) => {
    const mark = other.fields[field];
    return mark?.changedAt != null && mark.follows !== true && Date.parse(mark.changedAt) > Date.parse(lastChangeOf(record, field));
  });

/**
 * The record after a build saw `row` published at `now`: the slug is live (any other retired),
 * and each field whose text differs from the record's is marked changed now; a change that
 * catches up with a newer change in one of the `others` languages is marked as following it.
 * Returns the same object when nothing changed, so the caller writes only what did.
 */
export const recordPublished = (record: PublicationRecord | null, row: PublishedRow, now: string, others: readonly PublicationRecord[] = []): PublicationRecord => {
  if (record === null) {
    return {
      checkedPublishedAt: row.publishedAt,
      firstPublishedAt: now,
      slugs: [{ slug: row.slug, since: now, retiredAt: null }],
      fields: Object.fromEntries(Object.entries(row.hashes).map(([field, hash]) => [field, { hash, changedAt: null }])),
    };
  }
  let changed = record.checkedPublishedAt !== row.publishedAt;
  const slugs = record.slugs.map((entry) => {
    if (entry.slug === row.slug) {
      if (entry.retiredAt === null) return entry;
      changed = true;
      return { ...entry, retiredAt: null };
    }
    if (entry.retiredAt !== null) return entry;
    changed = true;
    return { ...entry, retiredAt: now };
  });
  if (!slugs.some((entry) => entry.slug === row.slug)) {
    slugs.push({ slug: row.slug, since: now, retiredAt: null });
    changed = true;
  }
  const fields: Record<string, FieldMark> = { ...record.fields };
  for (const [field, hash] of Object.entries(row.hashes)) {
    const mark = record.fields[field];
    if (mark?.hash === hash) continue;
    // A field the record did not know yet (added to the content model later) starts as first seen.
    fields[field] = mark === undefined ? { hash, changedAt: null } : { hash, changedAt: now, ...(behindOn(record, field, others) ? { follows: true } : {}) };
    changed = true;
  }
  return changed ? { ...record, checkedPublishedAt: row.publishedAt, slugs, fields } : record;
};

/** The record after a build found the document no longer published in this language. */
export const recordUnpublished = (record: PublicationRecord, now: string): PublicationRecord =>
  record.slugs.some((entry) => entry.retiredAt === null)
    ? { ...record, checkedPublishedAt: null, slugs: record.slugs.map((entry) => (entry.retiredAt === null ? { ...entry, retiredAt: now } : entry)) }
    : record;

/** One document's records, by language. */
export type DocumentRecords = Record<string, PublicationRecord>;

export interface StaleTranslation {
  locale: string;
  /** The language whose newer text this one may not say yet. */
  newerLocale: string;
  fields: string[];
  /** When the newer language's latest of those fields changed. */
  changedAt: string;
}

const time = (iso: string): number => Date.parse(iso);

/**
 * Each published language whose fields may be out of date: a field the other language changed
 * after this one last changed it (or, when this one never changed it, after this language was
 * first published), unless that change was itself catching up. Only languages published now
 * (`live`) are compared.
 */
export const staleTranslations = (records: DocumentRecords, live: ReadonlySet<string>): StaleTranslation[] => {
  const stale: StaleTranslation[] = [];
  const locales = Object.keys(records).filter((locale) => live.has(locale)).sort();
  for (const locale of locales) {
    const own = records[locale] as PublicationRecord;
    for (const other of locales) {
      if (other === locale) continue;
      const theirs = records[other] as PublicationRecord;
      const fields: string[] = [];
      let latest = 0;
      for (const [field, mark] of Object.entries(theirs.fields)) {
        if (mark.changedAt === null || mark.follows === true) continue;
        if (time(mark.changedAt) > time(lastChangeOf(own, field))) {
          fields.push(field);
          latest = Math.max(latest, time(mark.changedAt));
        }
      }
      if (fields.length > 0) stale.push({ locale, newerLocale: other, fields: fields.sort(), changedAt: new Date(latest).toISOString() });
    }
  }
  return stale;
};
