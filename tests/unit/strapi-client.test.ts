// The fetch stage's HTTP layer against a real local HTTP server that plays Strapi: paging,
// retries, timeouts, refused connections and every kind of refusal the CMS can give.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStrapiClient, type StrapiClientOptions } from '../../scripts/fetch/strapi-client.js';
import { CmsAuthError, CmsResponseError, CmsUnreachableError, PipelineError } from '../../scripts/errors.js';

const TOKEN = 'test-token-5f1c2a9e8b7d4c3f-never-shown';
const noWait = async (): Promise<void> => {};

interface SeenRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

interface FakeStrapi {
  url: string;
  seen: SeenRequest[];
}

type Handler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest[]) => void;

const servers: Server[] = [];

/** A CMS on a free port of 127.0.0.1; `handler` decides each answer, `seen` records the asks. */
const startStrapi = async (handler: Handler): Promise<FakeStrapi> => {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({ path: parsed.pathname, query: parsed.searchParams, headers: req.headers });
    handler(req, res, seen);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen };
};

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          // Drop sockets a hanging handler left open, or close() would wait for them.
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

const strapiError = (status: number, name: string, message: string) => ({
  data: null,
  error: { status, name, message, details: {} },
});

/** Answers like Strapi's list endpoint over `items`, honouring pagination[page]/[pageSize]. */
const collection =
  (items: unknown[]): Handler =>
  (req, res, seen) => {
    const { query } = seen[seen.length - 1]!;
    const page = Number(query.get('pagination[page]') ?? '1');
    const pageSize = Number(query.get('pagination[pageSize]') ?? '25');
    json(res, 200, {
      data: items.slice((page - 1) * pageSize, page * pageSize),
      meta: { pagination: { page, pageSize, pageCount: Math.ceil(items.length / pageSize), total: items.length } },
    });
  };

const client = (url: string, options: Partial<StrapiClientOptions> = {}) =>
  createStrapiClient({ baseUrl: url, token: TOKEN, sleep: noWait, ...options });

/** The error a promise rejects with; fails the test if it resolves. Also checks, for every
 * failure tested here, that the token never reaches a message. */
const failure = async (promise: Promise<unknown>): Promise<PipelineError> => {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`);
  expect(outcome.error).toBeInstanceOf(PipelineError);
  const error = outcome.error as PipelineError;
  expect(error.message).not.toContain(TOKEN);
  expect(JSON.stringify(error.context)).not.toContain(TOKEN);
  return error;
};

const failureOf = (work: () => unknown): Error => {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
};

const listQuery = () => new URLSearchParams({ locale: 'es', status: 'published' });

/** Answers like Strapi's list over `items` (sorted by documentId) with keyset filters: documentId > x. */
const keyedCollection =
  (items: () => { documentId: string }[]): Handler =>
  (_req, res, seen) => {
    const { query } = seen[seen.length - 1]!;
    const after = query.get('filters[documentId][$gt]');
    const pageSize = Number(query.get('pagination[pageSize]') ?? '25');
    const rest = items().filter((item) => after === null || item.documentId > after);
    json(res, 200, { data: rest.slice(0, pageSize), meta: { pagination: { page: 1, pageSize, pageCount: Math.ceil(rest.length / pageSize), total: rest.length } } });
  };

describe('getAllByDocumentId', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ documentId: `doc-${String(i).padStart(4, '0')}` }));

  it('reads 250 documents in 3 requests of 100, each after the last documentId seen, never by offset', async () => {
    const items = ids(250);
    const cms = await startStrapi(keyedCollection(() => items));
    expect(await client(cms.url).getAllByDocumentId('/api/export/studies', listQuery())).toEqual(items);
    expect(cms.seen.map((r) => [r.query.get('filters[documentId][$gt]'), r.query.get('pagination[page]'), r.query.get('sort[0]')])).toEqual([
      [null, '1', 'documentId:asc'],
      ['doc-0099', '1', 'documentId:asc'],
      ['doc-0199', '1', 'documentId:asc'],
    ]);
    // The caller's own filters and locale travel with every request.
    expect(cms.seen.every((r) => r.query.get('locale') === 'es' && r.query.get('status') === 'published')).toBe(true);
  });

  it('refuses a list that changes while it is read', async () => {
    let items = ids(150);
    const cms = await startStrapi((req, res, seen) => {
      keyedCollection(() => items)(req, res, seen);
      items = ids(151); // a document was published after the first request
    });
    const error = await failure(client(cms.url).getAllByDocumentId('/api/export/studies', listQuery()));
    expect(error).toBeInstanceOf(CmsResponseError);
    expect(error.message).toMatch(/changed \/api\/export\/studies while it was being read.*run it again/);
  });
});

describe('getAllPages', () => {
  it('reads 250 documents in 3 pages of 100, in order, one request per page', async () => {
    const items = Array.from({ length: 250 }, (_, i) => ({ documentId: `doc-${i}` }));
    const cms = await startStrapi(collection(items));
    // A trailing slash on STRAPI_URL must not double the slash in the path.
    const strapi = client(`${cms.url}/`);
    const query = listQuery();

    const result = await strapi.getAllPages('/api/studies', query);

    expect(result).toEqual(items);
    expect(strapi.requestCount).toBe(3);
    expect(cms.seen.map((r) => r.path)).toEqual(['/api/studies', '/api/studies', '/api/studies']);
    expect(cms.seen.map((r) => [r.query.get('pagination[page]'), r.query.get('pagination[pageSize]')])).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);
    for (const request of cms.seen) {
      expect(request.query.get('locale')).toBe('es');
      expect(request.query.get('status')).toBe('published');
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers.accept).toBe('application/json');
    }
    // The caller's query is copied, not changed.
    expect(query.toString()).toBe('locale=es&status=published');
  });

  it('honours the pageSize option', async () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    const cms = await startStrapi(collection(items));
    const strapi = client(cms.url, { pageSize: 3 });

    expect(await strapi.getAllPages('/api/events', listQuery())).toEqual(items);
    expect(cms.seen.map((r) => r.query.get('pagination[pageSize]'))).toEqual(['3', '3', '3']);
    expect(strapi.requestCount).toBe(3);
  });

  it('returns an empty list for an empty collection after one request', async () => {
    const cms = await startStrapi(collection([]));
    const strapi = client(cms.url);

    expect(await strapi.getAllPages('/api/articles', listQuery())).toEqual([]);
    expect(strapi.requestCount).toBe(1);
  });

  it('refuses a pagination that changes while the pages are read', async () => {
    let total = 150;
    const cms = await startStrapi((req, res, seen) => {
      collection(Array.from({ length: total }, (_, i) => i))(req, res, seen);
      total = 250; // a document batch was published between page 1 and page 2
    });

    const error = await failure(client(cms.url).getAllPages('/api/studies', listQuery()));
    expect(error).toBeInstanceOf(CmsResponseError);
    expect(error.message).toContain('/api/studies');
    expect(error.message).toMatch(/run it again/);
    expect(cms.seen).toHaveLength(2);
  });

  it('refuses an absurd page count without fetching the pages', async () => {
    const cms = await startStrapi((_req, res) =>
      json(res, 200, { data: [1], meta: { pagination: { page: 1, pageSize: 100, pageCount: 10_001, total: 1_000_100 } } }),
    );

    const error = await failure(client(cms.url).getAllPages('/api/studies', listQuery()));
    expect(error).toBeInstanceOf(CmsResponseError);
    expect(error.message).toContain('10001 pages');
    expect(cms.seen).toHaveLength(1);
  });

  it('refuses JSON that is not a Strapi list envelope, naming the URL', async () => {
    const cms = await startStrapi((_req, res) => json(res, 200, { data: { id: 1 }, meta: {} }));

    const error = await failure(client(cms.url).getAllPages('/api/site-setting', listQuery()));
    expect(error).toBeInstanceOf(CmsResponseError);
    expect(error.message).toMatch(/malformed body/);
    expect(error.message).toContain(`${cms.url}/api/site-setting?`);
    expect(error.context.url).toContain(`${cms.url}/api/site-setting?`);
  });
});

describe('getJson', () => {
  it('returns the parsed body and leaves out "?" for an empty query', async () => {
    const body = { data: { siteName: 'Red de ciudades' }, meta: {} };
    const cms = await startStrapi((_req, res) => json(res, 200, body));
    const strapi = client(cms.url);

    expect(await strapi.getJson('/api/site-setting', new URLSearchParams())).toEqual(body);
    expect(cms.seen[0]!.path).toBe('/api/site-setting');
    expect(cms.seen[0]!.query.toString()).toBe('');
  });

  it('retries a 503 and returns the answer that follows', async () => {
    const cms = await startStrapi((_req, res, seen) => {
      if (seen.length === 1) json(res, 503, strapiError(503, 'ServiceUnavailableError', 'Starting'));
      else json(res, 200, { data: ['ok'] });
    });
    const strapi = client(cms.url);

    expect(await strapi.getJson('/api/studies', listQuery())).toEqual({ data: ['ok'] });
    expect(strapi.requestCount).toBe(2);
    expect(cms.seen).toHaveLength(2);
  });

  it('retries a 429 too', async () => {
    const cms = await startStrapi((_req, res, seen) => {
      if (seen.length < 3) json(res, 429, strapiError(429, 'RateLimitError', 'Too many requests'));
      else json(res, 200, { data: [] });
    });
    const strapi = client(cms.url);

    expect(await strapi.getJson('/api/events', listQuery())).toEqual({ data: [] });
    expect(strapi.requestCount).toBe(3);
  });

  it('gives up on a persistent 500 after every retry, backing off exponentially', async () => {
    const waits: number[] = [];
    const cms = await startStrapi((_req, res) => json(res, 500, strapiError(500, 'InternalServerError', 'Database is locked')));
    const strapi = client(cms.url, { sleep: async (ms) => void waits.push(ms) });

    const error = await failure(strapi.getJson('/api/studies', listQuery()));
    expect(error).toBeInstanceOf(CmsResponseError);
    expect(error.message).toContain('HTTP 500');
    expect(error.message).toContain(`${cms.url}/api/studies?locale=es&status=published`);
    expect(error.message).toContain('Database is locked');
    expect(error.context.url).toBe(`${cms.url}/api/studies?locale=es&status=published`);
    expect(waits).toEqual([250, 500, 1000]);
    expect(cms.seen).toHaveLength(4);
    expect(strapi.requestCount).toBe(4);
  });

  it('treats a CMS that never answers within timeoutMs as unreachable, after retrying', async () => {
    const cms = await startStrapi(() => {
      // never answers
    });
    const strapi = client(cms.url, { timeoutMs: 200, retries: 1 });
    const started = Date.now();

    const error = await failure(strapi.getJson('/api/studies', listQuery()));
    expect(error).toBeInstanceOf(CmsUnreachableError);
    expect(error.message).toContain('no answer within 200 ms');
    expect(error.message).toContain('STRAPI_URL');
    expect(cms.seen.length).toBeGreaterThanOrEqual(2);
    expect(strapi.requestCount).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 200 - 20);
  });

  it('reports a refused connection as unreachable, naming the URL and STRAPI_URL', async () => {
    // A port that was free a moment ago and has nobody listening now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const strapi = client(`http://127.0.0.1:${port}`, { retries: 2 });

    const error = await failure(strapi.getJson('/api/studies', listQuery()));
    expect(error).toBeInstanceOf(CmsUnreachableError);
    expect(error.message).toContain(`http://127.0.0.1:${port}/api/studies?locale=es&status=published`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toMatch(/check STRAPI_URL and that the CMS is running/i);
    expect(error.context.url).toBe(`http://127.0.0.1:${port}/api/studies?locale=es&status=published`);
    expect(strapi.requestCount).toBe(3);
  });

  it('turns a 401 into CmsAuthError that names STRAPI_TOKEN, without retrying', async () => {
    const cms = await startStrapi((_req, res) => json(res, 401, strapiError(401, 'UnauthorizedError', 'Missing or invalid credentials')));

    const error = await failure(client(cms.url).getJson('/api/studies', listQuery()));
    expect(error).toBeInstanceOf(CmsAuthError);
    expect((error as CmsAuthError).status).toBe(401);
    expect(error.message).toContain('STRAPI_TOKEN');
    expect(error.message).toMatch(/wrong or expired/);
    expect(cms.seen).toHaveLength(1);
  });

  it('turns a 403 into CmsAuthError that names the missing permission and the path', async () => {
    const cms = await startStrapi((_req, res) => json(res, 403, strapiError(403, 'ForbiddenError', 'Forbidden')));

    const error = await failure(client(cms.url).getJson('/api/good-practices', listQuery()));
    expect(error).toBeInstanceOf(CmsAuthError);
    expect((error as CmsAuthError).status).toBe(403);
    expect(error.message).toContain('find, findOne and export');
    expect(error.message).toContain('/api/good-practices');
    expect(cms.seen).toHaveLength(1);
  });

  it("turns a 400 into CmsResponseError carrying Strapi's own message", async () => {
    const cms = await startStrapi((_req, res) => json(res, 400, strapiError(400, 'ValidationError', 'Invalid key populate.nope')));

    const error = await failure(client(cms.url).getJson('/api/studies', new URLSearchParams({ populate: 'nope' })));
    expect(error).toBeInstanceOf(CmsResponseError);
    expect((error as CmsResponseError).status).toBe(400);
    expect(error.message).toContain('Invalid key populate.nope');
    expect(error.message).toContain(`${cms.url}/api/studies?populate=nope`);
    expect(cms.seen).toHaveLength(1);
  });

  it('does not retry a 404', async () => {
    const cms = await startStrapi((_req, res) => json(res, 404, strapiError(404, 'NotFoundError', 'Not Found')));
    const strapi = client(cms.url);

    const error = await failure(strapi.getJson('/api/nothing-here', listQuery()));
    expect(error).toBeInstanceOf(CmsResponseError);
    expect((error as CmsResponseError).status).toBe(404);
    expect(cms.seen).toHaveLength(1);
    expect(strapi.requestCount).toBe(1);
  });

  it('resolves a 404 to null when the caller allows it (a single type not published in a locale)', async () => {
    const cms = await startStrapi((_req, res) => json(res, 404, strapiError(404, 'NotFoundError', 'Not Found')));
    const strapi = client(cms.url);

    expect(await strapi.getJson('/api/site-setting', listQuery(), { allowNotFound: true })).toBeNull();
    expect(strapi.requestCount).toBe(1);
  });

  it('treats a body that stalls after the headers as a timeout', async () => {
    const cms = await startStrapi((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"data":'); // and nothing more
    });
    const strapi = client(cms.url, { timeoutMs: 200, retries: 1 });

    const error = await failure(strapi.getJson('/api/studies', listQuery()));
    expect(error).toBeInstanceOf(CmsUnreachableError);
    expect(error.message).toContain('no answer within 200 ms');
    expect(cms.seen).toHaveLength(2);
  });

  it('refuses a body that is not JSON as malformed, naming the URL', async () => {
    const cms = await startStrapi((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>Strapi Admin</title>');
    });

    const error = await failure(client(cms.url).getJson('/api/studies', listQuery()));
    expect(error).toBeInstanceOf(CmsResponseError);
    expect(error.message).toMatch(/malformed body/);
    expect(error.message).toContain(`${cms.url}/api/studies`);
    expect(error.message).toContain('<!doctype html>');
  });

  it('never lets the token into a message, even when the CMS echoes it', async () => {
    const cms = await startStrapi((req, res) =>
      json(res, 400, strapiError(400, 'ValidationError', `Bad header ${req.headers.authorization ?? ''}`)),
    );

    const error = await failure(client(cms.url).getJson('/api/studies', listQuery()));
    expect(error.message).toContain('Bad header Bearer [redacted]');
  });

  it('refuses an empty token and a baseUrl that is not http(s) before sending anything', () => {
    expect(() => createStrapiClient({ baseUrl: 'http://127.0.0.1:1337', token: '' })).toThrow(CmsAuthError);
    expect(() => createStrapiClient({ baseUrl: '127.0.0.1:1337', token: TOKEN })).toThrow(CmsUnreachableError);
    // fetch cannot send user:password@ URLs; say so up front and never repeat the password.
    const withPassword = failureOf(() => createStrapiClient({ baseUrl: 'http://editor:s3cret@127.0.0.1:1337', token: TOKEN }));
    expect(withPassword).toBeInstanceOf(CmsUnreachableError);
    expect(withPassword.message).not.toContain('s3cret');
  });
});
