// Refuses, when an editor saves or publishes, a slug the site cannot publish (slug-rules.ts),
// or one another document of the type already has in that language, with a message on the
// slug field itself that names the other document, instead of letting the build discover it
// later (Strapi's own check says only "must be unique", and only on publish).
// It sits on the document service, which the admin, the seed and any plugin write through.
// Strapi checks a uid only on publish, against the field's regex or, as our schemas set none,
// its default pattern, which allows dots: `index.html` passed.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { localeService } from '../utils/plugin-services';
import { editorSlugProblem } from './slug-rules';

const WRITES = new Set(['create', 'update', 'publish']);

interface SlugRows {
  findMany(params: { select: string[]; where: Record<string, unknown>; limit?: number }): Promise<Record<string, unknown>[]>;
}

const rowsOf = (strapi: Core.Strapi, uid: string): SlugRows => strapi.db.query(uid as Parameters<typeof strapi.db.query>[0]) as unknown as SlugRows;

/**
 * Another document of the type with this slug in this locale (draft or published), as words
 * for the editor, or null. Uniqueness is per locale: the same slug in two languages is fine.
 */
const otherHolder = async (strapi: Core.Strapi, uid: string, attributes: Record<string, { type: string }>, slug: string, locale: string, documentId: string | undefined): Promise<string | null> => {
  const titleField = attributes.title ? 'title' : attributes.name ? 'name' : null;
  const [other] = await rowsOf(strapi, uid).findMany({
    select: ['documentId', ...(titleField ? [titleField] : [])],
    where: { slug, locale, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
    limit: 1,
  });
  if (!other) return null;
  const name = (strapi.getModel(uid as Parameters<typeof strapi.getModel>[0]) as { info?: { displayName?: string } } | undefined)?.info?.displayName ?? 'document';
  const title = titleField && typeof other[titleField] === 'string' ? `"${other[titleField] as string}" ` : '';
  return `"${slug}" is already the address of the ${name.toLowerCase()} ${title}(${String(other.documentId)}) in ${locale}: choose another slug`;
};

const refuse = (problem: string, locale?: string | null): never => {
  const message = locale ? `slug (${locale}): ${problem}` : `slug: ${problem}`;
  throw new errors.ValidationError(message, { errors: [{ path: ['slug'], message: problem, name: 'ValidationError' }] });
};

export const registerSlugGuard = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    if (!WRITES.has(context.action)) return next();
    const attribute = (strapi.getModel(context.uid) as { attributes: Record<string, { type: string }> } | undefined)?.attributes.slug;
    if (attribute?.type !== 'uid') return next();
    const params = context.params as { documentId?: string; locale?: unknown; data?: { slug?: unknown } };
    const { attributes } = strapi.getModel(context.uid) as unknown as { attributes: Record<string, { type: string }> };
    if (typeof params.data?.slug === 'string') {
      const problem = editorSlugProblem(params.data.slug);
      if (problem) refuse(problem);
      const locale = typeof params.locale === 'string' && params.locale !== '*' ? params.locale : await localeService(strapi).getDefaultLocale();
      const taken = await otherHolder(strapi, context.uid, attributes, params.data.slug, locale, params.documentId);
      if (taken) refuse(taken, locale);
    }
    if (context.action === 'publish' && params.documentId) {
      // Publishing copies the draft: a draft saved before this rule existed is checked here.
      // Without a locale Strapi publishes the default locale's version, so that is the one checked.
      const locale = params.locale ?? (await localeService(strapi).getDefaultLocale());
      const locales = locale === '*' ? undefined : Array.isArray(locale) ? locale : [locale];
      const drafts = (await rowsOf(strapi, context.uid).findMany({
        select: ['slug', 'locale'],
        where: { documentId: params.documentId, publishedAt: null, ...(locales ? { locale: { $in: locales } } : {}) },
      })) as { slug: string | null; locale: string | null }[];
      for (const draft of drafts) {
        const problem = draft.slug === null ? null : editorSlugProblem(draft.slug);
        if (problem) refuse(problem, draft.locale);
        const taken = draft.slug === null || draft.locale === null ? null : await otherHolder(strapi, context.uid, attributes, draft.slug, draft.locale, params.documentId);
        if (taken) refuse(taken, draft.locale);
      }
    }
    return next();
  });
};
