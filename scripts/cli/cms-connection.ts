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

/** The key a token file holds (the CMS writes it), or undefined when there is no file or it is empty. */
export const keyInFile = (file: string | undefined): string | undefined => {
  if (!file || !existsSync(file)) return undefined;
  return readFileSync(file, 'utf8').trim() || undefined;
};

export interface ConnectOptions {
  serveAdmin?: boolean;
  /**
   * With STRAPI_URL and BUILD_TOKEN_FILE: how long to wait for the CMS to write the key. Started
   * together (the recipe's compose file), the pipeline is up before the CMS's first start has
   * made its tokens.
   */
  tokenFileWaitMs?: number;
  tokenFilePollMs?: number;
  onWaiting?: (file: string) => void;
}

const waitForKey = async (file: string, options: ConnectOptions): Promise<string | undefined> => {
  const deadline = Date.now() + (options.tokenFileWaitMs ?? 5 * 60_000);
  let key = keyInFile(file);
  if (key === undefined) options.onWaiting?.(file);
  while (key === undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, options.tokenFilePollMs ?? 2_000));
    key = keyInFile(file);
  }
  return key;
};

export const connectCms = async (env: PipelineEnv, options: ConnectOptions = {}): Promise<CmsConnection> => {
  if (env.STRAPI_URL) {
    const url = env.STRAPI_URL.replace(/\/+$/, '');
    const token = env.STRAPI_TOKEN ?? (env.BUILD_TOKEN_FILE ? await waitForKey(env.BUILD_TOKEN_FILE, options) : undefined);
    if (token) return { url, token, origin: 'environment', stop: async () => {} };
    throw new Error(`STRAPI_URL is set, but STRAPI_TOKEN is not and BUILD_TOKEN_FILE (${env.BUILD_TOKEN_FILE}) holds no key yet: start the CMS first (it writes the key there), or set STRAPI_TOKEN.`);
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
