// The HTTP layer of the fetch stage: GET JSON from Strapi's REST API with the build token,
// a timeout per request, retries for transient failures, and page-by-page collection of a
// collection type. It knows HTTP and Strapi's response envelope, nothing of the content model.

import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { CmsAuthError, CmsResponseError, CmsUnreachableError } from '../errors.js';

export interface StrapiClientOptions {
  /** Where Strapi listens, e.g. http://127.0.0.1:1337 (STRAPI_URL). */
  baseUrl: string;
  /** A read-only API token (STRAPI_TOKEN). Sent as a bearer token, never shown. */
  token: string;
  /** Per request, headers and body included. Default 15000. */
  timeoutMs?: number;
  /** Extra attempts after the first, for network errors, 5xx and 429. Default 3. */
  retries?: number;
  /** Wait before the first retry, doubled for each one after. Default 250. */
  backoffMs?: number;
  /** Documents per page for getAllPages. Default 100 (Strapi's default maxLimit). */
  pageSize?: number;
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Injectable so tests need not wait out the backoff. */
  sleep?: (ms: number) => Promise<void>;
}

export interface GetJsonOptions {
  /** Resolve to null on a 404 instead of failing: Strapi 5 answers 404 for a single type
   * that is not published in the asked locale, which is a normal state, not an error. */
  allowNotFound?: boolean;
}

export interface StrapiClient {
  /** One GET of `${baseUrl}${path}?${query}`; resolves to the parsed JSON body of a 2xx
   * (or null on a 404 when `allowNotFound`). */
  getJson(path: string, query: URLSearchParams, options?: GetJsonOptions): Promise<unknown>;
  /**
   * Every document of a list, in documentId order, 100 a request, each request asking for the
   * documents after the last one seen (keyset paging): the CMS never skips over an offset, so
   * the last page costs what the first does, however long the list.
   */
  getAllByDocumentId(collectionPath: string, query: URLSearchParams): Promise<unknown[]>;
  /** Every page of a list; after the first, up to `concurrency` pages are asked for at once. */
  getAllPages(collectionPath: string, query: URLSearchParams, options?: { concurrency?: number }): Promise<unknown[]>;
  /** HTTP requests actually sent, retries included; the build report shows it. */
  readonly requestCount: number;
}

/** More pages than this is a misbehaving CMS or a broken query, not a site we publish. */
const MAX_PAGE_COUNT = 10_000;

// Strapi's list envelope. Only `data` and the pagination numbers matter here; the items stay
// `unknown` because checking them is the normalise stage's job.
const PageEnvelope = z.object({
  data: z.array(z.unknown()),
  meta: z.object({
    // Without the count (pagination[withCount]=false) Strapi leaves out pageCount and total.
    pagination: z.object({
      page: z.number().int().min(1),
      pageSize: z.number().int().min(1),
      pageCount: z.number().int().min(0).optional(),
      total: z.number().int().min(0).optional(),
    }),
  }),
});
type Page = z.infer<typeof PageEnvelope>;

// Strapi 5 explains its 4xx/5xx as { data: null, error: { status, name, message, details } }.
const StrapiErrorBody = z.object({ error: z.object({ message: z.string() }) });

type Outcome = { kind: 'answer'; status: number; body: string } | { kind: 'network'; error: unknown };

/** Network trouble, a server error and throttling may pass; anything else will not. */
const isTransient = (outcome: Outcome): boolean =>
  outcome.kind === 'network' || outcome.status >= 500 || outcome.status === 429;

/** Reads a string field of a thrown value without trusting its class: errors thrown by
 * fetch come from another realm under jest, so `instanceof Error` cannot be relied on. */
const field = (value: unknown, key: 'name' | 'message' | 'cause'): unknown =>
  typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;

/** URL as shown in messages: credentials in the URL itself are dropped too. */
const displayUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
};

export const createStrapiClient = (options: StrapiClientOptions): StrapiClient => {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const { token } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 250;
  const pageSize = options.pageSize ?? 100;
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  let requestCount = 0;

  // Fail on configuration mistakes now, not after a round of pointless retries.
  if (!/^https?:\/\/[^/]/.test(baseUrl) || !URL.canParse(baseUrl)) {
    throw new CmsUnreachableError(`STRAPI_URL "${displayUrl(baseUrl)}" is not an http(s) URL; set it to where the CMS listens, e.g. http://127.0.0.1:1337.`, { url: displayUrl(baseUrl) });
  }
  // fetch refuses user:password@ URLs, and its error would repeat them; the token is the
  // only credential the content API takes.
  const parsedBase = new URL(baseUrl);
  if (parsedBase.username !== '' || parsedBase.password !== '') {
    throw new CmsUnreachableError(`STRAPI_URL must not contain a user name or password (${displayUrl(baseUrl)}); the CMS is reached with STRAPI_TOKEN alone.`, { url: displayUrl(baseUrl) });
  }
  if (token.trim() === '') {
    throw new CmsAuthError('STRAPI_TOKEN is empty; create a read-only API token in the Strapi admin (Settings → API Tokens) and set STRAPI_TOKEN.', { url: displayUrl(baseUrl) });
  }

  // Text that came from outside (Strapi's words, a socket error) could in theory echo the
  // token back; scrub it so it can never reach a message or a log.
  const scrub = (text: string): string => text.split(token).join('[redacted]');

  const describeNetworkError = (error: unknown): string => {
    const name = field(error, 'name');
    if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
    // undici reports TypeError('fetch failed') and puts the socket error (ECONNREFUSED…) in cause.
    const cause = field(error, 'cause');
    const message = field(cause, 'message') ?? field(error, 'message');
    return scrub(typeof message === 'string' ? message : String(error));
  };

  /** One HTTP request; never throws, so the retry loop sees every failure the same way. */
  const send = async (url: string): Promise<Outcome> => {
    requestCount += 1;
    try {
      const response = await fetchImpl(url, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        // The same signal bounds the body: a CMS that sends headers and then stalls is as
        // unreachable as one that never answers.
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Always read the body, even of a 5xx we will retry, so the connection is freed.
      return { kind: 'answer', status: response.status, body: await response.text() };
    } catch (error) {
      return { kind: 'network', error };
    }
  };

  const strapiMessage = (body: string): string | undefined => {
    try {
      const parsed = StrapiErrorBody.safeParse(JSON.parse(body));
      return parsed.success ? scrub(parsed.data.error.message) : undefined;
    } catch {
      return undefined;
    }
  };

  const buildUrl = (path: string, query: URLSearchParams): string => {
    const search = query.toString();
    return `${baseUrl}${path.startsWith('/') ? path : `/${path}`}${search ? `?${search}` : ''}`;
  };

  const getJson = async (path: string, query: URLSearchParams, getOptions: GetJsonOptions = {}): Promise<unknown> => {
    const url = buildUrl(path, query);
    const shown = displayUrl(url);

    let attempts = 1;
    let outcome = await send(url);
    while (isTransient(outcome) && attempts <= retries) {
      await sleep(backoffMs * 2 ** (attempts - 1));
      attempts += 1;
      outcome = await send(url);
    }
    const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;

    if (outcome.kind === 'network') {
      throw new CmsUnreachableError(
        `Could not reach the CMS at ${shown} (${describeNetworkError(outcome.error)}; ${tries}). Check STRAPI_URL and that the CMS is running.`,
        { url: shown },
        { cause: outcome.error },
      );
    }

    const { status, body } = outcome;
    if (status === 401) {
      throw new CmsAuthError(
        `The CMS refused the API token for ${shown} (HTTP 401): STRAPI_TOKEN is wrong or expired. Create a read-only API token in the Strapi admin (Settings → API Tokens) and set STRAPI_TOKEN.`,
        { url: shown },
        { status },
      );
    }
    if (status === 403) {
      throw new CmsAuthError(
        `The API token (STRAPI_TOKEN) lacks permission on ${path} (HTTP 403 for ${shown}). ${path.startsWith('/api/export/changes') || path.startsWith('/api/export/history') ? 'Grant the token read and history on Change-feed' : 'Grant the token find, findOne and export on that content type (find on single types)'} in the Strapi admin (Settings → API Tokens).`,
        { url: shown },
        { status },
      );
    }
    if (status === 404 && getOptions.allowNotFound) return null;
    if (status < 200 || status > 299) {
      const said = strapiMessage(body);
      const retried = isTransient(outcome) ? ` after ${tries}` : '';
      throw new CmsResponseError(`The CMS answered HTTP ${status} for ${shown}${retried}${said ? `: ${said}` : ''}.`, { url: shown }, { status });
    }

    try {
      return JSON.parse(body) as unknown;
    } catch (error) {
      const start = scrub(body.slice(0, 120).replace(/\s+/g, ' ').trim());
      throw new CmsResponseError(
        `The CMS sent a malformed body for ${shown} (not JSON: "${start}"). Check that STRAPI_URL points at Strapi itself, not a proxy page or the site.`,
        { url: shown },
        { cause: error, status },
      );
    }
  };

  const getPage = async (collectionPath: string, query: URLSearchParams, page: number): Promise<Page> => {
    // A copy, so the caller's query is left as it was given.
    const paged = new URLSearchParams(query);
    paged.set('pagination[page]', String(page));
    paged.set('pagination[pageSize]', String(pageSize));
    const body = await getJson(collectionPath, paged);
    const parsed = PageEnvelope.safeParse(body);
    if (!parsed.success) {
      const shown = displayUrl(buildUrl(collectionPath, paged));
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ');
      throw new CmsResponseError(
        `The CMS sent a malformed body for ${shown}: not a Strapi list { data, meta.pagination } (${issues}). Check that ${collectionPath} is a collection type.`,
        { url: shown },
      );
    }
    return parsed.data;
  };

  const getAllPages = async (collectionPath: string, query: URLSearchParams, options: { concurrency?: number } = {}): Promise<unknown[]> => {
    const url = displayUrl(`${baseUrl}${collectionPath}`);
    const first = await getPage(collectionPath, query, 1);
    const { pageCount, total } = counted(first, collectionPath);
    if (pageCount > MAX_PAGE_COUNT) {
      throw new CmsResponseError(
        `The CMS reports ${pageCount} pages (${total} documents) for ${collectionPath}; more than ${MAX_PAGE_COUNT} means a broken query or CMS, so nothing was fetched past page 1.`,
        { url },
      );
    }

    // One page at a time unless asked otherwise: a small CMS stays lightly loaded and a
    // failure is easy to name. (The build reads whole collections with getAllByDocumentId;
    // the benchmark's populate=* baseline asks for two pages at a time, as a find client may.)
    const pages: unknown[][] = new Array(Math.max(pageCount, 1));
    pages[0] = first.data;
    let nextPage = 2;
    const worker = async (): Promise<void> => {
      while (nextPage <= pageCount) {
        const page = nextPage;
        nextPage += 1;
        const next = await getPage(collectionPath, query, page);
        const now = { ...counted(next, collectionPath), page: next.meta.pagination.page };
        // A moving count or total means documents were published or deleted mid-fetch: items
        // would shift between pages and be skipped or doubled. A page echoed wrong means the
        // CMS ignored the page parameter. Either way the snapshot cannot be trusted.
        if (now.pageCount !== pageCount || now.total !== total || now.page !== page) {
          throw new CmsResponseError(
            `The CMS changed its pagination of ${collectionPath} while it was being read (asked for page ${page} of ${pageCount}, ${total} documents; got page ${now.page} of ${now.pageCount}, ${now.total} documents). Content probably changed during the build; run it again.`,
            { url },
          );
        }
        pages[page - 1] = next.data;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, pageCount - 1)) }, worker));
    return pages.flat();
  };

  /** The count of a page asked for with it; a CMS that leaves it out cannot be paged safely. */
  const counted = (page: Page, collectionPath: string): { pageCount: number; total: number } => {
    const { pageCount, total } = page.meta.pagination;
    if (pageCount === undefined || total === undefined) {
      throw new CmsResponseError(`The CMS sent a page of ${collectionPath} without its count (meta.pagination.total); is api.rest.withCount turned off?`, { url: displayUrl(`${baseUrl}${collectionPath}`) });
    }
    return { pageCount, total };
  };

  const getAllByDocumentId = async (collectionPath: string, query: URLSearchParams): Promise<unknown[]> => {
    const url = displayUrl(`${baseUrl}${collectionPath}`);
    const docs: unknown[] = [];
    let total: number | null = null;
    for (let request = 0; request <= MAX_PAGE_COUNT; request += 1) {
      const after = new URLSearchParams(query);
      after.set('sort[0]', 'documentId:asc');
      const last = docs.at(-1) as { documentId?: unknown } | undefined;
      if (last) {
        if (typeof last.documentId !== 'string') throw new CmsResponseError(`The CMS sent a document without a documentId in ${collectionPath}; the list cannot be read on.`, { url });
        after.set('filters[documentId][$gt]', last.documentId);
        // Only the first request counts: each count is a query of its own in the CMS, and the
        // total at the start is all the check below needs.
        after.set('pagination[withCount]', 'false');
      }
      const page = await getPage(collectionPath, after, 1);
      total ??= counted(page, collectionPath).total;
      docs.push(...page.data);
      if (docs.length >= total || page.data.length < pageSize) {
        // Read to the end, the list must hold what it held at the start: otherwise documents
        // were published or deleted mid-fetch and the snapshot cannot be trusted.
        if (docs.length !== total) {
          throw new CmsResponseError(
            `The CMS changed ${collectionPath} while it was being read (${total} documents at first, ${docs.length} read to the end). Content probably changed during the build; run it again.`,
            { url },
          );
        }
        return docs;
      }
    }
    throw new CmsResponseError(`The CMS sent more than ${MAX_PAGE_COUNT} pages for ${collectionPath}; that is a broken query or CMS.`, { url });
  };

  return {
    getJson,
    getAllByDocumentId,
    getAllPages,
    get requestCount() {
      return requestCount;
    },
  };
};
