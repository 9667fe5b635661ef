// POST /hooks/strapi: Strapi's change notifications. Without the right bearer token the
// answer is 401 and nothing happens; oversized or malformed bodies get a 4xx. A valid event
// only asks the scheduler for a build; the build itself reads the CMS, never the payload.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { bearerToken, sameSecret } from './secrets.js';

export const MAX_WEBHOOK_BYTES = 256 * 1024;

const payloadSchema = z.object({
  event: z.string().min(1).max(100),
  model: z.string().max(200).optional(),
  uid: z.string().max(200).optional(),
  entry: z.object({ documentId: z.string().optional(), locale: z.string().nullish() }).passthrough().optional(),
});

export type WebhookPayload = z.infer<typeof payloadSchema>;

const reply = (response: ServerResponse, status: number, body: Record<string, unknown>): void => {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(`${JSON.stringify(body)}\n`);
};

const readBody = (request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve('too-large');
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

export const handleWebhook = async (request: IncomingMessage, response: ServerResponse, token: string, onEvent: (payload: WebhookPayload) => void): Promise<void> => {
  if (request.method !== 'POST') return reply(response, 405, { error: 'POST only' });
  if (!sameSecret(bearerToken(request.headers.authorization), token)) {
    request.resume();
    return reply(response, 401, { error: 'A valid bearer token is required' });
  }
  if (Number(request.headers['content-length'] ?? 0) > MAX_WEBHOOK_BYTES) {
    request.resume();
    return reply(response, 413, { error: `Bodies are limited to ${MAX_WEBHOOK_BYTES} bytes` });
  }
  const body = await readBody(request, MAX_WEBHOOK_BYTES);
  if (body === 'too-large') return reply(response, 413, { error: `Bodies are limited to ${MAX_WEBHOOK_BYTES} bytes` });
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return reply(response, 400, { error: 'The body is not JSON' });
  }
  const payload = payloadSchema.safeParse(json);
  if (!payload.success) return reply(response, 400, { error: `Not a Strapi webhook: ${payload.error.issues[0]?.path.join('.') || 'body'} ${payload.error.issues[0]?.message}` });
  onEvent(payload.data);
  return reply(response, 202, { accepted: true });
};
