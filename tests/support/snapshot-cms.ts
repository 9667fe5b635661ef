// A local stand-in for the CMS, answering the build's reads from a raw snapshot as Strapi would
// (every list in one page, the change feed saying nothing changed), for unit tests that run a
// real build without a real Strapi. `uploads`, when given, answers /uploads/… (the covers).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { COLLECTION_QUERIES, readPathOf } from '../../scripts/fetch/queries.js';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';

export interface SnapshotCms {
  url: string;
  server: Server;
}

export const startSnapshotCms = async (snapshot: RawSnapshot, uploads?: { body: Buffer; contentType: string }): Promise<SnapshotCms> => {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (uploads && url.pathname.startsWith('/uploads/')) {
      res.writeHead(200, { 'content-type': uploads.contentType, 'content-length': uploads.body.length }).end(uploads.body);
      return;
    }
    const locale = url.searchParams.get('locale') ?? 'en';
    const query = COLLECTION_QUERIES.find((q) => readPathOf(q) === url.pathname);
    let body: unknown = null;
    // The change feed, which tells the build the languages the CMS has (nothing changed here).
    if (url.pathname === '/api/export/changes') {
      const perLocale = { en: { total: 0, changed: [] }, es: { total: 0, changed: [] } };
      body = { data: { since: url.searchParams.get('since'), types: Object.fromEntries(COLLECTION_QUERIES.map((q) => [q.type, perLocale])) } };
    } else if (query?.kind === 'single') body = { data: snapshot.singles[query.type]?.[locale as 'en'] ?? null };
    else if (query) {
      const docs = snapshot.collections[query.type]?.[locale as 'en'] ?? [];
      body = { data: docs, meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: docs.length } } };
    }
    res.writeHead(body === null ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { data: null, error: { status: 404, message: 'Not Found' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
};
