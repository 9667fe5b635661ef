// Refuses, when an editor saves or publishes, a slug the site cannot publish (slug-rules.ts),
// with a message on the slug field itself, instead of letting the build discover it later.
// It sits on the document service, which the admin, the seed and any plugin write through.
// Strapi checks a uid only on publish, against the field's regex or, as our schemas set none,
// its default pattern, which allows dots: `index.html` passed.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { localeService } from '../utils/plugin-services';
import { editorSlugProblem } from './slug-rules';

const WRITES = new Set(['create', 'update', 'publish']);

interface SlugRows {
  findMany(params: { select: string[]; where: Record<string, unknown> }): Promise<{ slug: string | null; locale: string | null }[]>;
}

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
    if (typeof params.data?.slug === 'string') {
      const problem = editorSlugProblem(params.data.slug);
      if (problem) refuse(problem);
    }
    if (context.action === 'publish' && params.documentId) {
      // Publishing copies the draft: a draft saved before this rule existed is checked here.
      // Without a locale Strapi publishes the default locale's version, so that is the one checked.
      const locale = params.locale ?? (await localeService(strapi).getDefaultLocale());
      const locales = locale === '*' ? undefined : Array.isArray(locale) ? locale : [locale];
      const drafts = await (strapi.db.query(context.uid as Parameters<typeof strapi.db.query>[0]) as unknown as SlugRows).findMany({
        select: ['slug', 'locale'],
        where: { documentId: params.documentId, publishedAt: null, ...(locales ? { locale: { $in: locales } } : {}) },
      });
      for (const draft of drafts) {
        const problem = draft.slug === null ? null : editorSlugProblem(draft.slug);
        if (problem) refuse(problem, draft.locale);
      }
    }
    return next();
  });
};
