// Comparing secrets without leaking their length or prefix through timing.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export const sameSecret = (given: string | null | undefined, expected: string): boolean =>
  typeof given === 'string' && expected.length > 0 && timingSafeEqual(digest(given), digest(expected));

export const bearerToken = (header: string | undefined): string | null => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? (match[1] as string) : null;
};
