// What a stage may take from the live release instead of making again (see
// publish/last-release.ts, which decides it): the render stage asks it for pages, feeds and
// calendars whose inputs hash as before, and the search stage for the whole index. Only the interface lives here, so that the stages
// need not import the publish step.
import type { Ledger } from './link-or-copy.js';

export type ReusedKind = 'page' | 'feed' | 'calendar';

export interface Reuse {
  /** What this build placed in its release, when it builds over a recycled one. */
  readonly ledger: Ledger | null;
  /**
   * Whether the live release holds `files` as made from inputs that hashed to `hash` under
   * `key` (a page's URL, a feed's RSS path, a calendar's path): then they are kept, not made.
   */
  same(kind: ReusedKind, key: string, hash: string, files: string[]): boolean;
  /** Puts the live release's `file` (a site path) into this build's release. */
  keep(file: string): void;
  /** The live release's search index as its state describes it, when the release holds every file of it; else null. */
  liveSearchIndex(): LiveSearchIndex | null;
}

/** A search index as a build leaves it for the next. */
export interface LiveSearchIndex {
  /** The hash of what it was made from. */
  hash: string;
  /** Its files, as site paths (/pagefind/…). */
  files: string[];
  /** The URLs of the pages it holds. */
  pages: string[];
}

/** For what builds nothing it could reuse (a preview, a first build into an empty directory). */
export const NOTHING_TO_REUSE: Reuse = {
  ledger: null,
  same: () => false,
  liveSearchIndex: () => null,
  keep: (file) => {
    throw new Error(`Nothing can be kept from a live release here (asked for ${file})`);
  },
};
