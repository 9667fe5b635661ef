// The history route's answer, made from the publication records: the addresses documents no
// longer have, and the translations that may be out of date. Pure: records in, answer out.
import { staleTranslations, type DocumentRecords, type PublicationRecord } from './records';
import { TRACKED_TYPES, type TrackedUid } from './tracked-fields';

export interface FormerSlug {
  type: string;
  documentId: string;
  locale: string;
  slug: string;
  /** When a build first saw the document without it: of two documents that once had it, the later one wins. */
  retiredAt: string;
}

export interface StaleEntry {
  type: string;
  documentId: string;
  locale: string;
  newerLocale: string;
  fields: string[];
  changedAt: string;
}

export interface HistoryAnswer {
  formerSlugs: FormerSlug[];
  stale: StaleEntry[];
}

interface KeyedRecord {
  contentType: string;
  entry: string;
  language: string;
  record: PublicationRecord;
}

const typeOf = (uid: string): string | null => (uid in TRACKED_TYPES ? TRACKED_TYPES[uid as TrackedUid].type : null);

export const historyAnswer = (records: readonly KeyedRecord[]): HistoryAnswer => {
  const formerSlugs: FormerSlug[] = [];
  const documents = new Map<string, { type: string; documentId: string; records: DocumentRecords; live: Set<string> }>();
  for (const { contentType, entry, language, record } of records) {
    const type = typeOf(contentType);
    if (type === null) continue;
    for (const { slug, retiredAt } of record.slugs) if (retiredAt !== null) formerSlugs.push({ type, documentId: entry, locale: language, slug, retiredAt });
    const key = `${contentType}\n${entry}`;
    const document = documents.get(key) ?? { type, documentId: entry, records: {}, live: new Set<string>() };
    document.records[language] = record;
    if (record.slugs.some((slug) => slug.retiredAt === null)) document.live.add(language);
    documents.set(key, document);
  }
  const stale = [...documents.values()].flatMap(({ type, documentId, records: byLocale, live }) =>
    staleTranslations(byLocale, live).map((entry) => ({ type, documentId, ...entry })),
  );
  const order = (a: { type: string; documentId: string; locale: string }, b: typeof a): number =>
    `${a.type}\n${a.documentId}\n${a.locale}` < `${b.type}\n${b.documentId}\n${b.locale}` ? -1 : 1;
  return { formerSlugs: formerSlugs.sort((a, b) => order(a, b) || (a.slug < b.slug ? -1 : 1)), stale: stale.sort(order) };
};
