// Releases and the atomic swap, in a temp dir: the output path becomes a symlink to the live
// release, a new release replaces it in one rename, an abandoned one changes nothing a reader
// sees, an old plain directory is kept aside, old releases are pruned, and a place that cannot
// be written fails with a PublishError before anything is touched. Failure paths never lose the
// last good release or the reason: a release that cannot be deleted (a real fault, see
// fs-faults) is moved out of the way or, if even that fails, never built over or kept.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PublishError } from '../../scripts/errors.js';
import { linkOrCopySync, newLedger, writeNewFileSync } from '../../scripts/lib/link-or-copy.js';
import { abandonRelease, goLive, pendingRemovals, prepareSpare, releasesDirOf, startRelease, sweepRecycled, type Release } from '../../scripts/publish/release.js';
import { adoptRecord, linkFromLive, rememberPublished, rememberSpare } from '../../scripts/publish/link-unchanged.js';
import { scanTree } from '../../scripts/lib/tree-scan.js';
import { lockDirectory, unlockAll } from './fs-faults.js';

let root: string;
let outDir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'release-test-'));
  outDir = path.join(root, 'dist');
});
afterEach(async () => {
  await pendingRemovals();
  chmodSync(root, 0o755);
  unlockAll(root);
  rmSync(root, { recursive: true, force: true });
});

// Release ids as the pipeline makes them (scripts/pipeline.ts releaseId): UTC timestamp + pid.
const ID = ['20260101-100000000-4242', '20260101-110000000-4242', '20260101-120000000-4242', '20260101-130000000-4242', '20260101-140000000-4242'] as const;

const writeFiles = (dir: string, files: Record<string, string | Buffer>): void => {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
};

/** A release with some files in it, written as the build would. */
const build = (id: string, label: string): Release => {
  const release = startRelease(outDir, id);
  writeFiles(release.dir, {
    'index.html': `<!doctype html><title>${label}</title>`,
    'en/index.html': `<p>${label} en</p>`,
    'es/index.html': `<p>${label} es — ñ</p>`,
    'media/cover.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, label.length]),
  });
  return release;
};

/** relative path → sha256 of every file reachable through `dir` (following the outDir link). */
const hashTree = (dir: string): Record<string, string> => {
  const result: Record<string, string> = {};
  const visit = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else result[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  visit(dir);
  return result;
};

const liveTarget = (): string => realpathSync(outDir);

describe('startRelease', () => {
  test('creates an empty release directory beside outDir, and touches nothing else', () => {
    const release = startRelease(outDir, ID[0]);
    expect(release).toEqual({ id: ID[0], dir: path.join(root, '.dist-releases', ID[0]), recycled: false });
    expect(releasesDirOf(outDir)).toBe(path.join(root, '.dist-releases'));
    expect(readdirSync(release.dir)).toEqual([]);
    expect(existsSync(outDir)).toBe(false);
  });

  test('a parent that cannot be written: PublishError saying the previous output is untouched', () => {
    // As root, chmod does not stop writes; then a path under a regular FILE does (ENOTDIR).
    const locked = path.join(root, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    let rootCanWrite = false;
    try {
      writeFileSync(path.join(locked, 'probe'), 'x');
      rootCanWrite = true;
    } catch {
      rootCanWrite = false;
    }
    let target = path.join(locked, 'dist');
    let code = 'EACCES';
    if (rootCanWrite) {
      chmodSync(locked, 0o755);
      writeFileSync(path.join(root, 'not-a-dir'), 'a regular file');
      target = path.join(root, 'not-a-dir', 'dist');
      code = 'ENOTDIR';
    }

    let caught: unknown;
    try {
      startRelease(target, ID[0]);
    } catch (error) {
      caught = error;
    }
    chmodSync(locked, 0o755);
    expect(caught).toBeInstanceOf(PublishError);
    const error = caught as PublishError;
    expect(error.message).toContain(`Cannot write the site next to ${target} (${code})`);
    expect(error.message).toContain('The previous output is untouched.');
    expect(error.context.file).toBe(path.join(releasesDirOf(target), ID[0]));
    expect((error.cause as NodeJS.ErrnoException).code).toBe(code);
    if (rootCanWrite) expect(readFileSync(path.join(root, 'not-a-dir'), 'utf8')).toBe('a regular file');
  });
});

describe('goLive', () => {
  test('the first release turns outDir into a (relative) symlink to it', () => {
    const first = build(ID[0], 'one');
    goLive(first, outDir);
    expect(lstatSync(outDir).isSymbolicLink()).toBe(true);
    expect(readlinkSync(outDir)).toBe(path.join('.dist-releases', ID[0]));
    expect(liveTarget()).toBe(realpathSync(first.dir));
    expect(readFileSync(path.join(outDir, 'en/index.html'), 'utf8')).toBe('<p>one en</p>');
    expect(existsSync(`${outDir}.next`)).toBe(false);
  });

  test('a second release replaces the first in one swap', () => {
    const first = build(ID[0], 'one');
    goLive(first, outDir);
    const second = build(ID[1], 'two');
    // Before the swap readers still see the first release, whole.
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('<!doctype html><title>one</title>');
    goLive(second, outDir);
    expect(lstatSync(outDir).isSymbolicLink()).toBe(true);
    expect(liveTarget()).toBe(realpathSync(second.dir));
    expect(hashTree(outDir)).toEqual(hashTree(second.dir));
    expect(readFileSync(path.join(outDir, 'es/index.html'), 'utf8')).toBe('<p>two es — ñ</p>');
    expect(existsSync(`${outDir}.next`)).toBe(false);
    // The one before the live release is kept for readers mid-download.
    expect(existsSync(first.dir)).toBe(true);
  });

  test('abandoning a third release leaves the second live, byte for byte', () => {
    goLive(build(ID[0], 'one'), outDir);
    const second = build(ID[1], 'two');
    goLive(second, outDir);
    const before = hashTree(outDir);
    expect(Object.keys(before).sort()).toEqual(['en/index.html', 'es/index.html', 'index.html', 'media/cover.png']);

    const third = build(ID[2], 'three-and-broken');
    writeFiles(third.dir, { 'en/index.html': 'half-written' });
    abandonRelease(third, outDir);

    expect(existsSync(third.dir)).toBe(false);
    expect(liveTarget()).toBe(realpathSync(second.dir));
    expect(hashTree(outDir)).toEqual(before);
    expect(readdirSync(releasesDirOf(outDir)).sort()).toEqual([ID[0], ID[1]]);
  });

  test('a plain directory at outDir is moved aside on the first go-live, content intact', () => {
    writeFiles(outDir, { 'index.html': 'hand-made site', 'old/page.html': 'old page' });
    const handMade = hashTree(outDir);
    const first = build(ID[0], 'one');
    goLive(first, outDir);

    expect(lstatSync(outDir).isSymbolicLink()).toBe(true);
    expect(liveTarget()).toBe(realpathSync(first.dir));
    const aside = path.join(releasesDirOf(outDir), `0-previous-${ID[0]}`);
    expect(lstatSync(aside).isDirectory()).toBe(true);
    expect(hashTree(aside)).toEqual(handMade);
    expect(readFileSync(path.join(aside, 'old/page.html'), 'utf8')).toBe('old page');
  });

  test('only KEEP (2) releases remain after several go-lives: the live one and the one before', () => {
    for (const [index, id] of ID.entries()) goLive(build(id, `n${index}`), outDir);
    expect(readdirSync(releasesDirOf(outDir)).sort()).toEqual([ID[3], ID[4]]);
    expect(liveTarget()).toBe(realpathSync(path.join(releasesDirOf(outDir), ID[4])));
    expect(readFileSync(path.join(outDir, 'en/index.html'), 'utf8')).toBe('<p>n4 en</p>');
  });

  test('JSON files in the releases directory are never pruned', () => {
    mkdirSync(releasesDirOf(outDir), { recursive: true });
    writeFileSync(path.join(releasesDirOf(outDir), 'state.json'), '{}');
    for (const id of ID.slice(0, 3)) goLive(build(id, id), outDir);
    expect(readdirSync(releasesDirOf(outDir)).sort()).toEqual([ID[1], ID[2], 'state.json']);
  });

  test('a swap that fails is a PublishError, and the previous release is still served', () => {
    const first = build(ID[0], 'one');
    goLive(first, outDir);
    const before = hashTree(outDir);
    // A leftover directory where the temporary link goes makes the swap fail.
    writeFiles(path.join(path.dirname(outDir), `.${path.basename(outDir)}.next-${ID[1]}`), { 'stray.txt': 'x' });
    const second = build(ID[1], 'two');
    let caught: unknown;
    try {
      goLive(second, outDir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PublishError);
    expect((caught as PublishError).message).toContain(`Could not swap the new site into ${outDir}`);
    expect((caught as PublishError).message).toContain('the previous output is still served');
    expect(liveTarget()).toBe(realpathSync(first.dir));
    expect(hashTree(outDir)).toEqual(before);
  });

  // A hand-made directory moved aside must count as the oldest release, not the newest.
  test('after moving a plain outDir aside, the second go-live keeps the first release', () => {
    writeFiles(outDir, { 'index.html': 'hand-made site' });
    const first = build(ID[0], 'one');
    goLive(first, outDir);
    const second = build(ID[1], 'two');
    goLive(second, outDir);
    expect(liveTarget()).toBe(realpathSync(second.dir));
    // Expected: the release that was live until this swap survives it.
    expect(existsSync(first.dir)).toBe(true);
    expect(readdirSync(releasesDirOf(outDir)).sort()).toEqual([ID[0], ID[1]]);
  });

  test('a swap that fails while a hand-made output is in the way leaves that output where it was, and no stray link', () => {
    writeFiles(outDir, { 'index.html': 'hand-made site' });
    const handMade = hashTree(outDir);
    const release = build(ID[0], 'one');
    // The place the hand-made output would move to is taken: the swap cannot happen.
    writeFiles(path.join(releasesDirOf(outDir), `0-previous-${ID[0]}`), { 'keep.txt': 'x' });
    expect(() => goLive(release, outDir)).toThrow(PublishError);
    expect(lstatSync(outDir).isSymbolicLink()).toBe(false);
    expect(hashTree(outDir)).toEqual(handMade);
    expect(readdirSync(path.dirname(outDir)).filter((name) => name.includes('.next'))).toEqual([]);
  });
});

// A rebuild builds over the release before the live one instead of an empty directory: the
// files it places replace (never overwrite) what is there, and what it does not place goes.
describe('recycled releases', () => {
  test('the newest release older than the live one is renamed to the new id, with its files', () => {
    goLive(build(ID[0], 'zero'), outDir);
    goLive(build(ID[1], 'one'), outDir);
    const spare = hashTree(path.join(releasesDirOf(outDir), ID[0]));
    const release = startRelease(outDir, ID[2], { recycle: true });
    expect(release).toEqual({ id: ID[2], dir: path.join(releasesDirOf(outDir), ID[2]), recycled: true, recycledFrom: path.join(realpathSync(releasesDirOf(outDir)), ID[0]) });
    expect(existsSync(path.join(releasesDirOf(outDir), ID[0]))).toBe(false);
    expect(hashTree(release.dir)).toEqual(spare);
    expect(readFileSync(path.join(outDir, 'en/index.html'), 'utf8')).toBe('<p>one en</p>');
  });

  test('the live release and newer directories (another build staging) are never taken', () => {
    goLive(build(ID[1], 'one'), outDir);
    build(ID[3], 'another build, not live yet');
    const release = startRelease(outDir, ID[4], { recycle: true });
    expect(release.recycled).toBe(false);
    expect(readdirSync(release.dir)).toEqual([]);
    expect(readFileSync(path.join(releasesDirOf(outDir), ID[3], 'en/index.html'), 'utf8')).toBe('<p>another build, not live yet en</p>');
  });

  test('without recycle, or with nothing to recycle, a release starts empty', () => {
    goLive(build(ID[0], 'zero'), outDir);
    goLive(build(ID[1], 'one'), outDir);
    expect(startRelease(outDir, ID[2]).recycled).toBe(false);
    rmSync(path.join(releasesDirOf(outDir), ID[0]), { recursive: true });
    const release = startRelease(outDir, ID[3], { recycle: true });
    expect(release.recycled).toBe(false);
    expect(readdirSync(release.dir)).toEqual([]);
  });

  test('files placed over shared hard links leave the live release byte for byte as it was', () => {
    const live = build(ID[0], 'zero');
    goLive(live, outDir);
    const before = hashTree(outDir);
    // The spare shares every file with the live release, as unchanged files do.
    const spareDir = path.join(releasesDirOf(outDir), '0-spare');
    for (const file of Object.keys(before)) linkOrCopySync(path.join(live.dir, file), path.join(spareDir, file), null);
    const release = startRelease(outDir, ID[1], { recycle: true });
    expect(release.recycled).toBe(true);
    const ledger = newLedger();
    writeNewFileSync(path.join(release.dir, 'en/index.html'), '<p>edited</p>', ledger);
    linkOrCopySync(path.join(live.dir, 'es/index.html'), path.join(release.dir, 'es/index.html'), ledger);
    writeNewFileSync(path.join(release.dir, 'en/new/index.html'), '<p>new page</p>', ledger);
    const tree = sweepRecycled(release, scanTree(release.dir), ledger);
    expect([...tree.keys()].sort()).toEqual(['en/index.html', 'en/new/index.html', 'es/index.html']);
    expect(hashTree(outDir)).toEqual(before);
    expect(readFileSync(path.join(release.dir, 'en/index.html'), 'utf8')).toBe('<p>edited</p>');
    // What was not placed is gone, with the directory it leaves empty.
    expect(existsSync(path.join(release.dir, 'media'))).toBe(false);
    expect(lstatSync(path.join(release.dir, 'es/index.html')).ino).toBe(lstatSync(path.join(live.dir, 'es/index.html')).ino);
  });

  test('over a release this process published, its record stands in for the disk: unchanged files are not touched, and the tree comes out as a scan would give it', () => {
    const first = build(ID[0], 'zero');
    goLive(first, outDir);
    rememberPublished(first.dir, scanTree(first.dir));
    // The live release shares all but en/index.html with the one before it.
    const second = startRelease(outDir, ID[1]);
    for (const file of ['index.html', 'es/index.html', 'media/cover.png']) linkOrCopySync(path.join(first.dir, file), path.join(second.dir, file), null);
    writeFiles(second.dir, { 'en/index.html': '<p>one en</p>' });
    goLive(second, outDir);
    rememberPublished(second.dir, scanTree(second.dir));
    const live = hashTree(outDir);

    const release = startRelease(outDir, ID[2], { recycle: true });
    const held = adoptRecord(release.recycledFrom as string);
    expect(held && [...held.keys()].sort()).toEqual(['en/index.html', 'es/index.html', 'index.html', 'media/cover.png']);
    const ledger = newLedger();
    {
      linkFromLive(second.dir, release.dir, 'es/index.html', held, ledger);
      linkFromLive(second.dir, release.dir, 'en/index.html', held, ledger);
      writeNewFileSync(path.join(release.dir, 'en/new/index.html'), '<p>new page</p>', ledger);
      // The unchanged file was placed without being written; the changed one was linked anew.
      expect(ledger.placed.has(path.join(release.dir, 'es/index.html'))).toBe(true);
      expect(ledger.written.has(path.join(release.dir, 'es/index.html'))).toBe(false);
      expect(ledger.written.has(path.join(release.dir, 'en/index.html'))).toBe(true);
      const tree = sweepRecycled(release, held as NonNullable<typeof held>, ledger, { restat: true });
      expect(tree).toEqual(scanTree(release.dir));
      expect([...tree.keys()].sort()).toEqual(['en/index.html', 'en/new/index.html', 'es/index.html']);
    }
    expect(readFileSync(path.join(release.dir, 'en/index.html'), 'utf8')).toBe('<p>one en</p>');
    expect(lstatSync(path.join(release.dir, 'es/index.html')).ino).toBe(lstatSync(path.join(second.dir, 'es/index.html')).ino);
    expect(hashTree(outDir)).toEqual(live);
    // The record moved with the release: the old path is no longer known.
    expect(adoptRecord(release.recycledFrom as string)).toBeNull();
  });

  test('a first release gets a spare made of hard links in the background, which the next build recycles with its record', async () => {
    const first = build(ID[0], 'zero');
    goLive(first, outDir);
    const tree = scanTree(first.dir);
    rememberPublished(first.dir, tree);
    // What a process stopped mid-assembly left behind.
    writeFiles(path.join(root, '.dist-spare-20250101-000000000-1'), { 'en/index.html': 'half' });
    let ready: string | null = null;
    prepareSpare(first, outDir, tree, (dir) => {
      ready = dir;
      rememberSpare(dir, tree);
    });
    await pendingRemovals();
    expect(ready).toBe(path.join(realpathSync(releasesDirOf(outDir)), `0-spare-${ID[0]}`));
    const spare = ready as unknown as string;
    expect(scanTree(spare)).toEqual(tree);
    // Nothing is left of this assembly or the stale one, and the live site is as it was.
    expect(readdirSync(root).filter((name) => name.includes('spare'))).toEqual([]);
    expect(readFileSync(path.join(outDir, 'en/index.html'), 'utf8')).toBe('<p>zero en</p>');
    // With a spare there already, no second one is made.
    let second = false;
    prepareSpare(first, outDir, tree, () => {
      second = true;
    });
    await pendingRemovals();
    expect(second).toBe(false);
    expect(readdirSync(releasesDirOf(outDir)).sort()).toEqual([`0-spare-${ID[0]}`, ID[0]]);
    const release = startRelease(outDir, ID[1], { recycle: true });
    expect(release.recycledFrom).toBe(spare);
    expect(adoptRecord(spare)).toEqual(tree);
  });

  test("a ledger records only what is placed with it: a preview rendered beside a build writes nothing into the build's", () => {
    const ledger = newLedger();
    writeNewFileSync(path.join(root, 'x/file.txt'), 'x', null);
    writeNewFileSync(path.join(root, 'x/other.txt'), 'y', ledger);
    expect([...ledger.placed]).toEqual([path.join(root, 'x/other.txt')]);
  });
});

// A build that fails leaves the last good release live and, for readers mid-download, the one
// before it; what it built is deleted, or moved aside, or at worst left where it is but never
// used. The faults are real: a directory whose entries cannot be removed (see fs-faults).
describe('failure paths', () => {
  const releaseDirs = (): string[] =>
    readdirSync(releasesDirOf(outDir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  const trashDirs = (): string[] => readdirSync(root).filter((name) => name.startsWith('.dist-pruned-'));
  const caughtFrom = (work: () => void): unknown => {
    try {
      work();
    } catch (error) {
      return error;
    }
    return undefined;
  };

  test('a failed release that cannot be deleted is moved out of the releases directory, and the error says where', () => {
    const live = build(ID[0], 'zero');
    goLive(live, outDir);
    const before = hashTree(outDir);
    const failed = build(ID[1], 'half-built');
    lockDirectory(path.join(failed.dir, 'en'));

    const caught = caughtFrom(() => abandonRelease(failed, outDir));

    expect(caught).toBeInstanceOf(PublishError);
    const error = caught as PublishError;
    expect(error.message).toContain(`Could not delete the failed release ${failed.dir}`);
    expect(trashDirs()).toHaveLength(1);
    expect(error.message).toContain(`moved it to ${path.join(root, trashDirs()[0]!)}`);
    expect(error.context).toEqual({ file: failed.dir });
    // The cause is the file system's own error.
    expect((error.cause as NodeJS.ErrnoException).code).toMatch(/^E[A-Z]+$/);
    expect(releaseDirs()).toEqual([ID[0]]);
    expect(liveTarget()).toBe(realpathSync(live.dir));
    expect(hashTree(outDir)).toEqual(before);
  });

  test('a failed release that can be neither deleted nor moved stays where it is, and is never built over nor kept as the previous release', () => {
    goLive(build(ID[0], 'zero'), outDir);
    const one = build(ID[1], 'one');
    goLive(one, outDir);
    const failed = build(ID[2], 'half-built');
    lockDirectory(failed.dir);

    const caught = caughtFrom(() => abandonRelease(failed, outDir));
    expect(caught).toBeInstanceOf(PublishError);
    expect((caught as PublishError).message).toContain(`Could not delete the failed release ${failed.dir}`);
    expect((caught as PublishError).message).toContain('nor move it');
    // Both faults ride along.
    expect(((caught as PublishError).cause as AggregateError).errors).toHaveLength(2);
    expect(existsSync(failed.dir)).toBe(true);
    expect(liveTarget()).toBe(realpathSync(one.dir));

    // The next build goes over the release live before the current one, not the stuck one
    // (whose id sorts between them).
    const real = realpathSync(releasesDirOf(outDir));
    const next = startRelease(outDir, ID[3], { recycle: true });
    expect(next.recycledFrom).toBe(path.join(real, ID[0]));
    writeFiles(next.dir, { 'index.html': 'three' });
    // Its swap succeeds although the stuck release cannot be pruned.
    goLive(next, outDir);
    expect(liveTarget()).toBe(realpathSync(next.dir));
    // Kept: the live release and the one live before it; the stuck one only because it cannot move.
    expect(releaseDirs()).toEqual([ID[1], ID[2], ID[3]]);
    // And the build after that goes over the one live before, again not the stuck one.
    expect(startRelease(outDir, ID[4], { recycle: true }).recycledFrom).toBe(path.join(real, ID[1]));
  });

  test('prune keeps the release that was live before the swap, not the newest other name', () => {
    const zero = build(ID[0], 'zero');
    goLive(zero, outDir);
    // A directory that sorts after the live release: a build that failed and could not be removed.
    build(ID[1], 'half-built');
    const two = build(ID[2], 'two');
    goLive(two, outDir);
    expect(liveTarget()).toBe(realpathSync(two.dir));
    expect(releaseDirs()).toEqual([ID[0], ID[2]]);
    expect(readFileSync(path.join(zero.dir, 'en/index.html'), 'utf8')).toBe('<p>zero en</p>');
  });

  test('a directory newer than the release going live (another build still staging) is not pruned', () => {
    goLive(build(ID[0], 'zero'), outDir);
    goLive(build(ID[1], 'one'), outDir);
    const staging = build(ID[4], 'another build, not live yet');
    goLive(build(ID[2], 'two'), outDir);
    expect(releaseDirs()).toEqual([ID[1], ID[2], ID[4]]);
    expect(readFileSync(path.join(staging.dir, 'en/index.html'), 'utf8')).toBe('<p>another build, not live yet en</p>');
  });

  test('a release that cannot be pruned does not fail the swap that already happened', () => {
    const zero = build(ID[0], 'zero');
    goLive(zero, outDir);
    const one = build(ID[1], 'one');
    goLive(one, outDir);
    lockDirectory(zero.dir);
    const two = build(ID[2], 'two');

    expect(caughtFrom(() => goLive(two, outDir))).toBeUndefined();
    expect(liveTarget()).toBe(realpathSync(two.dir));
    expect(readFileSync(path.join(outDir, 'en/index.html'), 'utf8')).toBe('<p>two en</p>');
    expect(releaseDirs()).toEqual([ID[0], ID[1], ID[2]]);
  });

  test('a leftover trash directory of the same name does not stop pruning', () => {
    goLive(build(ID[0], 'zero'), outDir);
    goLive(build(ID[1], 'one'), outDir);
    // What an earlier prune of a release with this name left half deleted.
    writeFiles(path.join(root, `.dist-pruned-${ID[0]}`), { 'en/index.html': 'stale' });
    const two = build(ID[2], 'two');

    expect(caughtFrom(() => goLive(two, outDir))).toBeUndefined();
    expect(releaseDirs()).toEqual([ID[1], ID[2]]);
  });

  test('abandoning a release that already went live (the build failed after its swap) leaves it live', () => {
    goLive(build(ID[0], 'zero'), outDir);
    const one = build(ID[1], 'one');
    goLive(one, outDir);
    const before = hashTree(outDir);

    abandonRelease(one, outDir);

    expect(liveTarget()).toBe(realpathSync(one.dir));
    expect(hashTree(outDir)).toEqual(before);
    expect(releaseDirs()).toEqual([ID[0], ID[1]]);
  });
});
