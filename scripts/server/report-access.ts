// Who may read /_report/. Editors come from the admin with a link the CMS signed for a
// signed-in admin (`?expires=…&signature=…`, cms/src/preview/signed-link.ts, key
// PREVIEW_SECRET): the server swaps it for a cookie holding its own signed expiry (so reloads
// and the language switch work for the link's lifetime, at most an hour) and sends the browser
// to the same address without the signature, which then lingers in no history or Referer.
// Scripts send REPORT_SECRET, as a bearer token or as the password of HTTP Basic.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { checkReportLink, MAX_PREVIEW_LINK_MINUTES } from '../../cms/src/preview/signed-link.js';
import { basicPassword, bearerToken, sameSecret } from './secrets.js';

export const REPORT_COOKIE = 'report_access';
/** The cookie is scoped to the report's own addresses. */
export const REPORT_COOKIE_PATH = '/_report/';

export interface ReportAccessOptions {
  /** REPORT_SECRET: what scripts send. */
  secret: string;
  /** PREVIEW_SECRET, shared with the CMS that signs the admin's links; without it only the secret opens the report. */
  linkSecret?: string;
  /** Seconds since the epoch (tests move the clock). */
  nowSeconds: number;
}

export type ReportAccess =
  | { kind: 'granted' }
  /** A valid signed link: set this cookie and send the browser to `location`. */
  | { kind: 'link-accepted'; cookie: string; location: string }
  | { kind: 'refused'; reason: 'no-credential' | 'link-expired' | 'link-invalid' | 'session-invalid' | 'cookie-withheld' };

// Its own field, so that a cookie's signature is never a valid link's (nor a link's a cookie's).
const sessionSignature = (secret: string, expires: number): Buffer => createHmac('sha256', secret).update(`report-session-v1\n${expires}`).digest();

/** The cookie's value: the expiry in seconds and its signature. */
export const signReportSession = (secret: string, expires: number): string => `${expires}.${sessionSignature(secret, expires).toString('base64url')}`;

export const checkReportSession = (secret: string, value: string, nowSeconds: number): 'ok' | 'expired' | 'invalid' => {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{1,100})$/.exec(value);
  if (!match || secret === '') return 'invalid';
  const expires = Number(match[1]);
  const given = Buffer.from(match[2] as string, 'base64url');
  const expected = sessionSignature(secret, expires);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  // No session outlives the longest link it could have come from.
  return expires <= nowSeconds || expires > nowSeconds + MAX_PREVIEW_LINK_MINUTES * 60 ? 'expired' : 'ok';
};

/** The value of cookie `name` in a Cookie header, or null. */
export const cookieValue = (header: string | undefined, name: string): string | null => {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.split('=');
    if (key?.trim() === name) return rest.join('=').trim();
  }
  return null;
};

const SIGNED_LINK_PARAMS = ['expires', 'signature'];

export const reportAccess = (request: IncomingMessage, url: URL, options: ReportAccessOptions): ReportAccess => {
  const { nowSeconds, linkSecret } = options;
  if (SIGNED_LINK_PARAMS.some((param) => url.searchParams.has(param))) {
    const verdict = linkSecret ? checkReportLink(linkSecret, url.searchParams, nowSeconds) : ({ ok: false, reason: 'unsigned' } as const);
    if (!verdict.ok || !linkSecret) return { kind: 'refused', reason: verdict.ok === false && verdict.reason === 'expired' ? 'link-expired' : 'link-invalid' };
    const expires = Number(url.searchParams.get('expires'));
    const rest = new URLSearchParams([...url.searchParams].filter(([name]) => !SIGNED_LINK_PARAMS.includes(name)));
    const query = rest.toString();
    const secure = request.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
    return {
      kind: 'link-accepted',
      cookie: `${REPORT_COOKIE}=${signReportSession(linkSecret, expires)}; Path=${REPORT_COOKIE_PATH}; Max-Age=${expires - nowSeconds}; HttpOnly; SameSite=Strict${secure}`,
      location: `${url.pathname}${query ? `?${query}` : ''}`,
    };
  }
  if (request.headers.authorization !== undefined) {
    const credential = bearerToken(request.headers.authorization) ?? basicPassword(request.headers.authorization);
    return sameSecret(credential, options.secret) ? { kind: 'granted' } : { kind: 'refused', reason: 'no-credential' };
  }
  const session = cookieValue(request.headers.cookie, REPORT_COOKIE);
  if (session !== null) {
    const verdict = linkSecret ? checkReportSession(linkSecret, session, nowSeconds) : 'invalid';
    return verdict === 'ok' ? { kind: 'granted' } : { kind: 'refused', reason: 'session-invalid' };
  }
  // A browser withholds a SameSite=Strict cookie from a navigation that another site started,
  // the redirect after the admin's link included: the page then reloads itself, from this
  // site, and the cookie goes with it (report-page: the reload page).
  if (request.headers['sec-fetch-site'] === 'cross-site' && request.headers['sec-fetch-mode'] === 'navigate') return { kind: 'refused', reason: 'cookie-withheld' };
  return { kind: 'refused', reason: 'no-credential' };
};
