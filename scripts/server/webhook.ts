// POST /hooks/strapi: Strapi's change notifications. Strapi sends the whole entry, which for a
// long study runs to megabytes, yet a build needs only event, model/uid, entry.documentId and
// entry.locale: the body is scanned as it streams in, those strings are kept and nothing else
// is, and reading stops once they are known. Without the right bearer token the answer is 401
// before a byte of the body is read. Answers given while the client is still sending close
// the connection gracefully, so the client reads them instead of a reset. A valid event only
// asks the scheduler for a build; the build itself reads the CMS, never the payload.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { bearerToken, sameSecret } from './secrets.js';
import { createFieldScanner, MAX_KEPT_STRING_BYTES, type ScanEnd, type ScannedFields, type ScannedValue } from './webhook-fields.js';

type ReadOutcome = ScanEnd | { status: 'too-large' } | { status: 'aborted' };

/** A guard against endless streams, far above any real entry: Strapi never retries a 413. */
export const MAX_WEBHOOK_BYTES = 64 * 1024 * 1024;

export interface WebhookLimits {
  /** Bodies above this many bytes get 413. */
  maxBytes: number;
  /** After an answer given mid-body: how long, and how many more bytes, to let the client go on
   * sending (read and dropped) before the connection is closed under it. The bytes must cover
   * what a client has already sent when it reads the answer and stops: about 4 MiB on loopback
   * here, where socket buffers grow large; with less, it gets a reset instead of a clean close. */
  lingerMs: number;
  lingerBytes: number;
}

export const DEFAULT_WEBHOOK_LIMITS: WebhookLimits = { maxBytes: MAX_WEBHOOK_BYTES, lingerMs: 2000, lingerBytes: 8 * 1024 * 1024 };

const payloadSchema = z.object({
  event: z.string().min(1).max(100),
  model: z.string().max(200).optional(),
  uid: z.string().max(200).optional(),
  entry: z.object({ documentId: z.string().optional(), locale: z.string().nullish() }).optional(),
});

export type WebhookPayload = z.infer<typeof payloadSchema>;

/** Streams the body through the scanner until it has what it needs, the body ends, or the cap. */
const readFields = (request: IncomingMessage, maxBytes: number): Promise<{ outcome: ReadOutcome; received: number }> =>
  new Promise((resolve) => {
    const scanner = createFieldScanner();
    let received = 0;
    let settled = false;
    const finish = (outcome: ReadOutcome): void => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onAbort);
      request.off('close', onAbort);
      // Stop taking bytes off the wire: what is left is the lingering close's to drop.
      request.pause();
      resolve({ outcome, received });
    };
    const onData = (chunk: Buffer): void => {
      const room = maxBytes - received;
      received += chunk.length;
      // The bytes under the cap still count: the fields may all be in them.
      const result = scanner.write(chunk.length > room ? chunk.subarray(0, Math.max(room, 0)) : chunk);
      if (result.status !== 'more') return finish(result);
      if (chunk.length > room) finish({ status: 'too-large' });
    };
    const onEnd = (): void => finish(scanner.end());
    const onAbort = (): void => finish({ status: 'aborted' });
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onAbort);
    request.once('close', onAbort);
  });

const declaredLength = (request: IncomingMessage): number | null => {
  const header = request.headers['content-length'];
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : null;
};

/** Whether bytes of the body may still be on their way (so the connection cannot be reused). */
const bodyMayContinue = (request: IncomingMessage, received: number): boolean => {
  if (request.complete) return false;
  const length = declaredLength(request);
  if (length !== null) return received < length;
  return request.headers['transfer-encoding'] !== undefined;
};

/**
 * Answers, whether or not the body has been read. When it may still be coming, the answer says
 * Connection: close and is sent whole at once (its length is given), then the server goes on
 * reading and dropping what the client sends, for a moment and a few bytes at most, and closes
 * only when the client is done, the moment is over or the bytes are used up. Closing at once
 * with unread bytes would make the kernel answer them with a reset, and a reset can reach the
 * client before it has read the answer (RFC 9112, 9.6).
 */
const reply = (request: IncomingMessage, response: ServerResponse, received: number, status: number, body: Record<string, unknown>, limits: WebhookLimits): void => {
  const text = `${JSON.stringify(body)}\n`;
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) };
  if (!bodyMayContinue(request, received)) {
    response.writeHead(status, headers).end(text);
    return;
  }
  response.writeHead(status, { ...headers, Connection: 'close' });
  response.write(text);
  let dropped = 0;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    request.off('data', drop);
    request.off('end', close);
    request.off('close', close);
    request.off('error', close);
    response.end();
  };
  const drop = (chunk: Buffer): void => {
    dropped += chunk.length;
    if (dropped > limits.lingerBytes) close();
  };
  const timer = setTimeout(close, limits.lingerMs);
  request.on('data', drop);
  request.once('end', close);
  request.once('close', close);
  request.once('error', close);
  request.resume();
};

/** The payload the schema checks, from what the scanner found. */
const candidateOf = (fields: ScannedFields): Record<string, unknown> => {
  const valueOf = (value: ScannedValue | undefined): unknown => {
    if (!value) return undefined;
    if (value.type === 'string') return value.value ?? '';
    // Stand-ins of the right JSON type, so the schema names what was wrong.
    return { null: null, boolean: false, number: 0, object: {}, array: [] }[value.type];
  };
  const entry = fields.entry?.type === 'object' ? { documentId: valueOf(fields['entry.documentId']), locale: valueOf(fields['entry.locale']) } : valueOf(fields.entry);
  return { event: valueOf(fields.event), model: valueOf(fields.model), uid: valueOf(fields.uid), entry };
};

export const handleWebhook = async (
  request: IncomingMessage,
  response: ServerResponse,
  token: string,
  onEvent: (payload: WebhookPayload) => void,
  limits: WebhookLimits = DEFAULT_WEBHOOK_LIMITS,
): Promise<void> => {
  const answer = (received: number, status: number, body: Record<string, unknown>): void => reply(request, response, received, status, body, limits);
  if (request.method !== 'POST') return answer(0, 405, { error: 'POST only' });
  // Before any of the body is read: a stranger's body costs nothing but its headers.
  if (!sameSecret(bearerToken(request.headers.authorization), token)) return answer(0, 401, { error: 'A valid bearer token is required' });
  const tooLarge = { error: `Bodies are limited to ${limits.maxBytes} bytes` };
  if ((declaredLength(request) ?? 0) > limits.maxBytes) return answer(0, 413, tooLarge);
  const { outcome, received } = await readFields(request, limits.maxBytes);
  switch (outcome.status) {
    case 'aborted':
      return; // the client went away; there is no one to answer
    case 'too-large':
      return answer(received, 413, tooLarge);
    case 'field-too-large':
      return answer(received, 413, { error: `${outcome.path} is longer than the ${MAX_KEPT_STRING_BYTES} bytes a webhook field may hold` });
    case 'invalid':
      return answer(received, 400, { error: `The body is not JSON: ${outcome.reason}` });
    case 'complete':
      break;
  }
  const payload = payloadSchema.safeParse(candidateOf(outcome.fields));
  if (!payload.success) return answer(received, 400, { error: `Not a Strapi webhook: ${payload.error.issues[0]?.path.join('.') || 'body'} ${payload.error.issues[0]?.message}` });
  onEvent(payload.data);
  return answer(received, 202, { accepted: true });
};
