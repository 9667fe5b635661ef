// `npm run bench:deploy [-- --documents 2000]`: the deploy to an object store, timed against a
// local S3-protocol server (s3rver, on 127.0.0.1, its objects on disk): the first deploy of a
// release shaped like a site of N documents in two languages, a deploy with nothing changed,
// and one after an edit (one page written again, every other file linked from the release
// before, as a build does). The release is synthetic (random bytes of each kind's typical
// size), so the numbers measure the deploy, not the build; a remote store adds its latency per
// request, which the upload concurrency hides in part.
// Run under --openssl-legacy-provider (the npm script does): s3rver's listing tokens past 1,000
// objects use DES, which OpenSSL 3 only offers with it (deploys list only a bucket with no
// manifest, here the empty one, but a run stopped halfway leaves a full one).
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { goLive, pendingRemovals, startRelease } from '../scripts/publish/release.js';
import type { DeployReport } from '../scripts/publish/report.js';
import { startDeployTarget } from './site-deploy.js';

/** Per document and language a page; a study in ten has a summary PDF; each document a cover in two formats. */
const siteOf = (documents: number): Map<string, number> => {
  const files = new Map<string, number>();
  for (let i = 0; i < documents; i += 1) {
    for (const locale of ['en', 'es']) {
      files.set(`${locale}/news/item-${i}/index.html`, 12_000);
      if (i % 10 === 0) files.set(`${locale}/studies/study-${i}/study-${i}-summary.pdf`, 60_000);
    }
    files.set(`media/cover-${i}-640.avif`, 9_000);
    files.set(`media/cover-${i}-1280.webp`, 30_000);
  }
  for (const locale of ['en', 'es']) for (const feed of ['feed.xml', 'atom.xml', 'feed.json', 'events.ics']) files.set(`${locale}/${feed}`, 40_000);
  files.set('sitemap.xml', 400_000);
  return files;
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { documents: { type: 'string', default: '2000' } } });
  const documents = Number(values.documents);
  const root = mkdtempSync(path.join(os.tmpdir(), 'bench-deploy-'));
  const outDir = path.join(root, 'dist');
  const target = await startDeployTarget();
  try {
    const site = siteOf(documents);
    const first = startRelease(outDir, '20270101-000000000-1');
    for (const [name, size] of site) {
      mkdirSync(path.dirname(path.join(first.dir, name)), { recursive: true });
      writeFileSync(path.join(first.dir, name), randomBytes(size));
    }
    goLive(first, outDir);
    const rows: [string, DeployReport][] = [];
    const measure = async (label: string): Promise<void> => {
      rows.push([label, await target.deploy(outDir, label)]);
    };
    await measure('first deploy');
    await measure('nothing changed');
    const edited = startRelease(outDir, '20270101-000000000-2');
    for (const name of site.keys()) {
      mkdirSync(path.dirname(path.join(edited.dir, name)), { recursive: true });
      if (name === 'en/news/item-5/index.html') writeFileSync(path.join(edited.dir, name), randomBytes(12_000));
      else linkSync(path.join(first.dir, name), path.join(edited.dir, name));
    }
    goLive(edited, outDir);
    await measure('after one edit');
    const megabytes = [...site.values()].reduce((sum, size) => sum + size, 0) / 1024 / 1024;
    process.stdout.write(`\nDeploy, N=${documents} documents (${site.size} files, ${megabytes.toFixed(0)} MB), s3rver on 127.0.0.1:\n`);
    process.stdout.write(`| run | time | uploaded | unchanged | deleted |\n|---|---|---|---|---|\n`);
    for (const [label, report] of rows) process.stdout.write(`| ${label} | ${(report.durationMs / 1000).toFixed(1)} s | ${report.uploaded} | ${report.unchanged} | ${report.deleted} |\n`);
  } finally {
    await target.dispose();
    await pendingRemovals();
    rmSync(root, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench:deploy failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
