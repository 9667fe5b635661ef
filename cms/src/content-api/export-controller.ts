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
import { factories } from '@strapi/strapi';

type CollectionUid = 'api::study.study' | 'api::event.event' | 'api::article.article' | 'api::axis.axis' | 'api::sdg.sdg' | 'api::city.city' | 'api::good-practice.good-practice';

interface ExportContext {
  query: Record<string, unknown>;
}

/** The core controller's own steps that export reuses. */
interface CoreSteps {
  validateQuery(ctx: ExportContext): Promise<void>;
  sanitizeQuery(ctx: ExportContext): Promise<Record<string, unknown>>;
  transformResponse(data: unknown, meta: { pagination: unknown }): unknown;
}

interface FindService {
  find(query: Record<string, unknown>): Promise<{ results: unknown[]; pagination: unknown }>;
}

export const exportingController = (uid: CollectionUid) =>
  factories.createCoreController(uid, ({ strapi }) => ({
    async export(ctx: ExportContext) {
      const core = this as unknown as CoreSteps;
      await core.validateQuery(ctx);
      const query = await core.sanitizeQuery(ctx);
      const { results, pagination } = await (strapi.service(uid) as unknown as FindService).find(query);
      return core.transformResponse(results, { pagination });
    },
  }));

/** The route of one collection's export, beside its find and findOne. */
export const exportRoute = (uid: CollectionUid, pluralName: string) => ({
  routes: [{ method: 'GET' as const, path: `/export/${pluralName}`, handler: `${uid}.export`, config: {} }],
});
