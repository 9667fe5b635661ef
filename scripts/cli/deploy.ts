// `npm run deploy`: publishes the live release (dist/) to the object store DEPLOY_TARGET names,
// and adds what it did to the build report. Ctrl-C stops it cleanly: the bucket keeps serving a
// complete release, and the next deploy finishes the job. `--verify` lists the bucket instead of
// trusting the manifest the last deploy left: for a bucket someone changed by hand.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDotEnv, readEnv, siteDirOf } from '../config.js';
import { deployRelease, recordDeploy } from '../deploy/deploy.js';
import { describeDeploy } from '../deploy/describe.js';
import { createDeployProgress } from '../deploy/progress.js';
import { storeSettingsOf } from '../deploy/store.js';
import { describeTarget } from '../deploy/target.js';

const main = async (): Promise<number> => {
  const { values } = parseArgs({ options: { out: { type: 'string' }, verify: { type: 'boolean', default: false } } });
  loadDotEnv();
  const env = readEnv();
  const settings = storeSettingsOf(env);
  if (!settings) {
    process.stderr.write('DEPLOY_TARGET is not set: set it to s3://bucket or s3://bucket/prefix (see "Deploying to an object store" in the README).\n');
    return 1;
  }
  const outDir = values.out ? path.resolve(values.out) : siteDirOf(env);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  process.stdout.write(`Deploying ${outDir} to ${describeTarget(settings.target)}${settings.endpoint ? ` at ${settings.endpoint}` : ''}\n`);
  const deploy = await deployRelease({ outDir, settings, signal: stop.signal, onEvent: createDeployProgress(), verify: values.verify });
  recordDeploy(outDir, deploy);
  (deploy.status === 'ok' ? process.stdout : process.stderr).write(`${describeDeploy(deploy)}\n`);
  return deploy.status === 'ok' ? 0 : 1;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Deploy failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
