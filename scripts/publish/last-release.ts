// What the live release lets a build skip, decided in one place. A build starts from the live
// release and the state that describes it (its snapshot, and the hashes of every page, feed
// and calendar it was made from); it builds over an older release that already holds nearly
// every file (a recycled release, see release.ts), records what it places there (a ledger),
// keeps what hashes as before, and after its checks publishes: links what did not change to
// the live release's inodes, swaps, remembers what it published and saves its state. The
// stages call it; none of this is woven between them.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { RawSnapshot } from '../fetch/snapshot.js';
import { newLedger, type Ledger } from '../lib/link-or-copy.js';
import { NOTHING_TO_REUSE, type LiveSearchIndex, type Reuse, type ReusedKind } from '../lib/reuse.js';
import { scanTree, type ScannedTree } from '../lib/tree-scan.js';
import { adoptRecord, linkFromLive, linkUnchanged, liveHasFile, rememberPublished, rememberSpare, type LinkResult } from './link-unchanged.js';
import { goLive, prepareSpare, startRelease, sweepRecycled, type Release } from './release.js';
import { loadState, saveState, STATE_VERSION, type BuildState } from './state.js';

export interface LiveRelease {
  /** The release the output points at, when a build state was left beside it. */
  dir: string | null;
  /**
   * The state that describes it. One that describes another release than the live one (a
   * write lost to a crash, a copied output) would keep files that are not what it says: null.
   */
  state: BuildState | null;
}

export const liveReleaseOf = (outDir: string): LiveRelease => {
  const stored = loadState(outDir);
  const dir = stored && existsSync(outDir) ? realpathSync(outDir) : null;
  return { dir, state: stored && dir && path.basename(dir) === stored.release ? stored : null };
};

const hashesOf = (state: BuildState, kind: ReusedKind): Record<string, string> | undefined =>
  kind === 'page' ? state.pageHashes : kind === 'feed' ? state.feedHashes : state.calendarHashes;

/** What a build may keep of `live`, placing into `staging` (whose files are `held`, when known). */
export const reuseOf = (live: LiveRelease, staging: string, ledger: Ledger | null, held: ScannedTree | null): Reuse => {
  const { dir, state } = live;
  if (dir === null) return { ...NOTHING_TO_REUSE, ledger };
  return {
    ledger,
    same: (kind, key, hash, files) => state !== null && hashesOf(state, kind)?.[key] === hash && files.every((file) => liveHasFile(dir, file)),
    liveSearchIndex: () => {
      const index = state?.searchIndex;
      // A state from before the index listed its pages cannot say what a build may defer.
      return index?.pages && index.files.every((file) => liveHasFile(dir, file)) ? { hash: index.hash, files: index.files, pages: index.pages } : null;
    },
    keep: (file) => linkFromLive(dir, staging, file, held, ledger),
  };
};

export interface OpenedRelease {
  release: Release;
  reuse: Reuse;
  /** What the recycled release held, when this process published it (no need to look on disk). */
  held: ScannedTree | null;
}

/** Starts release `id`: over a recycled release when there is a live one, else empty. */
export const openRelease = (outDir: string, id: string, live: LiveRelease): OpenedRelease => {
  const release = startRelease(outDir, id, { recycle: live.dir !== null });
  const ledger = release.recycled ? newLedger() : null;
  const held = release.recycledFrom ? adoptRecord(release.recycledFrom) : null;
  return { release, reuse: reuseOf(live, release.dir, ledger, held), held };
};

/**
 * The release as this build made it: a recycled one loses what this build did not place. One
 * walk (or the record of it) serves the checks and the publish step.
 */
export const releaseTree = (opened: OpenedRelease): ScannedTree => {
  const { release, reuse, held } = opened;
  return reuse.ledger ? sweepRecycled(release, held ?? scanTree(release.dir), reuse.ledger, { restat: held !== null }) : scanTree(release.dir);
};

/** What the next build starts from, besides the release itself. */
export interface Made {
  snapshot: RawSnapshot;
  pageHashes: Record<string, string>;
  feedHashes: Record<string, string>;
  calendarHashes: Record<string, string>;
  searchIndex: LiveSearchIndex;
}

/**
 * Publishes a checked release: shares every unchanged file with the live release, swaps the
 * output to it, remembers what it holds, prepares a spare for the next build and saves the
 * state that describes it.
 */
export const publishRelease = (outDir: string, live: LiveRelease, release: Release, tree: ScannedTree, made: Made): LinkResult => {
  const result = linkUnchanged(release.dir, live.dir, tree);
  goLive(release, outDir);
  rememberPublished(release.dir, tree);
  prepareSpare(release, outDir, tree, (spare) => rememberSpare(spare, tree));
  saveState(outDir, { version: STATE_VERSION, release: release.id, ...made });
  return result;
};
