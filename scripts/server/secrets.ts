// Comparing secrets without leaking their length or prefix through timing.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export const sameSecret = (given: string | null | undefined, expected: string): boolean =>
  typeof given === 'string' && expected.length > 0 && timingSafeEqual(digest(given), digest(expected));

export const bearerToken = (header: string | undefined): string | null => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? (match[1] as string) : null;
};

/** The password of an HTTP Basic Authorization header (the user name is not used). */
export const basicPassword = (header: string | undefined): string | null => {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : decoded.slice(colon + 1);
};
