// Helpers for the fault tests: hashing a plain directory (the output before it was ever a
// symlink), finding and killing the process that listens on a port, running the build CLI as
// a child process, and reading the text of a PDF the way a viewer would.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { listFiles } from '../../scripts/lib/files.js';

/** SHA-256 of every file under a directory (which need not be a symlink), by relative path. */
export const hashTree = (dir: string): Record<string, string> => {
  const files: Record<string, string> = {};
  for (const file of listFiles(dir)) files[file] = createHash('sha256').update(readFileSync(path.join(dir, file))).digest('hex');
  return files;
};

/** A port nothing listens on (bound, then released). */
export const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The socket inodes listening on a TCP port, from /proc/net/tcp{,6} (Linux). */
const listeningInodes = (port: number): Set<string> => {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const local = cols[1] ?? '';
      const state = cols[3];
      const localPort = Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
      if (state === '0A' && localPort === port && cols[9] && cols[9] !== '0') inodes.add(cols[9]);
    }
  }
  return inodes;
};

/** The pid of the process that listens on `port` on this machine, or null. (The embedded CMS
 * runs under tsx, which forks: the listener is a grandchild of the pid we spawned.) */
export const pidListeningOn = (port: number): number | null => {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        const match = /^socket:\[(\d+)\]$/.exec(target);
        if (match && inodes.has(match[1]!)) return Number(entry);
      } catch {
        // the descriptor closed while we looked
      }
    }
  }
  return null;
};

/** True once a TCP connection to the URL is refused; false if it still answers at the deadline. */
export const waitUntilRefused = async (url: string, timeoutMs = 10_000): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/_health`, { signal: AbortSignal.timeout(1_000) });
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
};

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in `cwd` with exactly `env`, collecting its output; killed after timeoutMs. */
export const runNode = (args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<ProcessResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });

/** The text of every page of a PDF, as pdfjs extracts it (what a reader copies or searches). */
export const pdfText = async (bytes: Buffer): Promise<string> => {
  // pdfjs takes ownership of (and detaches) the array it is given: hand it a copy.
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    let text = '';
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      text += '\n';
    }
    return text;
  } finally {
    await pdf.destroy();
  }
};
