// POST /hooks/strapi under load and abuse: a Strapi entry of megabytes is accepted by reading
// only the few fields a build needs; a stranger's body is refused before it is read; a body
// over the cap gets a 413 the client can read; bad JSON gets 400. The streaming scanner is
// checked against JSON.parse on hundreds of random payloads cut into random chunks.
import { mkdtempSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startPipelineServer, type SiteServer } from '../../scripts/server/server.js';
import { createFieldScanner, type ScannedFields, type ScannedValue, type ScanResult } from '../../scripts/server/webhook-fields.js';
import {
  DEFAULT_WEBHOOK_LIMITS,
  handleWebhook,
  MAX_WEBHOOK_BYTES,
  type WebhookLimits,
  type WebhookPayload,
} from '../../scripts/server/webhook.js';

const TOKEN = 'test-webhook-token-0123456789';
const AUTH = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const MiB = 1024 * 1024;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const waitFor = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await sleep(20);
  }
};

// --- Servers: the pipeline's own, and handleWebhook alone with limits a test can shrink --------

let pipeline: SiteServer;
const events: WebhookPayload[] = [];

interface DirectServer {
  port: number;
  /** Bytes the server took off each closed connection, in the order they closed. */
  bytesRead: number[];
  close(): Promise<void>;
}

const startDirect = async (limits: Partial<WebhookLimits> = {}): Promise<DirectServer> => {
  const bytesRead: number[] = [];
  const server: Server = createServer((request, response) => {
    void handleWebhook(request, response, TOKEN, (payload) => events.push(payload), { ...DEFAULT_WEBHOOK_LIMITS, ...limits });
  });
  server.on('connection', (socket: Socket) => socket.on('close', () => bytesRead.push(socket.bytesRead)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    bytesRead,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
};

beforeAll(async () => {
  pipeline = await startPipelineServer({ outDir: path.join(mkdtempSync(path.join(os.tmpdir(), 'webhook-')), 'dist'), port: 0, webhook: { token: TOKEN, onEvent: (payload) => events.push(payload) } });
});

afterAll(() => pipeline.close());

beforeEach(() => {
  events.length = 0;
});

// --- Payloads -------------------------------------------------------------------------------------

/** A paragraph of a Strapi blocks field, with the quotes, backslashes and accents editors type. */
const paragraph = (i: number) => ({
  type: 'paragraph',
  children: [
    { type: 'text', text: `Párrafo ${i}: la ciudad «inteligente» y el "documentId" de C:\\datos\\${i}; ¿niño? ` + 'x'.repeat(400) },
    { type: 'link', url: `https://example.org/${i}?a="b"`, children: [{ type: 'text', text: 'enlace', bold: true }] },
  ],
});

/** A study as Strapi 5's webhook sends it: the whole entry, its documentId and locale after the long summary. */
const studyWebhook = (summaryBytes: number, documentId = 'k2x9q8w7e6r5t4y3u2i1o0pa', locale = 'es') => {
  const paragraphBytes = JSON.stringify(paragraph(0)).length;
  const summary = Array.from({ length: Math.ceil(summaryBytes / paragraphBytes) + 1 }, (_, i) => paragraph(i));
  return {
    event: 'entry.publish',
    createdAt: '2026-11-27T12:00:00.000Z',
    model: 'study',
    uid: 'api::study.study',
    entry: {
      id: 42,
      title: 'Ciudades inteligentes 2023',
      slug: 'ciudades-inteligentes-2023',
      edition: 3,
      year: 2023,
      summary,
      // Relations carry documentIds and locales of their own: decoys at the wrong depth.
      axes: [{ id: 1, documentId: 'decoy-axis', locale: 'en', name: 'Gobierno' }],
      cover: { id: 7, documentId: 'decoy-cover', formats: { small: { url: '/uploads/small.jpg', width: 500 } } },
      localizations: [{ id: 41, documentId, locale: 'en' }],
      documentId,
      locale,
      publishedAt: '2026-11-27T12:00:00.000Z',
    },
  };
};

// --- Clients ----------------------------------------------------------------------------------------

interface RawExchange {
  /** Everything the server sent. */
  received: string;
  /** ms from the first byte sent to the first byte of the answer, and to the connection's close. */
  answeredAfterMs: number;
  closedAfterMs: number;
  bytesSent: number;
  error: string | null;
}

/**
 * Sends a request head, then body bytes in chunks every `everyMs` until `bodyBytes` are sent,
 * the connection closes, or (stopOnAnswer) the server has answered in full.
 */
const rawPost = (port: number, head: string, options: { bodyBytes: number; chunkBytes?: number; everyMs?: number; stopOnAnswer?: boolean; chunk?: (index: number) => Buffer }): Promise<RawExchange> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    const exchange: RawExchange = { received: '', answeredAfterMs: -1, closedAfterMs: -1, bytesSent: 0, error: null };
    let stopped = false;
    const answeredInFull = (): boolean => {
      const [headPart, body = ''] = exchange.received.split('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(headPart ?? '');
      return length !== null && Buffer.byteLength(body) >= Number(length[1]);
    };
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      if (exchange.answeredAfterMs < 0) exchange.answeredAfterMs = Date.now() - started;
      exchange.received += data;
      if (options.stopOnAnswer && answeredInFull() && !stopped) {
        stopped = true;
        socket.end();
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (exchange.error ??= error.code ?? error.message));
    socket.on('close', () => {
      exchange.closedAfterMs = Date.now() - started;
      resolve(exchange);
    });
    // A safety net: the test fails on its assertions, not on jest's timeout.
    setTimeout(() => socket.destroy(), 15_000).unref();
    const chunkBytes = options.chunkBytes ?? 64 * 1024;
    const filler = Buffer.alloc(chunkBytes, 0x61);
    socket.write(head);
    void (async () => {
      for (let index = 0; exchange.bytesSent < options.bodyBytes && !stopped && !socket.destroyed; index += 1) {
        const chunk = options.chunk?.(index) ?? filler;
        exchange.bytesSent += chunk.length;
        if (!socket.write(chunk)) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
        if (options.everyMs) await sleep(options.everyMs);
      }
    })();
  });

const statusOf = (raw: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);

/** POSTs with node:http, writing the body in pieces (chunked unless a length is given), and stops writing once answered. */
const streamPost = (port: number, headers: Record<string, string | number>, pieces: Iterable<Buffer>): Promise<{ status: number; body: string; errorBeforeAnswer: string | null }> =>
  new Promise((resolve) => {
    let answered = false;
    let errorBeforeAnswer: string | null = null;
    const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/hooks/strapi', headers });
    request.on('response', (response: IncomingMessage) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (data: string) => (body += data));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, errorBeforeAnswer }));
      response.on('error', () => resolve({ status: response.statusCode ?? 0, body, errorBeforeAnswer }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return;
      errorBeforeAnswer = error.code ?? error.message;
      resolve({ status: 0, body: '', errorBeforeAnswer });
    });
    void (async () => {
      for (const piece of pieces) {
        if (answered || request.destroyed) return;
        if (!request.write(piece)) await new Promise((resolve) => request.once('drain', resolve).once('close', resolve));
      }
      if (!answered && !request.destroyed) request.end();
    })();
  });

const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = AUTH) => fetch(`${pipeline.url}/hooks/strapi`, { method: 'POST', headers, body });

// --- 1(b): large payloads -------------------------------------------------------------------------

test('a 1 MB Strapi payload, documentId and locale after its long summary, is accepted and reaches onEvent', async () => {
  const body = JSON.stringify(studyWebhook(MiB));
  expect(Buffer.byteLength(body)).toBeGreaterThan(MiB);
  const response = await post(body);
  expect([response.status, await response.json()]).toEqual([202, { accepted: true }]);
  expect(events).toEqual([{ event: 'entry.publish', model: 'study', uid: 'api::study.study', entry: { documentId: 'k2x9q8w7e6r5t4y3u2i1o0pa', locale: 'es' } }]);
});

test('a 20 MB payload is accepted too, sent in small chunks with no Content-Length', async () => {
  const body = Buffer.from(JSON.stringify(studyWebhook(20 * MiB, 'doc-20mb', 'en')));
  const pieces = function* () {
    for (let offset = 0; offset < body.length; offset += 16 * 1024 + 7) yield body.subarray(offset, offset + 16 * 1024 + 7);
  };
  const { port } = new URL(pipeline.url);
  const answer = await streamPost(Number(port), AUTH, pieces());
  expect([answer.status, answer.errorBeforeAnswer]).toEqual([202, null]);
  expect(events.map((event) => event.entry)).toEqual([{ documentId: 'doc-20mb', locale: 'en' }]);
});

test('once every field is known the server stops reading: the rest of a huge body is not read', async () => {
  const direct = await startDirect();
  try {
    const head = '{"event":"entry.update","model":"study","uid":"api::study.study","entry":{"documentId":"early","locale":"en","summary":"';
    const total = 48 * MiB;
    const exchange = await rawPost(direct.port, `POST /hooks/strapi HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n\r\n${head}`, {
      bodyBytes: total - head.length,
      stopOnAnswer: true,
    });
    expect(statusOf(exchange.received)).toBe(202);
    expect(exchange.error).toBeNull();
    expect(events.map((event) => event.entry)).toEqual([{ documentId: 'early', locale: 'en' }]);
    await waitFor(() => direct.bytesRead.length === 1);
    expect(direct.bytesRead[0]).toBeLessThan(16 * MiB);
  } finally {
    await direct.close();
  }
});

// --- 1(a): a stranger's body is never read --------------------------------------------------------

test('without the token: 401 at once, Connection: close, and the body is not read to its end', async () => {
  const direct = await startDirect();
  try {
    const total = 32 * MiB;
    // A slow sender: all of it would take over 2.5 s.
    const exchange = await rawPost(direct.port, `POST /hooks/strapi HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n\r\n`, { bodyBytes: total, chunkBytes: 64 * 1024, everyMs: 5 });
    expect(statusOf(exchange.received)).toBe(401);
    expect(exchange.received).toMatch(/\r\nconnection: close\r\n/i);
    expect(exchange.received).toContain('{"error":"A valid bearer token is required"}');
    expect(exchange.answeredAfterMs).toBeLessThan(1000);
    // The server hung up long before the sender was done, having read a small part.
    expect(exchange.bytesSent).toBeLessThan(total);
    expect(exchange.closedAfterMs).toBeLessThan(2000 + 1000);
    await waitFor(() => direct.bytesRead.length === 1);
    // Headers, what was buffered when the 401 went out, and at most lingerBytes dropped after it.
    expect(direct.bytesRead[0]).toBeLessThan(DEFAULT_WEBHOOK_LIMITS.lingerBytes + 2 * MiB);
    expect(events).toEqual([]);
  } finally {
    await direct.close();
  }
});

test('without the token, a client still sending reads the whole 401 and then a clean close, not a reset', async () => {
  const { port } = new URL(pipeline.url);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const exchange = await rawPost(Number(port), `POST /hooks/strapi HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: ${64 * MiB}\r\n\r\n`, { bodyBytes: 64 * MiB, stopOnAnswer: true });
    expect([attempt, statusOf(exchange.received), exchange.error]).toEqual([attempt, 401, null]);
    expect(exchange.received).toContain('{"error":"A valid bearer token is required"}');
  }
  // node:http as a client: the answer arrives while it is still writing.
  const answer = await streamPost(Number(port), { 'Content-Type': 'application/json', 'Content-Length': 64 * MiB }, (function* () {
    for (let i = 0; i < 1024; i += 1) yield Buffer.alloc(64 * 1024, 0x61);
  })());
  expect([answer.status, answer.errorBeforeAnswer]).toEqual([401, null]);
  // fetch as a client, with a 16 MB body.
  const response = await post(new Uint8Array(16 * MiB), { 'Content-Type': 'application/json' });
  expect(response.status).toBe(401);
  expect(events).toEqual([]);
});

test('a stranger that asks first (Expect: 100-continue) is not invited to send its body: 401 without 100 Continue', async () => {
  const { port } = new URL(pipeline.url);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('end', () => resolve(received));
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer')));
    socket.write('POST /hooks/strapi HTTP/1.1\r\nHost: pipeline.test\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\nExpect: 100-continue\r\n\r\n');
  });
  expect(answer.startsWith('HTTP/1.1 401')).toBe(true);
  expect(answer).not.toContain('100 Continue');
  // With the token, it is invited, and its event is taken.
  const before = events.length;
  const body = JSON.stringify({ event: 'entry.publish', model: 'study', entry: { documentId: 'abc', locale: 'en' } });
  const invited = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes('100 Continue') && !received.includes('202')) socket.write(body);
    });
    socket.on('error', reject);
    socket.on('end', () => resolve(received));
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer')));
    socket.write(`POST /hooks/strapi HTTP/1.1\r\nHost: pipeline.test\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`);
  });
  expect(invited).toContain('HTTP/1.1 100 Continue');
  expect(invited).toContain('HTTP/1.1 202');
  expect(events.length).toBe(before + 1);
});

test('a wrong token gets 401 too, and so does a token sent without Bearer', async () => {
  for (const authorization of ['Bearer wrong-token', TOKEN, `Basic ${TOKEN}`, `Bearer ${TOKEN} extra`]) {
    const response = await post('{"event":"entry.publish"}', { Authorization: authorization, 'Content-Type': 'application/json' });
    expect([authorization, response.status]).toEqual([authorization, 401]);
  }
  expect(events).toEqual([]);
});

// --- 1(c): over the cap ---------------------------------------------------------------------------

/** A body that never gives the scanner what it needs: one string without end. */
function* endlessString(pieceBytes: number, maxBytes: number): Generator<Buffer> {
  yield Buffer.from('{"event":"entry.update","entry":{"summary":"');
  const piece = Buffer.alloc(pieceBytes, 0x61);
  for (let sent = 0; sent < maxBytes; sent += pieceBytes) yield piece;
}

test('a chunked body over the cap gets a 413 the client can read, not a reset', async () => {
  const direct = await startDirect({ maxBytes: MiB });
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await streamPost(direct.port, AUTH, endlessString(64 * 1024, 32 * MiB));
      expect([attempt, answer.status, answer.errorBeforeAnswer]).toEqual([attempt, 413, null]);
      expect(JSON.parse(answer.body)).toEqual({ error: `Bodies are limited to ${MiB} bytes` });
    }
  } finally {
    await direct.close();
  }
  expect(events).toEqual([]);
});

test(`the real cap (${MAX_WEBHOOK_BYTES / MiB} MiB) holds on the pipeline server, chunked or declared`, async () => {
  const { port } = new URL(pipeline.url);
  const chunked = await streamPost(Number(port), AUTH, endlessString(256 * 1024, MAX_WEBHOOK_BYTES + 8 * MiB));
  expect([chunked.status, chunked.errorBeforeAnswer]).toEqual([413, null]);
  // A declared length over the cap is refused before a byte of the body is read.
  const declared = await rawPost(Number(port), `POST /hooks/strapi HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: ${MAX_WEBHOOK_BYTES + 1}\r\n\r\n`, { bodyBytes: 8 * MiB, stopOnAnswer: true });
  expect([statusOf(declared.received), declared.error]).toEqual([413, null]);
  expect(declared.answeredAfterMs).toBeLessThan(1000);
  expect(events).toEqual([]);
});

test('a field the webhook keeps may not be huge: 413, without keeping it', async () => {
  expect((await post(`{"event":"${'x'.repeat(300 * 1024)}"}`)).status).toBe(413);
  expect((await post(`{"event":"entry.update","entry":{"documentId":"${'d'.repeat(5000)}"}}`)).status).toBe(413);
  // Long strings nobody keeps are fine, and so is a long key.
  expect((await post(`{"event":"entry.update","${'k'.repeat(5000)}":"${'v'.repeat(300 * 1024)}"}`)).status).toBe(202);
});

// --- 1(b): what is still a 400 --------------------------------------------------------------------

test.each([
  ['not JSON', 'not json'],
  ['empty', ''],
  ['only whitespace', ' \n '],
  ['an array', '[{"event":"entry.publish"}]'],
  ['a string', '"entry.publish"'],
  ['truncated', '{"event":"entry.publish","entry":{"documentId":"a","locale":"en"}'],
  ['truncated in a string', '{"event":"entry.publish","entry":{"summary":"abc'],
  ['truncated in an escape', '{"event":"entry.publish","x":"\\u00'],
  ['a trailing comma', '{"event":"entry.publish",}'],
  ['a missing colon', '{"event" "entry.publish"}'],
  ['single quotes', "{'event':'entry.publish'}"],
  ['a bad escape', '{"event":"entry.publish","x":"\\x41"}'],
  ['a short \\u escape', '{"event":"entry.publish","x":"\\u12G4"}'],
  ['a raw newline in a string', '{"event":"entry.publish","x":"a\nb"}'],
  ['a leading zero', '{"event":"entry.publish","n":01}'],
  ['a bare minus', '{"event":"entry.publish","n":-}'],
  ['a bare point', '{"event":"entry.publish","n":1.}'],
  ['an empty exponent', '{"event":"entry.publish","n":1e}'],
  ['a misspelt literal', '{"event":"entry.publish","b":tru}'],
  ['a mismatched bracket', '{"event":"entry.publish","a":[1,2}}'],
  ['no event', '{"model":"study"}'],
  ['an empty event', '{"event":""}'],
  ['an event that is not a string', '{"event":1}'],
  ['an event that is an object', '{"event":{"name":"entry.publish"}}'],
  ['an entry that is not an object', '{"event":"entry.publish","entry":"study"}'],
  ['a documentId that is not a string', '{"event":"entry.publish","entry":{"documentId":12}}'],
  ['nesting deeper than any entry', `{"event":"entry.publish","x":${'['.repeat(5000)}${']'.repeat(5000)}}`],
])('%s gets 400 and triggers nothing', async (_name, body) => {
  const response = await post(body);
  expect([response.status, typeof ((await response.json()) as { error?: unknown }).error]).toEqual([400, 'string']);
  expect(events).toEqual([]);
});

test.each([
  ['the minimum', '{"event":"entry.publish"}', { event: 'entry.publish' }],
  ['whitespace everywhere', ' {\r\n\t"event" : "entry.publish" ,\n "entry" : { "locale" : null } }\n', { event: 'entry.publish', entry: { locale: null } }],
  ['numbers, literals and nesting', '{"n":[-0.5e+3,0,1E9,{"a":[true,false,null]}],"event":"media.create"}', { event: 'media.create' }],
  ['escaped keys and values', '{"ev\\u0065nt":"entry.\\u0070ublish","entry":{"document\\u0049d":"a\\"b\\\\c\\u0022","locale":"e\\/s"}}', { event: 'entry.publish', entry: { documentId: 'a"b\\c"', locale: 'e/s' } }],
  [
    'a locale or media event, without documentId or locale',
    JSON.stringify({ event: 'locale.delete', createdAt: '2026-11-27T12:00:00.000Z', model: 'locale', uid: 'plugin::i18n.locale', entry: { code: 'fr', name: null, isDefault: false }, media: { id: 1 } }),
    { event: 'locale.delete', model: 'locale', uid: 'plugin::i18n.locale', entry: {} },
  ],
  ['keys that only look like paths', '{"event":"entry.update","constructor":"x","entry":{"locale":"en","entry":{"documentId":"fake"}},"entry.documentId":"fake"}', { event: 'entry.update', entry: { locale: 'en' } }],
  ['decoys inside strings', '{"event":"entry.update","entry":{"summary":"\\",\\"documentId\\":\\"fake\\",\\"locale\\":\\"xx","documentId":"real"}}', { event: 'entry.update', entry: { documentId: 'real' } }],
])('%s is accepted', async (_name, body, payload) => {
  const response = await post(body);
  expect(response.status).toBe(202);
  expect(events).toEqual([payload]);
});

test('other methods get 405', async () => {
  expect((await fetch(`${pipeline.url}/hooks/strapi`, { headers: AUTH })).status).toBe(405);
});

// --- The scanner against JSON.parse ----------------------------------------------------------------

/** A small seeded generator, so a failing case can be run again. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const PIECES = ['a', 'Z', ' ', '"', '\\', '\\"', '\\\\', '\\u0022', '/', '\n', '\t', '\u0001', '\u001f', '\u007f', 'é', 'ñ', '中', '😀', '\ud800', '{', '}', '[', ']', ':', ',', '","documentId":"fake', '"locale":"xx"', 'null', '\u2028'];

const makeFuzz = (seed: number) => {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const text = (maxPieces: number): string => Array.from({ length: Math.floor(next() * maxPieces) }, () => pick(PIECES)).join('');
  const scalar = (): unknown => pick([() => text(12), () => (next() - 0.5) * 10 ** Math.floor(next() * 30 - 10), () => Math.floor(next() * 1000), () => true, () => false, () => null])();
  const value = (depth: number): unknown => {
    const roll = next();
    if (depth > 3 || roll < 0.5) return scalar();
    if (roll < 0.75) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    return object(depth + 1, []);
  };
  /** An object with random members, the wanted keys among them as decoys at any depth. */
  const object = (depth: number, forced: [string, unknown][]): Record<string, unknown> => {
    const members: [string, unknown][] = Array.from({ length: Math.floor(next() * 5) }, () => [pick(['documentId', 'locale', 'event', 'entry', 'uid', 'entry.documentId', 'constructor', text(6), text(3)]), value(depth)]);
    for (const member of forced) members.splice(Math.floor(next() * (members.length + 1)), 0, member);
    // Later keys win in JSON.parse; keep one of each so the object says what the text says.
    return Object.fromEntries(members.filter(([key], index) => members.findIndex(([other]) => other === key) === index));
  };
  const maybe = (key: string, make: () => unknown): [string, unknown][] => (next() < 0.85 ? [[key, make()]] : []);
  const wantedString = (): unknown => (next() < 0.9 ? text(10) : scalar());
  const entry = (): unknown => (next() < 0.9 ? object(2, [...maybe('documentId', wantedString), ...maybe('locale', wantedString)]) : value(2));
  const payload = (): Record<string, unknown> => object(1, [...maybe('event', wantedString), ...maybe('model', wantedString), ...maybe('uid', wantedString), ...maybe('entry', entry)]);
  const indent = (): number | string | undefined => pick([undefined, 0, 1, 2, '\t']);
  /** The body cut into chunks of random sizes, splitting escapes and UTF-8 sequences. */
  const chunks = (body: Buffer): Buffer[] => {
    const pieces: Buffer[] = [];
    for (let offset = 0; offset < body.length; ) {
      const size = 1 + Math.floor(next() * pick([1, 4, 16, 300]));
      pieces.push(body.subarray(offset, offset + size));
      offset += size;
    }
    return pieces;
  };
  return { payload, indent, chunks, next, pick };
};

const typed = (value: unknown, keepText: boolean): ScannedValue =>
  typeof value === 'string'
    ? { type: 'string', value: keepText ? value : null }
    : value === null
      ? { type: 'null' }
      : Array.isArray(value)
        ? { type: 'array' }
        : typeof value === 'object'
          ? { type: 'object' }
          : typeof value === 'number'
            ? { type: 'number' }
            : { type: 'boolean' };

/** What the scanner should find, read off JSON.parse's result. */
const expectedFields = (parsed: Record<string, unknown>): ScannedFields => {
  const fields: ScannedFields = {};
  for (const key of ['event', 'model', 'uid'] as const) if (Object.hasOwn(parsed, key)) fields[key] = typed(parsed[key], true);
  if (Object.hasOwn(parsed, 'entry')) {
    fields.entry = typed(parsed.entry, false);
    const entry = parsed.entry;
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      const members = entry as Record<string, unknown>;
      if (Object.hasOwn(members, 'documentId')) fields['entry.documentId'] = typed(members.documentId, true);
      if (Object.hasOwn(members, 'locale')) fields['entry.locale'] = typed(members.locale, true);
    }
  }
  return fields;
};

const scan = (pieces: Buffer[]): ScanResult => {
  const scanner = createFieldScanner();
  for (const piece of pieces) {
    const result = scanner.write(piece);
    if (result.status !== 'more') return result;
  }
  return scanner.end();
};

test('on 600 random payloads in random chunks, the scanner finds what JSON.parse finds', () => {
  const fuzz = makeFuzz(20261127);
  for (let run = 0; run < 600; run += 1) {
    const body = JSON.stringify(fuzz.payload(), null, fuzz.indent());
    const result = scan(fuzz.chunks(Buffer.from(body)));
    if (result.status !== 'complete') throw new Error(`run ${run}: ${JSON.stringify(result)} for ${body}`);
    expect([run, result.fields]).toEqual([run, expectedFields(JSON.parse(body) as Record<string, unknown>)]);
  }
});

test('on 600 broken payloads, the scanner refuses exactly what JSON.parse refuses', () => {
  const fuzz = makeFuzz(4242);
  const breaks = ['{', '}', '[', ']', '"', '\\', ':', ',', ' ', '0', '-', '.', 'e', 'n', 't', 'x', '\u0001', 'u'];
  let refused = 0;
  for (let run = 0; run < 600; run += 1) {
    // No uid: the scanner must read to the end of the top-level object, as JSON.parse does.
    const { uid: _uid, ...payload } = fuzz.payload();
    const bytes = Buffer.from(JSON.stringify(payload, null, fuzz.indent()));
    const at = Math.floor(fuzz.next() * bytes.length);
    const broken = fuzz.pick([
      () => bytes.subarray(0, at),
      () => Buffer.concat([bytes.subarray(0, at), Buffer.from(fuzz.pick(breaks)), bytes.subarray(at + 1)]),
      () => Buffer.concat([bytes.subarray(0, at), Buffer.from(fuzz.pick(breaks)), bytes.subarray(at)]),
      () => Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]),
    ])();
    const result = scan(fuzz.chunks(broken));
    const parses = (text: string): boolean => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    if (result.status === 'complete') {
      // The scan ends where the top-level object does; JSON.parse must agree on that much.
      const prefix = broken.subarray(0, result.bytesUsed).toString('utf8');
      expect([run, parses(prefix)]).toEqual([run, true]);
      const parsed = JSON.parse(prefix) as unknown;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) expect([run, result.fields]).toEqual([run, expectedFields(parsed as Record<string, unknown>)]);
    } else {
      refused += 1;
      expect([run, result.status, parses(broken.toString('utf8'))]).toEqual([run, 'invalid', false]);
    }
  }
  // Most breaks do break the JSON: the test saw both sides.
  expect(refused).toBeGreaterThan(300);
});

test('a field split across chunks at every possible point is read the same', () => {
  const body = Buffer.from('{"event":"entry.publish","entry":{"docum\\u0065ntId":"a\\"\\\\\\u0022é😀","locale":"es"},"model":"study","uid":"api::study.study"}');
  for (let cut = 0; cut <= body.length; cut += 1) {
    const result = scan([body.subarray(0, cut), body.subarray(cut)]);
    expect([cut, result.status === 'complete' && result.fields['entry.documentId']]).toEqual([cut, { type: 'string', value: 'a"\\"é😀' }]);
  }
});
