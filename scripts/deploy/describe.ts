// A deploy in one line, for the CLI's output (no SDK here: the build's CLI prints it too).
import type { DeployReport } from '../publish/report.js';

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The deploy in one line, for the CLI's output. */
export const describeDeploy = (deploy: DeployReport): string =>
  deploy.status === 'ok'
    ? `Deployed ${deploy.release} to ${deploy.target} in ${(deploy.durationMs / 1000).toFixed(1)} s: ${deploy.uploaded} uploaded (${megabytes(deploy.bytes)}), ${deploy.unchanged} unchanged, ${deploy.deleted} deleted, ${deploy.redirects} redirect(s)`
    : `Deploy to ${deploy.target} failed after ${(deploy.durationMs / 1000).toFixed(1)} s (${deploy.uploaded} uploaded, ${deploy.deleted} deleted): ${deploy.error}`;
