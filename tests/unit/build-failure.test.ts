// A build that fails after its release was started, when the release cannot be cleaned up
// either: the report keeps the build's own error first, notes the failed cleanup with its
// causes beside it, and the last good release stays live. The CMS is a local server answering
// from the sample snapshot; the build is stopped at the start of its media stage (through the
// onStage callback) after a real removal fault was made in its release (see fs-faults).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import { startSnapshotCms, type SnapshotCms } from '../support/snapshot-cms.js';
import { runBuild, type StageEvent } from '../../scripts/pipeline.js';
import { goLive, pendingRemovals, releasesDirOf, startRelease } from '../../scripts/publish/release.js';
import { reportPathFor, type BuildReport } from '../../scripts/publish/report.js';
import { lockDirectory, unlockAll } from './fs-faults.js';

const snapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8')) as RawSnapshot;

const startCms = (): Promise<SnapshotCms> => startSnapshotCms(snapshot);

let root: string;
let outDir: string;
let cms: SnapshotCms;
beforeAll(async () => {
  cms = await startCms();
});
afterAll(async () => {
  await new Promise((resolve) => cms.server.close(resolve));
});
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'build-failure-'));
  outDir = path.join(root, 'dist');
});
afterEach(async () => {
  await pendingRemovals();
  unlockAll(root);
  rmSync(root, { recursive: true, force: true });
});

const LIVE_ID = '20250101-000000000-1';

/** The last good release, live before the build. */
const liveRelease = (): string => {
  const release = startRelease(outDir, LIVE_ID);
  writeFileSync(path.join(release.dir, 'index.html'), '<!doctype html><title>The live site</title>');
  goLive(release, outDir);
  return release.dir;
};

/**
 * Runs a build that fails at the start of its media stage, after `fault` made its release
 * impossible to clean up.
 */
const failingBuild = (fault: (releaseDir: string) => void): Promise<BuildReport> =>
  runBuild({
    strapiUrl: cms.url,
    strapiToken: 'test-token',
    outDir,
    siteUrl: 'https://cities.test',
    cacheDir: path.join(root, 'cache'),
    retries: 0,
    onStage: (event: StageEvent) => {
      if (event.stage !== 'media' || event.state !== 'start') return;
      const releaseDir = path.join(releasesDirOf(outDir), readdirSync(releasesDirOf(outDir)).find((name) => name !== LIVE_ID)!);
      fault(releaseDir);
      throw new Error('The media stage broke (test)');
    },
  });

const releaseDirs = (): string[] =>
  readdirSync(releasesDirOf(outDir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

test('a release whose files cannot be deleted: the report keeps the build error, notes the cleanup, and the release moves out of the way', async () => {
  const live = liveRelease();
  const report = await failingBuild((releaseDir) => {
    mkdirSync(path.join(releaseDir, 'en'));
    writeFileSync(path.join(releaseDir, 'en', 'index.html'), 'half-built');
    lockDirectory(path.join(releaseDir, 'en'));
  });

  expect(report.status).toBe('failed');
  expect(report.error?.name).toBe('Error');
  expect(report.error?.message).toMatch(/^The media stage broke \(test\)\. Cleaning up also failed: Could not delete the failed release /);
  const cleanup = report.error?.context.cleanup as { name: string; message: string; causes: string[] };
  expect(cleanup.name).toBe('PublishError');
  expect(cleanup.message).toContain('moved it to');
  // The file system's own error, by its code.
  expect(cleanup.causes.join('\n')).toMatch(/E[A-Z]+/);
  // The report on disk says the same.
  expect((JSON.parse(readFileSync(reportPathFor(outDir), 'utf8')) as BuildReport).error).toEqual(report.error);
  // The last good release is still live and alone; the failed one waits for deletion outside.
  expect(realpathSync(outDir)).toBe(realpathSync(live));
  expect(releaseDirs()).toEqual([LIVE_ID]);
  expect(readdirSync(root).filter((name) => name.startsWith('.dist-pruned-'))).toHaveLength(1);
});

test('a release that can be neither deleted nor moved: the build error still comes first, and the note says it was left in place', async () => {
  const live = liveRelease();
  const report = await failingBuild((releaseDir) => {
    writeFileSync(path.join(releaseDir, 'index.html'), 'half-built');
    lockDirectory(releaseDir);
  });

  expect(report.status).toBe('failed');
  expect(report.error?.message).toMatch(/^The media stage broke \(test\)\. Cleaning up also failed: /);
  const cleanup = report.error?.context.cleanup as { name: string; message: string; causes: string[] };
  expect(cleanup.message).toContain('nor move it');
  // Both faults, the deletion's and the move's.
  expect(cleanup.causes.filter((cause) => /E[A-Z]+/.test(cause)).length).toBeGreaterThanOrEqual(2);
  expect(realpathSync(outDir)).toBe(realpathSync(live));
});
