// Which CMS the build reads: the one named by STRAPI_URL and STRAPI_TOKEN; else a local CMS
// already running on PORT (its token file tells the key); else the embedded CMS of cms/,
// started for the build and stopped after it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PipelineEnv } from '../config.js';
import { cmsAnswers, startEmbeddedCms } from '../embedded-cms.js';
import { projectRoot } from '../paths.js';

export interface CmsConnection {
  url: string;
  token: string;
  /** How it was found, for the progress output. */
  origin: 'environment' | 'running' | 'embedded';
  stop(): Promise<void>;
}

export const localStateDir = path.join(projectRoot, 'cms', '.tmp');

export const connectCms = async (env: PipelineEnv, options: { serveAdmin?: boolean } = {}): Promise<CmsConnection> => {
  if (env.STRAPI_URL && env.STRAPI_TOKEN) {
    return { url: env.STRAPI_URL.replace(/\/+$/, ''), token: env.STRAPI_TOKEN, origin: 'environment', stop: async () => {} };
  }
  const localUrl = `http://127.0.0.1:${env.PORT}`;
  const tokenFile = path.join(localStateDir, 'build-token');
  if ((await cmsAnswers(localUrl, 1_000)) && existsSync(tokenFile)) {
    return { url: localUrl, token: readFileSync(tokenFile, 'utf8').trim(), origin: 'running', stop: async () => {} };
  }
  // The embedded CMS keeps its usual local state (cms/.tmp), so a build sees what the
  // editor wrote with `npm run cms`.
  // The first start with the admin builds it (a minute here, several on slower machines).
  const cms = await startEmbeddedCms({ stateDir: localStateDir, port: env.PORT, serveAdmin: options.serveAdmin ?? false, startTimeoutMs: options.serveAdmin ? 15 * 60_000 : 3 * 60_000 });
  return { url: cms.url, token: cms.buildToken, origin: 'embedded', stop: cms.stop };
};
