// Publishes the live release to an object store. Under the lock: the release's files and
// hashes, the bucket's manifest (the first call, a read: wrong keys or a missing bucket fail
// here, before anything changes), a listing only when there is no manifest or the operator
// asks to verify, the plan, a manifest that vouches only for what stays, the uploads phase by
// phase (media, pages, redirects, feeds; a phase starts once the one before is complete, and a
// failure starts nothing more), the deletions, and the manifest of the release. Stopped anywhere, the bucket serves a complete release (old files
// are only deleted at the end) and the next deploy finishes the job.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { DeployReport } from '../publish/report.js';
import { reportPathFor, writeReport, type BuildReport } from '../publish/report.js';
import { parseRedirects } from '../server/redirect-rules.js';
import { hashCacheOf, hashRelease } from './hashes.js';
import { acquireDeployLock } from './lock.js';
import { EMPTY_MANIFEST, namesToInspect, planDeploy, PHASES, recordedContents, sameState, wantedObjects, type Manifest, type ObjectState, type Phase, type WantedObject } from './plan.js';
import { DeployError, openStore, type StoreSettings } from './store.js';
import { describeTarget } from './target.js';

export type DeployEvent =
  | { kind: 'waiting'; holder: string }
  | { kind: 'planned'; release: string; uploads: number; unchanged: number; deletions: number; bytes: number }
  | { kind: 'uploaded'; name: string; phase: Phase; done: number; total: number; bytesDone: number; bytesTotal: number }
  | { kind: 'deleted'; count: number };

export interface DeployOptions {
  /** The output: a symlink to the live release (dist). */
  outDir: string;
  settings: StoreSettings;
  /** Uploads in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
  onEvent?: (event: DeployEvent) => void;
  /** How often a deploy waiting for another looks at the lock. */
  lockPollMs?: number;
  /**
   * List the bucket and look at every object the manifest cannot vouch for, instead of trusting
   * the manifest: for a bucket changed by hand (`npm run deploy -- --verify`).
   */
  verify?: boolean;
}

const LISTED_NAMES = 200;

/** Runs `work` over `items`, at most `limit` at once; after the first failure nothing more starts, and that failure is thrown once all in flight are done. */
const eachLimited = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
};

const sameManifest = (a: Manifest, b: Manifest): boolean =>
  a.release === b.release &&
  a.pending.length === 0 &&
  b.pending.length === 0 &&
  Object.keys(a.objects).length === Object.keys(b.objects).length &&
  Object.entries(b.objects).every(([name, state]) => a.objects[name] !== undefined && sameState(a.objects[name] as ObjectState, state));

/** Deploys the live release of `outDir`; the account of it says whether it failed, and why. */
export const deployRelease = async (options: DeployOptions): Promise<DeployReport> => {
  const startedAt = new Date();
  const report: DeployReport = {
    status: 'failed',
    target: describeTarget(options.settings.target),
    release: null,
    startedAt: startedAt.toISOString(),
    durationMs: 0,
    uploaded: 0,
    unchanged: 0,
    deleted: 0,
    bytes: 0,
    redirects: 0,
    uploadedFiles: [],
    deletedFiles: [],
    error: null,
  };
  const { signal } = options;
  let unlock: (() => void) | null = null;
  const store = openStore(options.settings);
  try {
    unlock = await acquireDeployLock(options.outDir, { signal, pollMs: options.lockPollMs, onWait: (holder) => options.onEvent?.({ kind: 'waiting', holder }) });
    // Resolved once the lock is ours: a deploy that waited deploys what is live now.
    if (!existsSync(options.outDir)) throw new DeployError(`There is no site at ${options.outDir} to deploy: run npm run build first.`, { file: options.outDir });
    const root = realpathSync(options.outDir);
    const release = path.basename(root);
    report.release = release;

    const files = await hashRelease(root, hashCacheOf(options.outDir)).catch((error: unknown) => {
      throw new DeployError(`Could not read the release ${release} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): a newer build may have reused it; deploy again.`, { file: root }, { cause: error });
    });
    const rulesFile = path.join(root, '_redirects');
    const rules = existsSync(rulesFile) ? parseRedirects(readFileSync(rulesFile, 'utf8')) : [];
    const wanted = wantedObjects(files, rules);
    report.redirects = wanted.filter((object) => object.redirect !== null).length;

    // Reads first: a wrong key, secret, region or bucket stops the deploy here, the bucket untouched.
    const recorded = await store.readManifest(signal);
    const manifest = recorded ?? EMPTY_MANIFEST;
    const inspected = new Map<string, ObjectState>();
    let listed: Map<string, number>;
    if (recorded !== null && options.verify !== true) listed = recordedContents(recorded);
    else {
      listed = await store.list(signal);
      await eachLimited(namesToInspect(wanted, manifest, listed), options.concurrency ?? 8, async (name) => {
        const state = await store.inspect(name, signal);
        if (state) inspected.set(name, state);
      });
    }
    const plan = planDeploy(release, wanted, manifest, listed, inspected);
    report.unchanged = plan.unchanged;
    const bytesTotal = plan.uploads.reduce((sum, object) => sum + object.size, 0);
    options.onEvent?.({ kind: 'planned', release, uploads: plan.uploads.length, unchanged: plan.unchanged, deletions: plan.deletions.length, bytes: bytesTotal });

    if (plan.uploads.length > 0 || plan.deletions.length > 0) {
      await store.writeManifest(plan.interim, signal);
      for (const phase of PHASES) {
        const batch = plan.uploads.filter((object) => object.phase === phase);
        await eachLimited(batch, options.concurrency ?? 8, async (object: WantedObject) => {
          signal?.throwIfAborted();
          await store.upload(object, signal);
          report.uploaded += 1;
          report.bytes += object.size;
          if (report.uploadedFiles.length < LISTED_NAMES) report.uploadedFiles.push(object.name);
          options.onEvent?.({ kind: 'uploaded', name: object.name, phase, done: report.uploaded, total: plan.uploads.length, bytesDone: report.bytes, bytesTotal });
        });
      }
      signal?.throwIfAborted();
      // Only now: until every new file is up, readers may still be on pages that use the old ones.
      await store.remove(plan.deletions, signal);
      report.deleted = plan.deletions.length;
      report.deletedFiles = plan.deletions.slice(0, LISTED_NAMES);
      if (plan.deletions.length > 0) options.onEvent?.({ kind: 'deleted', count: plan.deletions.length });
    }
    if (!sameManifest(manifest, plan.final)) await store.writeManifest(plan.final, signal);
    report.status = 'ok';
  } catch (error) {
    report.error =
      error instanceof DeployError
        ? error.message
        : (error as Error).name === 'AbortError'
          ? 'The deploy was stopped; the bucket serves a complete release, and the next deploy finishes the job.'
          : `${(error as Error).name ?? 'Error'}: ${(error as Error).message ?? String(error)}`;
  } finally {
    unlock?.();
    store.close();
    report.durationMs = Date.now() - startedAt.getTime();
  }
  return report;
};

/** Adds a deploy to the build report of the release it deployed (not to a newer build's). */
export const recordDeploy = (outDir: string, deploy: DeployReport): boolean => {
  const file = reportPathFor(outDir);
  let report: BuildReport;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as BuildReport;
  } catch {
    return false;
  }
  if (report.release === null || report.release !== deploy.release) return false;
  writeReport(file, { ...report, deploy });
  return true;
};
