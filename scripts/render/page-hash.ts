// The hash of everything a page's template reads, to tell which pages an edit touched. A
// document appears on its own page, in its section's list, on the home page and on axis
// pages; it is serialised once per build and stands in for itself by its hash elsewhere, and
// the labels and settings every page of a language shares are hashed once.
import { createHash } from 'node:crypto';
import type { PageView } from './pages.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const hashPageViews = (pages: PageView[], context: { templates: string; siteUrl: string }): Record<string, string> => {
  const shared = new Map<object, string>();
  const tokenOf = (value: object): string => {
    let token = shared.get(value);
    if (token === undefined) {
      token = `#${sha256(JSON.stringify(value))}`;
      shared.set(value, token);
    }
    return token;
  };
  const isDocument = (value: object): boolean => 'documentId' in value && 'type' in value && 'url' in value;
  const hashes: Record<string, string> = {};
  for (const page of pages) {
    const json = JSON.stringify({ ...context, page }, (key, value: unknown) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      if (value === page.labels || value === page.settings || isDocument(value)) return tokenOf(value);
      return value;
    });
    hashes[page.url] = sha256(json);
  }
  return hashes;
};
