// The pipeline's bulk read. `GET /api/export/<collection>` answers what `find` answers, for
// the same query, without the pass that sanitises each document on its way out: that pass
// walks every field of every document to drop what the caller may not see, and measured here
// it is most of what a page of 100 documents costs. It is not needed for this answer:
// - the query is validated and sanitised first, as find does, so fields, populate and filters
//   can only name what the token may read (private fields and relations to types it cannot
//   find are removed from the query itself);
// - the documents come from the document service, where the draft guard pins the status to
//   published, and hold only what the sanitised query asked for;
// - the route is its own permission (`<uid>.export`), given to the pipeline's two tokens only.
//
// The pipeline reads a list 100 documents a request, every request with the same fields and
// populate, and checking the query was about a quarter of this controller's time per page
// (5.4 of 21 ms measured at 2,000 documents: it walks the content types for every field and
// relation named). So the checked fields and populate are kept for the token that sent them,
// keyed by everything the checks depend on: the token's id, type, permissions and last
// change. Only API tokens are served from the kept checks; any other caller is checked in full.
//
// The rest of the query changes from request to request and is checked every time, with one
// exception: the pipeline's keyset paging, a sort and, after the first page, the filter
// filters[documentId][$gt]=<the last one>, with only pagination, locale and status beside.
// Checking those took 0.7 ms a request, as much as reading a page of one document. The sort is
// part of the key, so it is kept like the fields. The checks of a filter look at the attributes
// and operators it names, never at the value compared, which reaches the database as a bound
// parameter: once the checks have passed this filter for a token unchanged, later pages only
// swap the cursor in. A filter the checks changed or refused, and every other filter, is
// checked on every request; pagination, locale and status are checked by the query-shape
// middleware and the draft guard, on every request.
import { isDeepStrictEqual } from 'node:util';
import { factories } from '@strapi/strapi';

type CollectionUid = 'api::study.study' | 'api::event.event' | 'api::article.article' | 'api::axis.axis' | 'api::sdg.sdg' | 'api::city.city' | 'api::good-practice.good-practice';

interface ExportContext {
  query: Record<string, unknown>;
  type?: string;
  state?: { auth?: { strategy?: { name?: string }; credentials?: { id?: unknown; type?: unknown; permissions?: unknown; updatedAt?: unknown } } };
}

/** The core controller's own steps that export reuses. */
interface CoreSteps {
  validateQuery(ctx: ExportContext): Promise<void>;
  sanitizeQuery(ctx: ExportContext): Promise<Record<string, unknown>>;
  transformResponse(data: unknown, meta: { pagination: unknown }): Promise<unknown>;
}

interface FindService {
  find(query: Record<string, unknown>): Promise<{ results: unknown[]; pagination: unknown }>;
}

interface CheckedShape {
  fields: unknown;
  populate: unknown;
  /** For keyset paging: the checked sort, when the checks left the filter as it was asked. */
  keyset: { sort: unknown } | null;
}

/** Checked fields and populate, by content type, token and the fields and populate as asked. */
const checkedShapes = new Map<string, CheckedShape>();
const MAX_CHECKED_SHAPES = 256;

/** What the checks of a token's query depend on, or null for a caller that is not an API token. */
const tokenFingerprint = (ctx: ExportContext): string | null => {
  const auth = ctx.state?.auth;
  const credentials = auth?.credentials;
  if (auth?.strategy?.name !== 'content-api-token' || !credentials || credentials.id === undefined) return null;
  const { permissions } = credentials;
  // A custom token's reach is its permissions; without the list there is nothing safe to key on.
  if (credentials.type === 'custom' && !Array.isArray(permissions)) return null;
  return JSON.stringify([credentials.id, credentials.type, Array.isArray(permissions) ? [...(permissions as unknown[]).map(String)].sort() : null, String(credentials.updatedAt)]);
};

/** Query parameters that may stand beside keyset paging's filter and sort. */
const KEYSET_COMPANIONS = new Set(['pagination', 'locale', 'status']);

/**
 * The cursor of keyset paging: null on the first page (no filter), the documentId after
 * filters[documentId][$gt] on the others, undefined for any other filter.
 */
const keysetCursor = (filters: unknown): string | null | undefined => {
  if (filters === undefined) return null;
  if (typeof filters !== 'object' || filters === null || Object.keys(filters).length !== 1) return undefined;
  const byDocumentId = (filters as { documentId?: unknown }).documentId;
  if (typeof byDocumentId !== 'object' || byDocumentId === null || Object.keys(byDocumentId).length !== 1) return undefined;
  const after = (byDocumentId as { $gt?: unknown }).$gt;
  return typeof after === 'string' ? after : undefined;
};

export const exportingController = (uid: CollectionUid) =>
  factories.createCoreController(uid, ({ strapi }) => ({
    async export(ctx: ExportContext) {
      const core = this as unknown as CoreSteps;
      const find = async (query: Record<string, unknown>): Promise<Buffer> => {
        const { results, pagination } = await (strapi.service(uid) as unknown as FindService).find(query);
        // Encoded here, into a buffer of the measured size. Given the object, koa would hand
        // the string to the socket, whose encoding of a page (a few hundred kilobytes of
        // Spanish text: one-byte characters, not all ASCII) took about 4 times as long as
        // Buffer#write; Buffer.from(string) takes the same slow path.
        const json = JSON.stringify(await core.transformResponse(results, { pagination }));
        const body = Buffer.allocUnsafe(Buffer.byteLength(json));
        body.write(json);
        ctx.type = 'application/json; charset=utf-8';
        return body;
      };
      const fingerprint = tokenFingerprint(ctx);
      const { fields, populate, ...perRequest } = ctx.query;
      const { sort, filters, ...companions } = perRequest;
      const cursor = keysetCursor(filters);
      const keyset = cursor !== undefined && Object.keys(companions).every((name) => KEYSET_COMPANIONS.has(name));
      // A keyset request's key names its sort and whether it has a cursor, not the cursor.
      const key = fingerprint && JSON.stringify([uid, fingerprint, fields ?? null, populate ?? null, keyset ? [sort, cursor !== null] : null]);
      const checked = key ? checkedShapes.get(key) : undefined;
      if (!checked) {
        await core.validateQuery(ctx);
        const query = await core.sanitizeQuery(ctx);
        if (key) {
          if (checkedShapes.size >= MAX_CHECKED_SHAPES) checkedShapes.clear();
          const filterUnchanged = isDeepStrictEqual(query.filters, filters);
          checkedShapes.set(key, { fields: query.fields, populate: query.populate, keyset: keyset && filterUnchanged ? { sort: query.sort } : null });
        }
        return find(query);
      }
      const kept = { ...(checked.fields === undefined ? {} : { fields: checked.fields }), ...(checked.populate === undefined ? {} : { populate: checked.populate }) };
      if (checked.keyset && cursor !== undefined) {
        const after = cursor === null ? {} : { filters: { documentId: { $gt: cursor } } };
        return find({ ...companions, ...(checked.keyset.sort === undefined ? {} : { sort: checked.keyset.sort }), ...after, ...kept });
      }
      // The same checks, on the part of the query that changes from request to request.
      const rest = { query: perRequest, state: ctx.state };
      await core.validateQuery(rest);
      const query = await core.sanitizeQuery(rest);
      return find({ ...query, ...kept });
    },
  }));

/** The route of one collection's export, beside its find and findOne. */
export const exportRoute = (uid: CollectionUid, pluralName: string) => ({
  routes: [{ method: 'GET' as const, path: `/export/${pluralName}`, handler: `${uid}.export`, config: {} }],
});
