// The benchmark's object store and its deploys: s3rver on 127.0.0.1 (its objects on local disk,
// the one the deploy tests use), a deploy of the live release to it that must succeed, and the
// files a build rewrote (those not linked from the release before it), against which a deploy's
// uploads are checked: after an edit, a deploy should upload only what the build wrote again.
import { statSync } from 'node:fs';
import path from 'node:path';
import { deployRelease } from '../scripts/deploy/deploy.js';
import { listFiles } from '../scripts/lib/files.js';
import type { DeployReport } from '../scripts/publish/report.js';
import { startObjectStore, STORE_KEY, STORE_SECRET } from '../tests/support/object-store.js';

export interface BenchDeployTarget {
  /** Deploys what is live at `outDir`; throws when the deploy fails. */
  deploy: (outDir: string, label: string) => Promise<DeployReport>;
  dispose: () => Promise<void>;
}

export const startDeployTarget = async (): Promise<BenchDeployTarget> => {
  const store = await startObjectStore();
  const settings = { target: { bucket: store.bucket, prefix: '' }, endpoint: store.endpoint, region: 'us-east-1', accessKeyId: STORE_KEY, secretAccessKey: STORE_SECRET, forcePathStyle: true };
  return {
    deploy: async (outDir, label) => {
      const report = await deployRelease({ outDir, settings });
      if (report.status !== 'ok') throw new Error(`The deploy ${label} failed: ${report.error}`);
      return report;
    },
    dispose: () => store.dispose(),
  };
};

/** Each file of the live release by its identity (device and inode): builds link the files they keep. */
export const fileIdentities = (outDir: string): Map<string, string> => {
  const root = path.resolve(outDir);
  return new Map(
    listFiles(root).map((name) => {
      const stats = statSync(path.join(root, name));
      return [name, `${stats.dev}:${stats.ino}`];
    }),
  );
};

/** Files of the live release the last build wrote (new, or not the file `before` had under that name). */
export const rewrittenSince = (before: ReadonlyMap<string, string>, outDir: string): string[] =>
  [...fileIdentities(outDir)].filter(([name, identity]) => before.get(name) !== identity).map(([name]) => name);
