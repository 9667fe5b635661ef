// The sample content is loaded on the first start only: a second start adds nothing, and a
// sample document an editor deleted stays deleted.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedCms } from '../../scripts/embedded-cms.js';
import type { CmsInstance } from '../support/cms-instances.js';
import { freshDatabases, secretEnv } from '../support/cms-under-test.js';
import { contentApi, signInEditor } from '../support/strapi-http.js';

const COLLECTIONS = ['studies', 'events', 'articles', 'axes', 'sdgs', 'cities'];

const databases = freshDatabases('cms-restart');

test.each(databases)('starting twice on %s seeds nothing new', async (_name, prepare) => {
  const database = await prepare();
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'cms-restart-state-'));
  const env = { ...secretEnv(), ...database.env, STRAPI_ADMIN_EMAIL: 'restart@example.test', STRAPI_ADMIN_PASSWORD: 'Restart-Check-123' };
  const asInstance = (url: string, buildToken: string): CmsInstance => ({
    database: 'sqlite', url, buildToken, previewToken: '', previewSecret: '', adminEmail: env.STRAPI_ADMIN_EMAIL, adminPassword: env.STRAPI_ADMIN_PASSWORD, logFile: '',
  });
  const count = async (cms: CmsInstance): Promise<Record<string, number>> => {
    const totals: Record<string, number> = {};
    for (const collection of COLLECTIONS) {
      for (const locale of ['en', 'es']) {
        const result = await contentApi(cms, `${collection}?locale=${locale}&pagination[pageSize]=1`, cms.buildToken);
        totals[`${collection}/${locale}`] = (result.json as { meta: { pagination: { total: number } } }).meta.pagination.total;
      }
    }
    return totals;
  };

  try {
    const first = await startEmbeddedCms({ stateDir, env });
    const firstInstance = asInstance(first.url, first.buildToken);
    const before = await count(firstInstance);
    expect(before['studies/en']).toBe(2);
    expect(before['sdgs/es']).toBe(17);
    // An editor deletes one sample document.
    const editor = await signInEditor(firstInstance);
    const articles = (await contentApi(firstInstance, 'articles?locale=en', first.buildToken)).json as { data: { documentId: string }[] };
    const deleted = await editor.send('DELETE', `/content-manager/collection-types/api::article.article/${articles.data[0]!.documentId}?locale=*`);
    expect(deleted.status).toBe(200);
    await first.stop();

    const second = await startEmbeddedCms({ stateDir, env });
    try {
      const after = await count(asInstance(second.url, second.buildToken));
      expect(after).toEqual({ ...before, 'articles/en': 0, 'articles/es': 0 });
      const log = readFileSync(second.logFile, 'utf8');
      expect(log.match(/Loaded the sample content/g)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  } finally {
    await database.drop();
  }
});
