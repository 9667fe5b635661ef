// The benchmark's CMS: a database of its own (SQLite under .cache/bench, or the PostgreSQL
// database BENCH_DATABASE_URL names), grown to N synthetic documents by the loader in cms/,
// then served by a real Strapi for the builds to fetch from. Editing a study goes through the
// admin API, as an editor's Publish does.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedCms, type EmbeddedCms } from '../scripts/embedded-cms.js';
import { projectRoot } from '../scripts/paths.js';

export interface BenchDatabase {
  /** Environment that points Strapi at the database. */
  env: Record<string, string>;
  label: string;
  /** SQLite keeps one file per size, so every size is loaded before anything is measured. */
  file: string | null;
}

// Only this machine's benchmark signs in with it; the CMS listens on 127.0.0.1.
const ADMIN = { email: 'bench@example.org', password: 'Bench-only-Passw0rd' };

/**
 * The database of one size. On SQLite, content-<N>.db; a missing one starts as a copy of the
 * largest smaller one, so 10,000 documents cost loading 8,000 after 2,000. On PostgreSQL, the
 * one database BENCH_DATABASE_URL names, grown from size to size.
 */
export const benchDatabase = (benchDir: string, documents: number): BenchDatabase => {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) return { env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url }, label: `PostgreSQL (${new URL(url).pathname.slice(1)})`, file: null };
  const file = path.join(benchDir, `content-${documents}.db`);
  if (!existsSync(file)) {
    const smaller = readdirSync(benchDir)
      .map((name) => /^content-(\d+)\.db$/.exec(name))
      .filter((match): match is RegExpExecArray => match !== null && Number(match[1]) < documents)
      .sort((a, b) => Number(b[1]) - Number(a[1]))[0];
    if (smaller) copyFileSync(path.join(benchDir, smaller[0]), file);
  }
  return { env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file }, label: 'SQLite', file };
};

const cmsEnv = (database: BenchDatabase, stateDir: string): Record<string, string> => ({
  ...database.env,
  STRAPI_ADMIN_EMAIL: ADMIN.email,
  STRAPI_ADMIN_PASSWORD: ADMIN.password,
  BUILD_TOKEN_FILE: path.join(stateDir, 'build-token'),
  PREVIEW_TOKEN_FILE: path.join(stateDir, 'preview-token'),
});

/** Grows the database to `documents` synthetic documents (never shrinks it). */
export const growContent = (database: BenchDatabase, stateDir: string, documents: number, log: (line: string) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    mkdirSync(stateDir, { recursive: true });
    const cmsDir = path.join(projectRoot, 'cms');
    const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const child = spawn(process.execPath, [tsx, path.join(cmsDir, 'scripts', 'bench', 'load-content.ts')], {
      cwd: cmsDir,
      env: { ...process.env, ...cmsEnv(database, stateDir), BENCH_DOCUMENTS: String(documents), NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.startsWith('bench content:')) log(line);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Loading the benchmark content failed (exit ${code}):\n${errors}`))));
  });

export const startBenchCms = (database: BenchDatabase, stateDir: string): Promise<EmbeddedCms> =>
  startEmbeddedCms({ stateDir, env: cmsEnv(database, stateDir), startTimeoutMs: 600_000 });

interface Found {
  results: { documentId: string; theme: string }[];
}

/** An admin session for the bench editor; Strapi allows five sign-ins per five minutes. */
export const signIn = async (cmsUrl: string): Promise<string> => {
  const response = await fetch(`${cmsUrl}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const body = (await response.json()) as { data?: { token?: string } };
  if (!body.data?.token) throw new Error(`The bench editor could not sign in (${response.status})`);
  return body.data.token;
};

/**
 * Changes the theme of the synthetic study with this English slug and publishes it, as an
 * editor would; returns its documentId.
 */
export const editStudy = async (cmsUrl: string, adminToken: string, slug: string, theme: string): Promise<string> => {
  const headers = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
  const base = `${cmsUrl}/content-manager/collection-types/api::study.study`;
  const found = (await (await fetch(`${base}?locale=en&filters[slug][$eq]=${encodeURIComponent(slug)}`, { headers })).json()) as Found;
  const study = found.results[0];
  if (!study) throw new Error(`No study with the slug ${slug} to edit`);
  const published = await fetch(`${base}/${study.documentId}/actions/publish?locale=en`, { method: 'POST', headers, body: JSON.stringify({ theme }) });
  if (!published.ok) throw new Error(`Publishing the edit of ${slug} failed with ${published.status}: ${(await published.text()).slice(0, 300)}`);
  return study.documentId;
};

/**
 * Writes and publishes a new English news item dated after every synthetic one, so it enters
 * its lists at the top, as an editor's newest item does; returns its documentId.
 */
export const publishNewsItem = async (cmsUrl: string, adminToken: string, title: string): Promise<string> => {
  const headers = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
  const base = `${cmsUrl}/content-manager/collection-types/api::article.article`;
  const slug = `bench-news-${Date.now()}`;
  const data = { title, slug, date: '2031-01-01', body: [{ type: 'paragraph', children: [{ type: 'text', text: `${title}: a news item published during the benchmark.` }] }] };
  const created = await fetch(`${base}?locale=en`, { method: 'POST', headers, body: JSON.stringify(data) });
  const body = (await created.json()) as { data?: { documentId?: string } };
  const documentId = body.data?.documentId;
  if (!created.ok || !documentId) throw new Error(`Creating the news item ${slug} failed with ${created.status}`);
  const published = await fetch(`${base}/${documentId}/actions/publish?locale=en`, { method: 'POST', headers, body: JSON.stringify(data) });
  if (!published.ok) throw new Error(`Publishing the news item ${slug} failed with ${published.status}: ${(await published.text()).slice(0, 300)}`);
  return documentId;
};

/** Deletes a document the benchmark added, so that the next run measures the same content. */
export const deleteNewsItem = async (cmsUrl: string, adminToken: string, documentId: string): Promise<void> => {
  const response = await fetch(`${cmsUrl}/content-manager/collection-types/api::article.article/${documentId}?locale=*`, { method: 'DELETE', headers: { Authorization: `Bearer ${adminToken}` } });
  if (!response.ok) throw new Error(`Deleting the benchmark's news item ${documentId} failed with ${response.status}`);
};
