// What a successful build leaves for the next one: the raw snapshot it published (so an
// incremental fetch knows what it has) and a hash of every page's view (so unchanged pages
// are linked from the live release instead of rendered again). Kept beside the releases.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
}

export const statePathFor = (outDir: string): string => path.join(releasesDirOf(outDir), 'state.json');

export const loadState = (outDir: string): BuildState | null => {
  const file = statePathFor(outDir);
  if (!existsSync(file)) return null;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as BuildState;
    return state.version === STATE_VERSION ? state : null;
  } catch {
    // A state that cannot be read only costs a full build.
    return null;
  }
};

export const saveState = (outDir: string, state: BuildState): void => {
  const file = statePathFor(outDir);
  writeFileSync(`${file}.partial`, JSON.stringify(state));
  renameSync(`${file}.partial`, file);
};

export const hashJson = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
