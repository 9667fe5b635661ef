// Small HTTP helpers for talking to the real CMS the way its clients do: the content API
// with a bearer token, and the admin's content-manager API as an editor.
import type { CmsInstance } from './cms-instances.js';

export interface HttpResult {
  status: number;
  text: string;
  json: unknown;
}

const request = async (url: string, init: RequestInit = {}): Promise<HttpResult> => {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON; the text is still there to assert on
  }
  return { status: response.status, text, json };
};

/** GET on the content API, with the given token or none. `query` is appended verbatim. */
export const contentApi = (cms: CmsInstance, pathAndQuery: string, token?: string): Promise<HttpResult> =>
  request(`${cms.url}/api/${pathAndQuery}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

/** All documents of a collection in one locale, through the build token (up to 100). */
export const listDocuments = async <T>(cms: CmsInstance, pluralName: string, locale: string, query = ''): Promise<T[]> => {
  const result = await contentApi(cms, `${pluralName}?locale=${locale}&status=published&pagination[pageSize]=100${query}`, cms.buildToken);
  if (result.status !== 200) throw new Error(`GET ${pluralName} (${locale}) gave ${result.status}: ${result.text.slice(0, 300)}`);
  return (result.json as { data: T[] }).data;
};

export interface Editor {
  get(path: string): Promise<HttpResult>;
  send(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<HttpResult>;
  /** Uploads one file to the media library, as the admin's upload dialog does; answers the file's id. */
  upload(file: { name: string; type: string; bytes: Uint8Array<ArrayBuffer> }, info?: { alternativeText?: string; caption?: string }): Promise<number>;
}

// Strapi allows five admin sign-ins per five minutes and address, and the test files share
// the CMS: the global setup signs in once and hands its session to every file (adminToken);
// within a file, one editor per CMS.
const sessions = new Map<string, Promise<Editor>>();

/** Signs in to the admin as the editor the CMS was started with (once per CMS and run). */
export const signInEditor = (cms: CmsInstance): Promise<Editor> => {
  const key = `${cms.url} ${cms.adminEmail}`;
  let session = sessions.get(key);
  if (!session) {
    session = signIn(cms);
    sessions.set(key, session);
    session.catch(() => sessions.delete(key));
  }
  return session;
};

/** A fresh admin session token for the CMS's editor. */
export const adminLogin = async (cms: Pick<CmsInstance, 'url' | 'adminEmail' | 'adminPassword'>): Promise<string> => {
  const login = await request(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: cms.adminEmail, password: cms.adminPassword }),
  });
  const token = (login.json as { data?: { token?: string } } | null)?.data?.token;
  if (!token) throw new Error(`Admin login failed with ${login.status}: ${login.text.slice(0, 300)}`);
  return token;
};

const signIn = async (cms: CmsInstance): Promise<Editor> => {
  const token = cms.adminToken ?? (await adminLogin(cms));
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  return {
    get: (path) => request(`${cms.url}${path}`, { headers }),
    send: (method, path, body) => request(`${cms.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    upload: async (file, info = {}) => {
      const form = new FormData();
      form.append('files', new Blob([file.bytes], { type: file.type }), file.name);
      form.append('fileInfo', JSON.stringify({ name: file.name, alternativeText: info.alternativeText ?? '', caption: info.caption ?? '' }));
      const result = await request(`${cms.url}/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
      const id = (result.json as { id?: number }[] | null)?.[0]?.id;
      if ((result.status !== 200 && result.status !== 201) || typeof id !== 'number') throw new Error(`Upload of ${file.name} gave ${result.status}: ${result.text.slice(0, 300)}`);
      return id;
    },
  };
};

export const documentIdOf = (result: HttpResult): string => {
  const id = (result.json as { data?: { documentId?: string } } | null)?.data?.documentId;
  if (!id) throw new Error(`Expected a document in the answer, got ${result.status}: ${result.text.slice(0, 300)}`);
  return id;
};
