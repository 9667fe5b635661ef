// What an incremental build needs to know before it asks for any document: for every type the
// pipeline reads and every locale, which published documents changed since a moment, and how
// many are published now (a count lower than expected means some were unpublished or deleted).
// One request answers for all types and locales: asked type by type over REST, the same
// questions cost two requests per type and locale, each paying Strapi's per-request overhead,
// which was most of an incremental build's fetch.
//
// It reveals documentIds and counts of published documents only, and the route is its own
// permission (`api::change-feed.change-feed.read`), given to the pipeline's tokens only. The
// reads go to the database layer rather than the document service (whose per-call middleware
// cost more than the queries themselves), so the draft guard does not see them: every one asks
// for published rows itself (`publishedAt` set), which is what the guard would pin.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { historyAnswer } from '../../../history/answer';
import { syncPublicationRecords } from '../../../history/sync';
import { overdueSchedules } from '../../../scheduling/overdue';
import { localeCodes } from '../../../utils/plugin-services';

/** The pipeline's types, by the name the build uses for them. */
export const FEED_TYPES = {
  study: 'api::study.study',
  event: 'api::event.event',
  article: 'api::article.article',
  axis: 'api::axis.axis',
  'good-practice': 'api::good-practice.good-practice',
  sdg: 'api::sdg.sdg',
  city: 'api::city.city',
  'site-setting': 'api::site-setting.site-setting',
} as const;

type FeedUid = (typeof FEED_TYPES)[keyof typeof FEED_TYPES];

interface RowReads {
  findMany(params: { select: string[]; where: Record<string, unknown> }): Promise<{ documentId: string; locale: string }[]>;
}

interface TableMetadata {
  tableName: string;
  attributes: Record<string, { columnName?: string }>;
}

interface CountQuery {
  select(column: string): CountQuery;
  count(alias: Record<string, string>): CountQuery;
  whereNotNull(column: string): CountQuery;
  groupBy(column: string): Promise<{ locale: string; total: number | string }[]>;
}

interface FeedContext {
  query: Record<string, unknown>;
  body?: unknown;
}

/** The `since` parameter as a date; anything else is the caller's bug and gets a 400. */
const sinceOf = (value: unknown): Date => {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new errors.ValidationError('since must be an ISO 8601 date and time, e.g. 2026-01-31T12:00:00.000Z', { source: 'query', param: 'since' });
  }
  return date;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async read(ctx: FeedContext) {
    // Published content only, all locales: a status or locale parameter would be ignored, and a
    // client that sends one expects something this feed does not do.
    const unknown = Object.keys(ctx.query).filter((key) => key !== 'since');
    if (unknown.length > 0) throw new errors.ValidationError(`The change feed takes only since, not ${unknown.join(', ')}`, { source: 'query', param: unknown[0] });
    const since = sinceOf(ctx.query.since).toISOString();
    const locales = (await localeCodes(strapi)).sort();
    const types: Record<string, Record<string, { total: number; changed: string[] }>> = {};
    // getConnection applies the configured schema (PostgreSQL's DATABASE_SCHEMA).
    const db = strapi.db as unknown as { query(uid: FeedUid): RowReads; metadata: { get(uid: FeedUid): TableMetadata }; getConnection(table: string): CountQuery };
    for (const [name, uid] of Object.entries(FEED_TYPES) as [string, FeedUid][]) {
      const { tableName, attributes } = db.metadata.get(uid);
      const column = (attribute: string): string => attributes[attribute]?.columnName ?? attribute;
      // Published rows only: a draft row never has publishedAt. Two queries per type, all
      // locales at once.
      const [counts, changed] = await Promise.all([
        db.getConnection(tableName).select(`${column('locale')} as locale`).count({ total: '*' }).whereNotNull(column('publishedAt')).groupBy(column('locale')),
        db.query(uid).findMany({ select: ['documentId', 'locale'], where: { publishedAt: { $notNull: true }, $or: [{ updatedAt: { $gt: since } }, { publishedAt: { $gt: since } }] } }),
      ]);
      types[name] = Object.fromEntries(
        locales.map((locale) => [
          locale,
          {
            total: Number(counts.find((row) => row.locale === locale)?.total ?? 0),
            changed: changed.filter((row) => row.locale === locale).map((row) => row.documentId).sort(),
          },
        ]),
      );
    }
    ctx.body = { data: { since, types } };
  },

  /**
   * GET /export/history: the addresses documents no longer have and the translations that may
   * be out of date (see src/history), after bringing the records up to date, and the scheduled
   * publishes and unpublishes whose moment passed undone (src/scheduling). No parameters.
   */
  async history(ctx: FeedContext & { body?: unknown }) {
    const unknown = Object.keys(ctx.query);
    if (unknown.length > 0) throw new errors.ValidationError(`The history takes no parameters, not ${unknown.join(', ')}`, { source: 'query', param: unknown[0] });
    ctx.body = { data: { ...historyAnswer(await syncPublicationRecords(strapi)), overdueSchedules: await overdueSchedules(strapi) } };
  },
});
