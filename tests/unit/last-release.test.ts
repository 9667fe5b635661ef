// What the live release lets a build keep, decided in one place (publish/last-release): which
// live release a state describes, what hashes as before, what is kept and how it is recorded,
// which release a build starts from, and what publishing leaves for the next build.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import { scanTree } from '../../scripts/lib/tree-scan.js';
import { liveReleaseOf, openRelease, publishRelease, releaseTree, reuseOf } from '../../scripts/publish/last-release.js';
import { goLive, pendingRemovals, startRelease } from '../../scripts/publish/release.js';
import { flushState, loadState, saveState, STATE_VERSION } from '../../scripts/publish/state.js';

let root: string;
let outDir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'last-release-'));
  outDir = path.join(root, 'dist');
});
afterEach(async () => {
  await flushState();
  await pendingRemovals();
  rmSync(root, { recursive: true, force: true });
});

const SNAPSHOT: RawSnapshot = { fetchedAt: '2026-01-01T00:00:00.000Z', locales: ['en'], collections: {}, singles: {}, requestCount: 0 };
const ID = ['20260101-100000000-7', '20260101-110000000-7', '20260101-120000000-7'] as const;

/** A live release holding `files`, described by a state with these page hashes. */
const liveSite = async (files: Record<string, string>, pageHashes: Record<string, string>, stateRelease: string = ID[0], searchIndex?: { hash: string; files: string[]; pages?: string[] }): Promise<string> => {
  const release = startRelease(outDir, ID[0]);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(release.dir, file)), { recursive: true });
    writeFileSync(path.join(release.dir, file), text);
  }
  goLive(release, outDir);
  saveState(outDir, { version: STATE_VERSION, release: stateRelease, snapshot: SNAPSHOT, pageHashes, feedHashes: {}, calendarHashes: {}, ...(searchIndex ? { searchIndex } : {}) });
  await flushState();
  return release.dir;
};

test('no output, no live release; a state of another release leaves the release but not its hashes', async () => {
  expect(liveReleaseOf(outDir)).toEqual({ dir: null, state: null });
  await liveSite({ 'en/index.html': 'en' }, { '/en/': 'h1' }, 'some-other-release');
  const live = liveReleaseOf(outDir);
  expect(live.dir).not.toBeNull();
  expect(live.state).toBeNull();
  // Without a state it can trust, nothing is kept.
  expect(reuseOf(live, path.join(root, 'staging'), null, null).same('page', '/en/', 'h1', ['en/index.html'])).toBe(false);
});

test('a page is kept only when its hash is the one the live release was made from and its files are there', async () => {
  await liveSite({ 'en/index.html': 'en', 'en/og.png': 'card' }, { '/en/': 'h1', '/es/': 'h2' });
  const reuse = reuseOf(liveReleaseOf(outDir), path.join(root, 'staging'), null, null);
  expect(reuse.same('page', '/en/', 'h1', ['en/index.html', 'en/og.png'])).toBe(true);
  expect(reuse.same('page', '/en/', 'changed', ['en/index.html', 'en/og.png'])).toBe(false);
  // The hash matches but a file is missing from the live release.
  expect(reuse.same('page', '/es/', 'h2', ['es/index.html'])).toBe(false);
  // Hashes of one kind say nothing of another.
  expect(reuse.same('feed', '/en/', 'h1', ['en/index.html'])).toBe(false);
});

test('the live search index is offered only when the live release holds every file of it, and its state says which pages it holds', async () => {
  const files = ['/pagefind/pagefind.js', '/pagefind/index/en_1.pf_index'];
  const pages = ['/en/studies/a/'];
  await liveSite({ 'pagefind/pagefind.js': 'js', 'pagefind/index/en_1.pf_index': 'index' }, {}, ID[0], { hash: 'i1', files: [...files, '/pagefind/fragment/en_2.pf_fragment'], pages });
  // One file of the index is missing from the live release: nothing of it is offered.
  expect(reuseOf(liveReleaseOf(outDir), path.join(root, 'staging'), null, null).liveSearchIndex()).toBeNull();
  rmSync(root, { recursive: true, force: true });
  // A state written before the index listed its pages cannot tell a build what it may defer.
  await liveSite({ 'pagefind/pagefind.js': 'js', 'pagefind/index/en_1.pf_index': 'index' }, {}, ID[0], { hash: 'i1', files });
  expect(reuseOf(liveReleaseOf(outDir), path.join(root, 'staging'), null, null).liveSearchIndex()).toBeNull();
  rmSync(root, { recursive: true, force: true });
  await liveSite({ 'pagefind/pagefind.js': 'js', 'pagefind/index/en_1.pf_index': 'index' }, {}, ID[0], { hash: 'i1', files, pages });
  expect(reuseOf(liveReleaseOf(outDir), path.join(root, 'staging'), null, null).liveSearchIndex()).toEqual({ hash: 'i1', files, pages });
  // Without a live release there is no index to keep.
  expect(reuseOf({ dir: null, state: null }, path.join(root, 'staging'), null, null).liveSearchIndex()).toBeNull();
});

test('over a recycled release, a kept file is the live inode, recorded as placed and not written', async () => {
  const liveDir = await liveSite({ 'en/index.html': 'en', 'es/index.html': 'es' }, { '/en/': 'h1' });
  // The first build leaves no spare; a second release makes the first one the previous one.
  const second = startRelease(outDir, ID[1]);
  writeFileSync(path.join(second.dir, 'marker'), 'second');
  goLive(second, outDir);
  const live = liveReleaseOf(outDir);
  const opened = openRelease(outDir, ID[2], live);
  expect(opened.release.recycled).toBe(true);
  expect(opened.release.recycledFrom).toBe(liveDir);
  expect(opened.reuse.ledger).not.toBeNull();
  opened.reuse.keep('marker');
  expect(lstatSync(path.join(opened.release.dir, 'marker')).ino).toBe(lstatSync(path.join(second.dir, 'marker')).ino);
  expect(opened.reuse.ledger?.placed.has(path.join(opened.release.dir, 'marker'))).toBe(true);
  // What the recycled release held and this build did not place is gone from its tree.
  const tree = releaseTree(opened);
  expect([...tree.keys()]).toEqual(['marker']);
  expect(existsSync(path.join(opened.release.dir, 'en/index.html'))).toBe(false);
});

test('a first build starts from an empty release and keeps no ledger', () => {
  const opened = openRelease(outDir, ID[0], liveReleaseOf(outDir));
  expect(opened.release.recycled).toBe(false);
  expect(opened.reuse.ledger).toBeNull();
  expect(() => opened.reuse.keep('en/index.html')).toThrow(/Nothing can be kept/);
});

test('publishing swaps the output, shares unchanged bytes with the live release and saves what the next build compares against', async () => {
  const liveDir = await liveSite({ 'en/index.html': 'same bytes', 'es/index.html': 'old' }, { '/en/': 'h1' });
  const live = liveReleaseOf(outDir);
  const opened = openRelease(outDir, ID[1], live);
  for (const [file, text] of Object.entries({ 'en/index.html': 'same bytes', 'es/index.html': 'new' })) {
    mkdirSync(path.dirname(path.join(opened.release.dir, file)), { recursive: true });
    writeFileSync(path.join(opened.release.dir, file), text);
  }
  const tree = scanTree(opened.release.dir);
  const linked = publishRelease(outDir, live, opened.release, tree, { snapshot: SNAPSHOT, pageHashes: { '/en/': 'h1', '/es/': 'h3' }, feedHashes: {}, calendarHashes: {}, searchIndex: { hash: 'i2', files: [], pages: [] } });
  expect(linked).toEqual({ written: ['es/index.html'], linked: 1 });
  expect(readFileSync(path.join(outDir, 'es/index.html'), 'utf8')).toBe('new');
  expect(lstatSync(path.join(outDir, 'en/index.html')).ino).toBe(lstatSync(path.join(liveDir, 'en/index.html')).ino);
  await flushState();
  expect(loadState(outDir)).toMatchObject({ release: ID[1], pageHashes: { '/es/': 'h3' }, searchIndex: { hash: 'i2', files: [], pages: [] } });
  expect(liveReleaseOf(outDir).state?.release).toBe(ID[1]);
});
