// The CMS's history (cms/src/history, GET /api/export/history) turned into what the site does
// with it: every address a document no longer has goes on answering — a permanent redirect to
// where the document is now, or 410 Gone when it is published nowhere in that language — and
// translations that may be out of date reach the report.
//
// No chains and no loops by construction: a former address always points at a document's
// current address, which is never itself a former address (a live page wins over any claim).
// So A → B → A after two renames leaves A live and B redirecting to it.
import { z } from 'zod';
import type { Locale } from '../../domain/locales.js';
import { DOCUMENT_TYPES, type ContentIssue, type DocumentType, type FormerAddress } from '../../domain/model.js';
import { documentUrl } from './urls.js';

const FormerSlug = z.object({ type: z.string(), documentId: z.string().min(1), locale: z.string(), slug: z.string().min(1), retiredAt: z.string() });
const StaleEntry = z.object({ type: z.string(), documentId: z.string().min(1), locale: z.string(), newerLocale: z.string(), fields: z.array(z.string()), changedAt: z.string() });
const OverdueSchedule = z.object({ type: z.string(), documentId: z.string().min(1), locale: z.string(), mode: z.enum(['publish', 'unpublish']), due: z.string(), title: z.string().nullable(), reason: z.string().nullable() });
export const HistoryEnvelope = z.object({ data: z.object({ formerSlugs: z.array(FormerSlug), stale: z.array(StaleEntry), overdueSchedules: z.array(OverdueSchedule).default([]) }) });
export type CmsHistory = z.infer<typeof HistoryEnvelope>['data'];

/** A document of the model in one language, as far as addresses go. */
export interface Addressed {
  type: DocumentType;
  documentId: string;
  locale: Locale;
  url: string;
  slug: string;
  title: string;
}

/** A document in one language, as a key of the maps below. */
const keyOf = (type: string, documentId: string, locale: string): string => `${type}\n${documentId}\n${locale}`;
const byDocumentAndLocale = (documents: readonly Addressed[]): Map<string, Addressed> => new Map(documents.map((doc) => [keyOf(doc.type, doc.documentId, doc.locale), doc]));

const isType = (type: string): type is DocumentType => (DOCUMENT_TYPES as readonly string[]).includes(type);

/**
 * Where each former address goes, and the report entries: two documents that once had the same
 * address (the one that gave it up last wins).
 */
export const formerAddressesOf = (history: CmsHistory, documents: readonly Addressed[], locales: readonly Locale[]): { addresses: FormerAddress[]; issues: ContentIssue[] } => {
  const current = byDocumentAndLocale(documents);
  const live = new Set(documents.map((doc) => doc.url));
  const claims = new Map<string, CmsHistory['formerSlugs']>();
  for (const former of history.formerSlugs) {
    if (!isType(former.type) || !(locales as readonly string[]).includes(former.locale)) continue;
    const from = documentUrl(former.type, former.locale as Locale, former.slug);
    if (live.has(from)) continue;
    claims.set(from, [...(claims.get(from) ?? []), former]);
  }
  const addresses: FormerAddress[] = [];
  const issues: ContentIssue[] = [];
  for (const [from, claimants] of [...claims].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ordered = [...claimants].sort((a, b) => Date.parse(b.retiredAt) - Date.parse(a.retiredAt) || (a.documentId < b.documentId ? -1 : 1));
    const winner = ordered[0] as CmsHistory['formerSlugs'][number];
    const type = winner.type as DocumentType;
    const locale = winner.locale as Locale;
    const now = current.get(keyOf(type, winner.documentId, locale));
    addresses.push({ from, to: now?.url ?? null, type, documentId: winner.documentId, locale, slug: winner.slug, currentSlug: now?.slug ?? null });
    const others = [...new Set(ordered.slice(1).map((claim) => claim.documentId))].filter((id) => id !== winner.documentId);
    if (others.length > 0) {
      issues.push({
        kind: 'address-conflict', type, documentId: winner.documentId, locale, field: 'slug',
        message: `${from} was once the address of ${others.length + 1} ${type} documents (${[winner.documentId, ...others].join(', ')}); it now ${now ? `leads to "${now.title}" (${winner.documentId}), which gave it up last` : `answers 410 Gone: ${winner.documentId}, which gave it up last, is not published in ${locale}`}.`,
      });
    }
  }
  return { addresses, issues };
};

/** The report's entries for translations that may be out of date, for documents still published in both languages. */
export const staleTranslationIssues = (history: CmsHistory, documents: readonly Addressed[]): ContentIssue[] => {
  const current = byDocumentAndLocale(documents);
  return history.stale.flatMap((entry): ContentIssue[] => {
    const doc = current.get(keyOf(entry.type, entry.documentId, entry.locale));
    const newer = current.get(keyOf(entry.type, entry.documentId, entry.newerLocale));
    if (!doc || !newer || !isType(entry.type)) return [];
    return [{
      kind: 'stale-translation', type: entry.type, documentId: entry.documentId, locale: doc.locale, field: entry.fields.join(', '),
      message: `${entry.type} "${doc.title}" (${entry.documentId}): the ${doc.locale} version may be out of date; ${entry.fields.join(', ')} changed in ${entry.newerLocale} on ${entry.changedAt.slice(0, 10)}, after the ${doc.locale} text.`,
    }];
  });
};

/**
 * The report's entries for scheduled publishes and unpublishes whose moment passed undone (the
 * CMS refused them, cms/src/scheduling): the site keeps what it had, and the editor learns why.
 */
export const overdueScheduleIssues = (history: CmsHistory): ContentIssue[] =>
  history.overdueSchedules.map((schedule) => ({
    kind: 'schedule-failed', type: schedule.type, documentId: schedule.documentId, locale: (schedule.locale as Locale), field: schedule.mode === 'publish' ? 'scheduledPublishAt' : 'scheduledUnpublishAt',
    message: `The scheduled ${schedule.mode} of ${schedule.type}${schedule.title ? ` "${schedule.title}"` : ''} (${schedule.documentId}) in ${schedule.locale}, due ${schedule.due}, was not carried out${schedule.reason ? `: ${schedule.reason.replace(/\.$/, '')}` : ' (the CMS log says why)'}. The site keeps its current version; fix the document and save it to try again, or empty the schedule.`,
  }));
