// Fetch: the pipeline's own reads (explicit fields and populate, through the CMS's bulk
// export) against `populate=*` on the standard find, on the same Strapi, through the same
// client with the same pages of 100 and the same requests in flight (four lists, two pages
// each), for the same documents: every collection and single type in both locales. Only what
// is asked, and where, differs.
import { LOCALES } from '../domain/locales.js';
import { fetchSnapshot } from '../scripts/fetch/snapshot.js';
import { mapWithConcurrency } from '../scripts/lib/concurrency.js';
import { COLLECTION_QUERIES } from '../scripts/fetch/queries.js';
import { createStrapiClient } from '../scripts/fetch/strapi-client.js';

export interface FetchRun {
  label: string;
  documents: number;
  requests: number;
  wallMs: number;
  perSecond: number;
  /** Size of the JSON received, in bytes: what the query makes Strapi serialise and send. */
  bytes: number;
}

const countDocs = (collections: Record<string, Record<string, unknown[]>>): number => Object.values(collections).reduce((sum, perLocale) => sum + Object.values(perLocale).reduce((n, docs) => n + docs.length, 0), 0);
const countSingles = (singles: Record<string, Record<string, unknown>>): number => Object.values(singles).reduce((sum, perLocale) => sum + Object.values(perLocale).filter((doc) => doc !== null).length, 0);

export const fetchOurs = async (strapiUrl: string, token: string): Promise<FetchRun> => {
  const client = createStrapiClient({ baseUrl: strapiUrl, token });
  const started = performance.now();
  const snapshot = await fetchSnapshot(client);
  const wallMs = performance.now() - started;
  const documents = countDocs(snapshot.collections) + countSingles(snapshot.singles);
  return { label: 'pipeline queries', documents, requests: client.requestCount, wallMs, perSecond: documents / (wallMs / 1000), bytes: Buffer.byteLength(JSON.stringify([snapshot.collections, snapshot.singles])) };
};

export const fetchPopulateAll = async (strapiUrl: string, token: string): Promise<FetchRun> => {
  const client = createStrapiClient({ baseUrl: strapiUrl, token });
  const jobs = COLLECTION_QUERIES.flatMap((query) => LOCALES.map((locale) => ({ query, locale })));
  const started = performance.now();
  const results = await mapWithConcurrency(jobs, 4, async ({ query, locale }): Promise<unknown[]> => {
    const params = new URLSearchParams({ populate: '*', locale, status: 'published' });
    if (query.kind === 'collection') return client.getAllPages(query.path, params, { concurrency: 2 });
    const body = (await client.getJson(query.path, params, { allowNotFound: true })) as { data?: unknown } | null;
    return body?.data ? [body.data] : [];
  });
  const wallMs = performance.now() - started;
  const documents = results.reduce((n, docs) => n + docs.length, 0);
  return { label: 'populate=*', documents, requests: client.requestCount, wallMs, perSecond: documents / (wallMs / 1000), bytes: Buffer.byteLength(JSON.stringify(results)) };
};
