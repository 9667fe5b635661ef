// Which addresses the build may download media from. The CMS says where a file is, as a URL
// relative to itself (/uploads/x.jpg, the local provider) or absolute (the bucket's address,
// with S3_BUCKET); rich text, though, holds whatever URL its JSON was given, and an editor (or
// anyone with a write token) could point an image at an internal address the build would then
// fetch. So only two places count: the CMS's uploads, and the media bucket's public address.
import { mediaPublicBaseUrl } from '../../cms/src/media-storage/settings.js';

/**
 * The absolute URL to download a media file from, or null when it lies outside the CMS's
 * /uploads/ and the given bucket addresses (or is no http(s) URL at all).
 */
export const mediaSourceUrl = (url: string, cmsUrl: string, mediaBaseUrls: readonly string[]): string | null => {
  let source: URL;
  try {
    source = new URL(url, cmsUrl);
  } catch {
    return null;
  }
  if ((source.protocol !== 'http:' && source.protocol !== 'https:') || source.username || source.password) return null;
  // The URL parser has already resolved dot segments (encoded ones too), so a prefix holds.
  const href = source.toString();
  if (source.origin === new URL(cmsUrl).origin && source.pathname.startsWith('/uploads/')) return href;
  return mediaBaseUrls.some((base) => href.startsWith(`${base.replace(/\/+$/, '')}/`)) ? href : null;
};

/**
 * The bucket's public address from the same variables the CMS reads (S3_BUCKET, S3_PUBLIC_URL,
 * S3_ENDPOINT, …; no keys needed), as a list for mediaSourceUrl: empty when media stay in the CMS.
 */
export const mediaBaseUrlsFrom = (env: Readonly<Record<string, string | undefined>>): string[] => {
  const base = mediaPublicBaseUrl(env);
  return base === null ? [] : [base];
};
