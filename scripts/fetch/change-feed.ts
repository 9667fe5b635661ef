// The CMS's change feed (cms/src/api/change-feed): in one request, for every type and locale,
// the published documents changed since a moment and how many are published now.
import { z } from 'zod';
import { CmsResponseError } from '../errors.js';
import { LOCALES, type Locale } from '../../domain/locales.js';
import type { StrapiClient } from './strapi-client.js';

const CHANGE_FEED_PATH = '/api/export/changes';

const PerLocale = z.object({ total: z.number().int().min(0), changed: z.array(z.string().min(1)) });
const FeedEnvelope = z.object({ data: z.object({ types: z.record(z.string(), z.record(z.string(), PerLocale)) }) });

export type LocaleChanges = z.infer<typeof PerLocale>;

/** type → locale → what changed there; `of` fails when the CMS left a type or locale out. */
export interface ChangeFeed {
  of(type: string, locale: string): LocaleChanges;
  /**
   * The site's languages that the CMS has now, in the site's order. An editor can delete a
   * locale in the admin (Strapi then deletes its documents too) or add it back; the feed
   * answers for every locale the CMS has, so it is what the build asks for.
   */
  locales: Locale[];
}

export const readChangeFeed = async (client: StrapiClient, since: string): Promise<ChangeFeed> => {
  const body = await client.getJson(CHANGE_FEED_PATH, new URLSearchParams({ since }));
  const parsed = FeedEnvelope.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CmsResponseError(`The CMS sent a malformed change feed (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape'}); is the CMS this project's own?`, { url: CHANGE_FEED_PATH });
  }
  const { types } = parsed.data.data;
  const cmsLocales = new Set(Object.values(types).flatMap((perLocale) => Object.keys(perLocale)));
  return {
    locales: LOCALES.filter((locale) => cmsLocales.has(locale)),
    of(type, locale) {
      const found = types[type]?.[locale];
      if (!found) throw new CmsResponseError(`The CMS's change feed says nothing of ${type} in ${locale}; the CMS and the pipeline disagree on the content types or locales.`, { url: CHANGE_FEED_PATH });
      return found;
    },
  };
};
