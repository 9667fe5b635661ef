// The pipeline's own server on 127.0.0.1:SITE_PORT: serves dist/, takes Strapi's webhooks,
// renders previews of drafts for the admin, and shows editors the last build's report.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkPreviewLink } from '../../cms/src/preview/signed-link.js';
import { newPreviewState, renderPreview, type PreviewOptions, type PreviewState } from './preview.js';
import { REPORT_PATHS, serveReport, type ReportOptions } from './report-route.js';
import { bearerToken, sameSecret } from './secrets.js';
import { PRIVATE_HEADERS, SECURITY_HEADERS } from '../lib/site-headers.js';
import { serveStatic } from './static-files.js';
import { handleWebhook, type WebhookPayload } from './webhook.js';

export interface SiteServer {
  url: string;
  close(): Promise<void>;
}

export interface PipelineServerOptions {
  outDir: string;
  port: number;
  host?: string;
  /** Webhooks: the bearer token Strapi sends, and what to do with an accepted event. */
  webhook?: { token: string; onEvent: (payload: WebhookPayload) => void };
  /** Drafts for the admin's Preview button: links the CMS signs with the secret both share. */
  preview?: PreviewOptions & { secret: string; now?: () => number };
  /**
   * The editor's report: behind REPORT_SECRET for scripts, and for editors behind the links the
   * admin signs with PREVIEW_SECRET (`linkSecret`), swapped for a cookie (see report-access).
   */
  report?: ReportOptions;
}


const text = (response: ServerResponse, status: number, message: string): void => {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS, ...PRIVATE_HEADERS }).end(`${message}\n`);
};

/** The request target as a URL, or null for one no URL parser takes (`//host%2F..` and the like). */
const urlOf = (request: IncomingMessage): URL | null => {
  try {
    return new URL(request.url ?? '/', 'http://pipeline.invalid');
  } catch {
    return null;
  }
};

const handle = async (options: PipelineServerOptions, previews: PreviewState, request: IncomingMessage, response: ServerResponse): Promise<void> => {
  const url = urlOf(request);
  if (url === null) return text(response, 400, 'This request target is not a URL path');
  if (url.pathname === '/hooks/strapi') {
    if (!options.webhook) return text(response, 404, 'Webhooks are not enabled on this server');
    return handleWebhook(request, response, options.webhook.token, options.webhook.onEvent);
  }
  if (url.pathname.startsWith('/preview/')) {
    const preview = options.preview;
    const [, , locale = '', type = '', documentId = '', extra] = url.pathname.split('/');
    const verdict = preview ? checkPreviewLink(preview.secret, { type, documentId, locale }, url.searchParams, Math.floor((preview.now?.() ?? Date.now()) / 1000)) : null;
    if (!preview || !verdict?.ok) {
      const why = verdict?.ok === false && verdict.reason === 'expired' ? 'This preview link has expired' : 'This preview link is not valid';
      return text(response, 401, `${why}: open the preview again from the admin (Preview button), which makes a fresh link for you`);
    }
    const result = await renderPreview(preview, previews, locale, type, documentId, extra === 'summary.pdf');
    if (result.status !== 200) return text(response, result.status, result.message);
    const cmsOrigin = new URL(preview.cmsUrl).origin;
    response.writeHead(200, {
      'Content-Type': result.contentType,
      ...SECURITY_HEADERS,
      // Draft images are shown straight from the CMS.
      'Content-Security-Policy': SECURITY_HEADERS['Content-Security-Policy']!.replace("img-src 'self'", `img-src 'self' ${cmsOrigin}`),
      ...PRIVATE_HEADERS,
    });
    response.end(result.body);
    return;
  }
  if (REPORT_PATHS.has(url.pathname)) {
    if (!options.report) return text(response, 404, 'The build report is not enabled on this server');
    return serveReport(options.report, request, url, response);
  }
  if (!serveStatic(options.outDir, request, response)) {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Method not allowed\n');
  }
};

export const startPipelineServer = (options: PipelineServerOptions): Promise<SiteServer> =>
  new Promise((resolve, reject) => {
    const host = options.host ?? '127.0.0.1';
    // The previews' own state (published content, normalise's memo), for the life of the server.
    const previews = newPreviewState();
    const serve = (request: IncomingMessage, response: ServerResponse): void => {
      handle(options, previews, request, response).catch((error: unknown) => {
        if (!response.headersSent) text(response, 500, `Internal error: ${(error as Error).message}`);
        else response.destroy();
      });
    };
    const server: Server = createServer(serve);
    // A client that asks before sending its body (Expect: 100-continue) is invited to send it
    // only when the webhook would read it: a stranger gets its 401 without sending a byte.
    server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
      const webhook = options.webhook;
      if (urlOf(request)?.pathname === '/hooks/strapi' && webhook && !sameSecret(bearerToken(request.headers.authorization), webhook.token)) {
        response.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' }).end('{"error":"A valid bearer token is required"}\n');
        return;
      }
      response.writeContinue();
      serve(request, response);
    });
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} is taken: stop what uses it or set SITE_PORT to another port.`) : error),
    );
    server.listen(options.port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : options.port;
      resolve({ url: `http://${host}:${actualPort}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });

/** Only the static site: what tests of the output and `npm start` without secrets use. */
export const startSiteServer = (outDir: string, port: number, host = '127.0.0.1'): Promise<SiteServer> => startPipelineServer({ outDir, port, host });
