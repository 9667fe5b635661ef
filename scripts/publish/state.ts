// What a successful build leaves for the next one: the raw snapshot it published (so an
// incremental fetch knows what it has) and a hash of every page's view (so unchanged pages
// are linked from the live release instead of rendered again). Kept beside the releases.
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { logFailure } from '../lib/log.js';
import { replaceAtomicallySync } from '../lib/write-atomic.js';
import path from 'node:path';
import type { RawSnapshot } from '../fetch/snapshot.js';
import { releasesDirOf } from './release.js';

export const STATE_VERSION = 1;

export interface BuildState {
  version: number;
  /** The release the state describes. */
  release: string;
  snapshot: RawSnapshot;
  /** Page URL → hash of everything its template reads. */
  pageHashes: Record<string, string>;
  /** Calendar site path → hash of its inputs. */
  calendarHashes?: Record<string, string>;
  /** Feed (by its RSS path) → hash of its view. */
  feedHashes?: Record<string, string>;
  /** The search index: the hash of what it was made from, its files (site paths) and the pages it holds. */
  searchIndex?: { hash: string; files: string[]; pages?: string[] };
}

export const statePathFor = (outDir: string): string => path.join(releasesDirOf(outDir), 'state.json');

/**
 * The state this process last saved, with the file's size and time then: the webhook server
 * builds again and again, and parsing tens of megabytes of its own JSON back would cost an
 * incremental build more than the rest of it. A file changed since (another process built)
 * is read from disk.
 */
let lastSaved: { file: string; stamp: string | null; state: BuildState } | null = null;
let writes: Promise<void> = Promise.resolve();

const stampOf = (file: string): string => {
  const stats = statSync(file);
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
};

export const loadState = (outDir: string): BuildState | null => {
  const file = statePathFor(outDir);
  if (!existsSync(file) && !(lastSaved?.file === file && lastSaved.stamp === null)) return null;
  try {
    if (lastSaved && lastSaved.file === file && (lastSaved.stamp === null || lastSaved.stamp === stampOf(file))) return lastSaved.state;
    const state = JSON.parse(readFileSync(file, 'utf8')) as BuildState;
    return state.version === STATE_VERSION ? state : null;
  } catch {
    // A state that cannot be read only costs a full build.
    return null;
  }
};

/**
 * The same JSON as JSON.stringify(state), written a document at a time through a 1 MiB
 * buffer: at 10,000 documents the whole would be one string of a hundred megabytes or more on
 * top of everything else (a collection at a time still added 160 MiB to the peak).
 */
const writeStateFile = (file: string, state: BuildState): void => {
  const fd = openSync(file, 'w');
  let pending: string[] = [];
  let pendingLength = 0;
  const write = (text: string): void => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength > 1 << 20) flush();
  };
  const flush = (): void => {
    if (pending.length > 0) writeSync(fd, pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  try {
    const { snapshot, ...rest } = state;
    const { collections, ...snapshotRest } = snapshot;
    write(`${JSON.stringify(rest).slice(0, -1)},"snapshot":${JSON.stringify(snapshotRest).slice(0, -1)},"collections":{`);
    Object.entries(collections).forEach(([type, perLocale], i) => {
      write(`${i > 0 ? ',' : ''}${JSON.stringify(type)}:{`);
      Object.entries(perLocale).forEach(([locale, docs], j) => {
        write(`${j > 0 ? ',' : ''}${JSON.stringify(locale)}:[`);
        docs.forEach((doc, k) => write(`${k > 0 ? ',' : ''}${JSON.stringify(doc) ?? 'null'}`));
        write(']');
      });
      write('}');
    });
    write('}}}');
    flush();
  } finally {
    closeSync(fd);
  }
};

/**
 * Keeps the state for this process at once and writes it to disk just after: serialising tens
 * of megabytes is not worth delaying a release that is already live. The file only matters
 * to another process (a restart), and a state whose release is not the live one is ignored
 * by the pipeline, so a write lost to a crash costs one full build. Processes that exit right
 * after a build wait for flushState().
 */
export const saveState = (outDir: string, state: BuildState): void => {
  const file = statePathFor(outDir);
  const saved = { file, stamp: null as string | null, state };
  lastSaved = saved;
  writes = writes
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(() => {
      // A newer build may have replaced this state before its turn came.
      if (lastSaved !== saved) return;
      // Through a temporary name of this process's own: two processes saving at once must not share one.
      replaceAtomicallySync(file, (temporary) => writeStateFile(temporary, state));
      saved.stamp = stampOf(file);
    })
    // The release is live; a state not written costs the next process one full build.
    .catch((error: unknown) => logFailure(`could not write the build state ${file} (the next build in another process will be a full one)`, error));
};

/** Resolves when every state given to saveState is on disk. */
export const flushState = (): Promise<void> => writes;

