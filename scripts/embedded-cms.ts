// Starts the CMS of cms/ as a child process and waits until it answers: used by
// `npm run build` when no STRAPI_URL is given, and by the integration tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

import { projectRoot } from './paths.js';

const cmsDir = path.join(projectRoot, 'cms');

export interface EmbeddedCmsOptions {
  /** Where the token files and the log go. */
  stateDir: string;
  /** Extra environment for the CMS (database settings, secrets, admin account). */
  env?: Record<string, string>;
  port?: number;
  serveAdmin?: boolean;
  /** How long the first start (schema sync and seeding) may take. */
  startTimeoutMs?: number;
}

export interface EmbeddedCms {
  url: string;
  buildToken: string;
  previewToken: string;
  logFile: string;
  stop(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const logTail = (logFile: string): string => {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
};

/** Whether a CMS answers on its health endpoint (Strapi says 204). */
export const cmsAnswers = async (url: string, timeoutMs = 2_000): Promise<boolean> => {
  try {
    const response = await fetch(`${url}/_health`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.status === 204 || response.ok;
  } catch {
    return false;
  }
};

const waitForHealth = async (url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The CMS exited with code ${child.exitCode} while starting. Its log (${logFile}) ends with:\n${logTail(logFile)}`);
    if (await cmsAnswers(url)) return;
    await sleep(250);
  }
  throw new Error(`The CMS did not answer at ${url} within ${timeoutMs / 1000} s. Its log (${logFile}) ends with:\n${logTail(logFile)}`);
};

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });

export const startEmbeddedCms = async (options: EmbeddedCmsOptions): Promise<EmbeddedCms> => {
  mkdirSync(options.stateDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(options.stateDir, 'cms.log');
  const buildTokenFile = path.join(options.stateDir, 'build-token');
  const previewTokenFile = path.join(options.stateDir, 'preview-token');
  const log = openSync(logFile, 'a');
  const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, path.join(cmsDir, 'scripts', 'serve.ts')], {
    cwd: cmsDir,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      STRAPI_SERVE_ADMIN: options.serveAdmin ? 'true' : 'false',
      BUILD_TOKEN_FILE: buildTokenFile,
      PREVIEW_TOKEN_FILE: previewTokenFile,
      NODE_ENV: process.env.NODE_ENV === 'test' ? 'development' : (process.env.NODE_ENV ?? 'development'),
      ...options.env,
    },
  });
  closeSync(log);
  try {
    await waitForHealth(url, child, logFile, options.startTimeoutMs ?? 180_000);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    url,
    buildToken: readFileSync(buildTokenFile, 'utf8').trim(),
    previewToken: readFileSync(previewTokenFile, 'utf8').trim(),
    logFile,
    stop: () => stopChild(child),
  };
};
