// Closes the draft door in the CMS itself. Strapi 5 lets any token allowed to `find` read
// drafts with `?status=draft`; here every content-API read is pinned to published content,
// and asking for anything else is refused, unless the caller is the preview token.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

export const PREVIEW_TOKEN_NAME = 'pipeline-preview';

/** Query parameters that select draft or unpublished rows; the guard refuses them. */
const DRAFT_SELECTORS = ['publicationFilter', 'hasPublishedVersion'] as const;

interface RequestState {
  route?: { info?: { type?: string } };
  auth?: { strategy?: { name?: string }; credentials?: { name?: unknown } };
}

const isContentApiRequest = (state: RequestState | undefined): boolean => state?.route?.info?.type === 'content-api';

const isPreviewToken = (state: RequestState | undefined): boolean =>
  state?.auth?.strategy?.name === 'content-api-token' && state.auth.credentials?.name === PREVIEW_TOKEN_NAME;

export const registerDraftGuard = (strapi: Core.Strapi): void => {
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
    return next();
  });
};
