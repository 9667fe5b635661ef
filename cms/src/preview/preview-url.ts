// The admin's Preview button: a signed link to the pipeline's renderer of drafts, made only
// for an editor who may read that draft. Strapi's preview route asks nothing of the user but
// to be signed in (its controller says "TODO: Permissions to preview content"), so the check
// is here: the same read permission the content manager applies to the document, conditions
// (an Author reads only what they created) and locales included.
import type { Core } from '@strapi/strapi';
import { localeService } from '../utils/plugin-services';
import { DEFAULT_PREVIEW_LINK_MINUTES, MAX_PREVIEW_LINK_MINUTES, signPreviewLink } from './signed-link';

/** Content types that have a page on the site, and so something to preview. */
const PREVIEWABLE = new Set(['study', 'event', 'article', 'axis']);

interface PreviewLinkOptions {
  pipelineUrl: string;
  secret: string;
  minutes: number;
}

interface PermissionChecker {
  cannot: { read(entity?: object): boolean };
}

interface RowReads {
  findOne(params: { where: Record<string, unknown>; populate: Record<string, unknown> }): Promise<object | null>;
}

/** How long links live, from PREVIEW_LINK_MINUTES: a whole number of minutes, within bounds. */
export const previewLinkMinutes = (value: string | undefined): number => {
  if (value === undefined || value === '') return DEFAULT_PREVIEW_LINK_MINUTES;
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_PREVIEW_LINK_MINUTES) {
    throw new Error(`PREVIEW_LINK_MINUTES must be a whole number from 1 to ${MAX_PREVIEW_LINK_MINUTES}, not ${JSON.stringify(value)}`);
  }
  return minutes;
};

/** Whether the signed-in admin user of this request may read this version of the document. */
const mayRead = async (strapi: Core.Strapi, uid: string, documentId: string, locale: string | undefined): Promise<boolean> => {
  const ctx = strapi.requestContext.get() as { state?: { userAbility?: unknown } } | undefined;
  const userAbility = ctx?.state?.userAbility;
  if (!userAbility) return false;
  const checker = (strapi.plugin('content-manager').service('permission-checker') as unknown as { create(options: { userAbility: unknown; model: string }): PermissionChecker }).create({ userAbility, model: uid });
  if (checker.cannot.read()) return false;
  // Conditions such as "is the creator" are judged on the draft itself, its creator loaded
  // (read from the database layer: the document service leaves the private createdBy out).
  const rows = strapi.db.query(uid as Parameters<typeof strapi.db.query>[0]) as unknown as RowReads;
  const draft = await rows.findOne({ where: { documentId, locale, publishedAt: null }, populate: { createdBy: { select: ['id'] } } });
  return draft !== null && !checker.cannot.read(draft);
};

/** The preview link of a draft, or null when there is nothing to preview or the user may not read it. */
export const previewUrlFor = async (strapi: Core.Strapi, uid: string, params: { documentId?: string; locale?: string }, options: PreviewLinkOptions): Promise<string | null> => {
  const type = uid.startsWith('api::') ? (uid.split('.').pop() ?? '') : '';
  const { documentId } = params;
  if (!PREVIEWABLE.has(type) || !documentId) return null;
  const locale = params.locale ?? (await localeService(strapi).getDefaultLocale());
  if (!(await mayRead(strapi, uid, documentId, locale))) return null;
  const expires = Math.floor(Date.now() / 1000) + options.minutes * 60;
  const query = signPreviewLink(options.secret, { type, documentId, locale }, expires);
  return `${options.pipelineUrl}/preview/${encodeURIComponent(locale)}/${type}/${encodeURIComponent(documentId)}?${query}`;
};
