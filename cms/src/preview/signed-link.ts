// A preview link shows one draft, in one locale, for a few minutes; a report link opens the
// build report for an editor signed in to the admin. The CMS signs it for an
// editor who may read that draft (preview-url.ts); the pipeline's server checks the signature
// before it renders anything (scripts/server/preview-access.ts). The key is PREVIEW_SECRET,
// which both share and which never appears in a link: a link that leaks shows one draft until
// it expires, and rotating the secret invalidates every link made with it.
//
// The signature is an HMAC-SHA256 over the content type, documentId, locale and expiry, so
// none of them can be changed without the link failing. Kept free of Strapi imports: the
// pipeline imports this file too.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PreviewTarget {
  /** The pipeline's name for the type: study, event, article, axis. */
  type: string;
  documentId: string;
  locale: string;
}

/** How long a link lives unless the CMS is told otherwise (PREVIEW_LINK_MINUTES). */
export const DEFAULT_PREVIEW_LINK_MINUTES = 10;
/** No link is honoured for longer than this, whatever its expiry says. */
export const MAX_PREVIEW_LINK_MINUTES = 60;

/**
 * A signature over `fields` and the expiry. The first field names what the link opens (a
 * preview, the report), so a signature made for one can never open the other.
 */
const signed = (secret: string, fields: string[], expires: number): Buffer => createHmac('sha256', secret).update([...fields, String(expires)].join('\n')).digest();

const previewFields = (target: PreviewTarget): string[] => ['preview-link-v1', target.type, target.documentId, target.locale];
/** A report link opens the build report, nothing else; it is signed for an editor signed in to the admin. */
const REPORT_FIELDS = ['report-link-v1'];

const signQuery = (secret: string, fields: string[], expires: number): URLSearchParams => {
  if (secret === '') throw new Error('PREVIEW_SECRET is empty: links cannot be signed');
  return new URLSearchParams({ expires: String(expires), signature: signed(secret, fields, expires).toString('base64url') });
};

export type LinkVerdict = { ok: true } | { ok: false; reason: 'unsigned' | 'expired' | 'bad-signature' };

const checkQuery = (secret: string, fields: string[], query: URLSearchParams, nowSeconds: number): LinkVerdict => {
  const expiresText = query.get('expires');
  const signature = query.get('signature');
  if (secret === '' || expiresText === null || signature === null || !/^\d{1,12}$/.test(expiresText)) return { ok: false, reason: 'unsigned' };
  const expires = Number(expiresText);
  // A link whose expiry lies further ahead than any link is made for was not made here.
  if (expires <= nowSeconds || expires > nowSeconds + MAX_PREVIEW_LINK_MINUTES * 60) return { ok: false, reason: 'expired' };
  const given = Buffer.from(signature, 'base64url');
  const expected = signed(secret, fields, expires);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'bad-signature' };
};

/** The query of a link for `target` that expires at `expires` (seconds since the epoch). */
export const signPreviewLink = (secret: string, target: PreviewTarget, expires: number): URLSearchParams => signQuery(secret, previewFields(target), expires);

/** Whether `query` is a valid, unexpired signature for `target` under `secret`, at `nowSeconds`. */
export const checkPreviewLink = (secret: string, target: PreviewTarget, query: URLSearchParams, nowSeconds: number): LinkVerdict =>
  checkQuery(secret, previewFields(target), query, nowSeconds);

/** The query of a link to the build report that expires at `expires` (seconds since the epoch). */
export const signReportLink = (secret: string, expires: number): URLSearchParams => signQuery(secret, REPORT_FIELDS, expires);

/** Whether `query` is a valid, unexpired report link under `secret`, at `nowSeconds`. */
export const checkReportLink = (secret: string, query: URLSearchParams, nowSeconds: number): LinkVerdict => checkQuery(secret, REPORT_FIELDS, query, nowSeconds);
