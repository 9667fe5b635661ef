// Under `npm start`: a deploy after each successful build. Builds can finish faster than a
// deploy uploads, so requests made while one runs become one more deploy after it, of what is
// live then; a failed deploy is reported and left to the next build's (the bucket keeps a
// complete release meanwhile).
import type { BuildReport, DeployReport } from '../publish/report.js';
import { deployRelease, recordDeploy } from './deploy.js';
import { describeDeploy } from './describe.js';
import { createDeployProgress } from './progress.js';
import type { StoreSettings } from './store.js';

export interface DeployAfterBuild {
  /** Called with each build's report: a successful build is deployed. */
  onBuilt: (report: BuildReport) => void;
  /** Resolves once no deploy runs or waits to run. */
  idle: () => Promise<void>;
  /** Stops a deploy under way (cleanly: see deploy.ts) and waits for it. */
  stop: () => Promise<void>;
}

export const createDeployAfterBuild = (outDir: string, settings: StoreSettings, write: (text: string) => void = (text) => process.stdout.write(text)): DeployAfterBuild => {
  const controller = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      write('Deploying the new release…\n');
      const deploy: DeployReport = await deployRelease({ outDir, settings, signal: controller.signal, onEvent: createDeployProgress() });
      recordDeploy(outDir, deploy);
      write(`${describeDeploy(deploy)}\n`);
    } while (again && !controller.signal.aborted);
  };
  return {
    onBuilt: (report) => {
      if (report.status !== 'ok' || controller.signal.aborted) return;
      if (running) {
        again = true;
        return;
      }
      running = run().finally(() => {
        running = null;
      });
    },
    idle: async () => {
      while (running) await running;
    },
    stop: async () => {
      controller.abort();
      await running;
    },
  };
};
