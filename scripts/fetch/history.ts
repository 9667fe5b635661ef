// The CMS's history of addresses and translations (cms/src/history): one request a build, full
// or incremental, since it is small (only addresses given up and translations behind) and the
// CMS brings it up to date as it answers.
import { CmsAuthError } from '../errors.js';
import type { StrapiClient } from './strapi-client.js';

export const HISTORY_PATH = '/api/export/history';

/**
 * The history as the CMS sent it (normalise checks it), or null when this CMS has none or the
 * token may not read it: old addresses then do not redirect in this build, which the report
 * says, and everything else publishes.
 */
export const fetchHistory = async (client: StrapiClient): Promise<unknown> => {
  try {
    return await client.getJson(HISTORY_PATH, new URLSearchParams(), { allowNotFound: true });
  } catch (error) {
    if (error instanceof CmsAuthError && error.status === 403) return null;
    throw error;
  }
};
