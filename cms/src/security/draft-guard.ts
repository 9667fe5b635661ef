// Closes the draft door in the CMS itself. Strapi 5 lets any token allowed to `find` read
// drafts with `?status=draft`; here every content-API read is pinned to published content,
// and asking for anything else is refused, unless the caller is the preview token.
//
// Pinning the status covers the rows a read is about, not the rows its filters reach through a
// relation: Strapi joins those whatever their status (through `localizations` it matched the
// other locale's draft). So every relation a filter follows is pinned to published rows too.
// The front door (query-door.ts) already refuses most such filters; this holds whatever it
// lets through, and whatever a future change to it lets through.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

export const PREVIEW_TOKEN_NAME = 'pipeline-preview';

/** Query parameters that select draft or unpublished rows; the guard refuses them. */
const DRAFT_SELECTORS = ['publicationFilter', 'hasPublishedVersion'] as const;

interface RequestState {
  route?: { info?: { type?: string } };
  auth?: { strategy?: { name?: string }; credentials?: { name?: unknown } };
}

interface GuardAttribute {
  type: string;
  target?: string;
  component?: string;
}

interface GuardModel {
  attributes: Record<string, GuardAttribute>;
  options?: { draftAndPublish?: boolean };
}

export type GuardModels = (uid: string) => GuardModel | undefined;

const isContentApiRequest = (state: RequestState | undefined): boolean => state?.route?.info?.type === 'content-api';

const isPreviewToken = (state: RequestState | undefined): boolean =>
  state?.auth?.strategy?.name === 'content-api-token' && state.auth.credentials?.name === PREVIEW_TOKEN_NAME;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const PUBLISHED = { publishedAt: { $notNull: true } };

/**
 * `filters` with every relation it follows into a draft-and-publish type limited to that
 * type's published rows, at any depth, inside $and, $or and $not, and through components.
 */
export const pinRelationsToPublished = (filters: unknown, uid: string, models: GuardModels): unknown => {
  const model = models(uid);
  if (!model) return filters;
  if (Array.isArray(filters)) return filters.map((item) => pinRelationsToPublished(item, uid, models));
  if (!isObject(filters)) return filters;
  const pinned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    const attribute = model.attributes[key];
    if (key === '$and' || key === '$or' || key === '$not') {
      pinned[key] = pinRelationsToPublished(value, uid, models);
    } else if (attribute?.type === 'relation' && attribute.target && isObject(value)) {
      const nested = pinRelationsToPublished(value, attribute.target, models) as Record<string, unknown>;
      pinned[key] = models(attribute.target)?.options?.draftAndPublish ? { ...nested, ...PUBLISHED } : nested;
    } else if (attribute?.type === 'component' && attribute.component && isObject(value)) {
      pinned[key] = pinRelationsToPublished(value, attribute.component, models);
    } else {
      pinned[key] = value;
    }
  }
  return pinned;
};

export const registerDraftGuard = (strapi: Core.Strapi): void => {
  const models: GuardModels = (uid) => strapi.getModel(uid as Parameters<typeof strapi.getModel>[0]) as GuardModel | undefined;
  strapi.documents.use(async (context, next) => {
    const request = strapi.requestContext.get() as { state?: RequestState } | undefined;
    if (!isContentApiRequest(request?.state) || isPreviewToken(request?.state)) {
      return next();
    }
    const params = context.params as Record<string, unknown>;
    if (params.status !== undefined && params.status !== 'published') {
      throw new errors.ForbiddenError('Drafts are not available through the content API: ask for status=published');
    }
    for (const selector of DRAFT_SELECTORS) {
      if (params[selector] !== undefined) {
        throw new errors.ForbiddenError(`The ${selector} parameter is not available through the content API`);
      }
    }
    params.status = 'published';
    if (params.filters !== undefined) params.filters = pinRelationsToPublished(params.filters, context.uid, models);
    return next();
  });
};
