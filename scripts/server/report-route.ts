// /_report/ on the pipeline's server: who may see it (report-access), in which language
// (report-language), and what each address answers: the page, build-report.json (the last
// build in full) and build-history.json (the recent builds).
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { PRIVATE_HEADERS, SECURITY_HEADERS } from '../lib/site-headers.js';
import { readHistory } from '../publish/build-history.js';
import type { BuildReport } from '../publish/report.js';
import { reportAccess } from './report-access.js';
import { REPORT_LABELS } from './report-labels.js';
import { chooseReportLocale } from './report-language.js';
import { renderReloadPage, renderReportPage } from './report-page.js';

export interface ReportOptions {
  /** build-report.json; the history (build-history.json) is read beside it unless given. */
  file: string;
  historyFile?: string;
  /** REPORT_SECRET: what scripts send, as a bearer token or the password of HTTP Basic. */
  secret: string;
  /** PREVIEW_SECRET, which the CMS signs the admin's links to the report with; without it, only `secret` opens the report. */
  linkSecret?: string;
  /** The clock, in ms (tests move it). */
  now?: () => number;
}

/** The report's addresses: the page, the last build in full, the recent builds. */
export const REPORT_PATHS = new Set(['/_report/', '/_report/build-report.json', '/_report/build-history.json']);

export const serveReport = (report: ReportOptions, request: IncomingMessage, url: URL, response: ServerResponse): void => {
  const locale = chooseReportLocale(url.searchParams.get('lang'), request.headers['accept-language']);
  const labels = REPORT_LABELS[locale];
  const headers = { ...SECURITY_HEADERS, ...PRIVATE_HEADERS, 'Content-Language': locale, Vary: 'Accept-Language, Authorization, Cookie' };
  const access = reportAccess(request, url, { secret: report.secret, linkSecret: report.linkSecret, nowSeconds: Math.floor((report.now?.() ?? Date.now()) / 1000) });
  if (access.kind === 'link-accepted') {
    response.writeHead(303, { Location: access.location, 'Set-Cookie': access.cookie, 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('See the report without its signed link\n');
    return;
  }
  if (access.kind === 'refused') {
    if (access.reason === 'cookie-withheld') {
      // Not the report: a page that loads this address again from this site (see report-access).
      response.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'WWW-Authenticate': 'Bearer realm="Build report"', ...headers }).end(renderReloadPage(locale, `${url.pathname}${url.search}`));
      return;
    }
    const message = { 'no-credential': labels.needsAccess, 'link-expired': labels.linkExpired, 'link-invalid': labels.linkInvalid, 'session-invalid': labels.sessionInvalid }[access.reason];
    // Browsers ask for a password only for a Basic challenge: an editor whose link failed
    // reads what to do instead of a prompt.
    const challenge = access.reason === 'no-credential' ? 'Basic realm="Build report", charset="UTF-8"' : 'Bearer realm="Build report"';
    response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': challenge, ...headers }).end(`${message}\n`);
    return;
  }
  const historyFile = report.historyFile ?? path.join(path.dirname(report.file), 'build-history.json');
  if (url.pathname === '/_report/build-history.json') {
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...headers }).end(`${JSON.stringify({ builds: readHistory(historyFile).builds }, null, 2)}\n`);
    return;
  }
  const data = existsSync(report.file) ? (JSON.parse(readFileSync(report.file, 'utf8')) as BuildReport) : null;
  if (url.pathname.endsWith('.json')) {
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...headers }).end(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(renderReportPage(data, { locale, history: readHistory(historyFile).builds }));
};
