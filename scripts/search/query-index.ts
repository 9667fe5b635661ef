// Searches a built index from Node, through the index's own pagefind.js (see query-worker.mjs):
// the publish step's check that the index answers, and the tests' searches.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Locale } from '../../domain/locales.js';

export interface SearchHit {
  url: string;
  /** As Pagefind stores it: the page's h1 as text, which may look like HTML. */
  title: string;
  /** Pagefind's excerpt: text with < and > escaped, and <mark> around the words found. */
  excerpt: string;
  filters: Record<string, string[]>;
}

export interface SearchAnswer {
  locale: Locale;
  term: string;
  /** How many pages matched. */
  count: number;
  /** The first of them, best first, with their data. */
  results: SearchHit[];
  /** Whether the page the query looked for is among all of them (null when it looked for none). */
  found: boolean | null;
}

export interface SearchQuery {
  locale: Locale;
  term: string;
  /** A page (its URL) to look for among every result, not only the first. */
  lookFor?: string;
}

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'query-worker.mjs');

/** Runs each query against the index in `indexDir` (a release's pagefind/), in its language. */
export const searchIndexAt = (indexDir: string, queries: SearchQuery[], limit = 50): Promise<SearchAnswer[]> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { indexDir, queries, limit } });
    let answered = false;
    worker.once('message', (answers: SearchAnswer[]) => {
      answered = true;
      resolve(answers);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the search worker stopped (exit code ${code}) before it answered`));
    });
  });
