// How files are put into a release. Files the caches hold (image variants, Open Graph cards,
// PDFs, media originals) are never changed in place: they are written to a temporary name and
// renamed. A release can therefore share them by hard link instead of copying their bytes,
// and the publish step then sees the same inode in the live and the new release and need not
// read either. Across file systems, where a link cannot be made, the file is copied.
//
// A release may also be a recycled one (see release.ts): an older release that already holds
// most of the files. Two rules keep that safe and cheap:
// - nothing is ever written into an existing file, which may be a hard link shared with the
//   live site: a new file is made under a temporary name and renamed over the old one;
// - a file that is already the same inode as its source is left as it is.
// Every file placed for a build that has a ledger (one over a recycled release) is recorded in
// it, so that what the recycled release held and this build did not place can be removed, with
// whether the placement changed the file (so that only those need a fresh stat). The ledger is
// passed to every function that places a file, never kept in this module: a preview rendered
// while a build runs has none, and records nothing into the build's. (Something that is not a file where a file
// goes fails the build, naming it; the next build starts from an empty directory.)
import { copyFileSync, linkSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const cannotLink = (error: unknown): boolean => ['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? '');
const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * Absolute paths a build placed, and among them those the placement wrote (a new file or a new
 * inode; the others were already what they should be).
 */
export interface Ledger {
  placed: Set<string>;
  written: Set<string>;
}

export const newLedger = (): Ledger => ({ placed: new Set(), written: new Set() });

/**
 * Records a file as part of the release being built: `written` when this build made or
 * replaced it (files moved in by rename are), not when it was found already in place. A build
 * without a ledger (into an empty directory) records nothing.
 */
export const recordPlaced = (ledger: Ledger | null, target: string, written: boolean): void => {
  if (!ledger) return;
  ledger.placed.add(target);
  if (written) ledger.written.add(target);
};

const temporaryName = (target: string, kind: string): string => `${target}.${process.pid}.${kind}`;

/** Renames a finished temporary file over target; if that fails, the temporary goes. */
const renameOverSync = (temporary: string, target: string): void => {
  try {
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
};

const renameOver = async (temporary: string, target: string): Promise<void> => {
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
};

const sameInode = (a: { ino: number; dev: number }, b: { ino: number; dev: number }): boolean => a.ino === b.ino && a.dev === b.dev;

const linkOrCopyNewSync = (source: string, target: string): void => {
  try {
    linkSync(source, target);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') {
      mkdirSync(path.dirname(target), { recursive: true });
      linkOrCopyNewSync(source, target);
    } else if (cannotLink(error)) copyFileSync(source, target);
    else throw error;
  }
};

export const linkOrCopySync = (source: string, target: string, ledger: Ledger | null): void => {
  const existing = statSync(target, { throwIfNoEntry: false });
  const inPlace = existing?.isFile() === true && sameInode(existing, statSync(source));
  recordPlaced(ledger, target, !inPlace);
  if (inPlace) return undefined;
  if (!existing) return linkOrCopyNewSync(source, target);
  const temporary = temporaryName(target, 'link');
  rmSync(temporary, { force: true });
  linkOrCopyNewSync(source, temporary);
  renameOverSync(temporary, target);
  return undefined;
};

const linkOrCopyNew = async (source: string, target: string): Promise<void> => {
  try {
    await link(source, target);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') {
      await mkdir(path.dirname(target), { recursive: true });
      await linkOrCopyNew(source, target);
    } else if (cannotLink(error)) await copyFile(source, target);
    else throw error;
  }
};

export const linkOrCopy = async (source: string, target: string, ledger: Ledger | null): Promise<void> => {
  const existing = await stat(target).catch((error: unknown) => {
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  });
  const inPlace = existing?.isFile() === true && sameInode(existing, await stat(source));
  recordPlaced(ledger, target, !inPlace);
  if (inPlace) return undefined;
  if (!existing) return linkOrCopyNew(source, target);
  const temporary = temporaryName(target, 'link');
  await rm(temporary, { force: true });
  await linkOrCopyNew(source, temporary);
  await renameOver(temporary, target);
  return undefined;
};

/** Writes a new file at target (replacing, never overwriting, what was there). */
export const writeNewFileSync = (target: string, data: string | Uint8Array, ledger: Ledger | null): void => {
  recordPlaced(ledger, target, true);
  mkdirSync(path.dirname(target), { recursive: true });
  const temporary = temporaryName(target, 'partial');
  writeFileSync(temporary, data);
  renameOverSync(temporary, target);
};
