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
  /**
   * The files of the live release's search index (site paths), when it was made from inputs
   * that hashed to `hash` and the live release holds every one of them; else null.
   */
  searchIndexMadeFrom(hash: string): string[] | null;
}

/** For what builds nothing it could reuse (a preview, a first build into an empty directory). */
export const NOTHING_TO_REUSE: Reuse = {
  ledger: null,
  same: () => false,
  searchIndexMadeFrom: () => null,
  keep: (file) => {
    throw new Error(`Nothing can be kept from a live release here (asked for ${file})`);
  },
};
