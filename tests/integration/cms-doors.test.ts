// Closed doors: nothing anonymous, nothing unpublished, nothing malformed gets through.
import { COLLECTION_QUERIES, localeQuery } from '../../scripts/fetch/queries.js';
import { loadCmsInstances } from '../support/cms-instances.js';
import { contentTypeSchemas } from '../support/cms-schemas.js';
import { contentApi, documentIdOf, signInEditor, type Editor } from '../support/strapi-http.js';

const PLURALS = ['studies', 'events', 'articles', 'axes', 'sdgs', 'cities', 'good-practices'];
// Every collection's find, and its bulk export for the build token (same doors, same guard).
const COLLECTIONS = [...PLURALS, ...PLURALS.map((plural) => `export/${plural}`)];
const SENTINEL = `DRAFT-SENTINEL-${Date.now().toString(36)}`;
// The change feed is asked for what changed since before this file made anything.
const FILE_STARTED = new Date(Date.now() - 1000).toISOString();
const CHANGES = `export/changes?since=${FILE_STARTED}`;
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;

describe.each(loadCmsInstances())('closed doors on $database', (cms) => {
  test.each([...COLLECTIONS, 'site-setting', 'export/changes', 'export/history'])('the Public role gets 403 on %s', async (path) => {
    expect((await contentApi(cms, path)).status).toBe(403);
    expect((await contentApi(cms, `${path}?status=published&locale=en`)).status).toBe(403);
  });

  test("the CMS holds the pipeline's two tokens and no other: Strapi's default Read Only and Full Access are gone", async () => {
    const editor = await signInEditor(cms);
    const listed = await editor.get('/admin/api-tokens');
    expect(listed.status).toBe(200);
    const names = (listed.json as { data: { name: string; type: string }[] }).data.map((token) => `${token.name} (${token.type})`).sort();
    expect(names).toEqual(['pipeline-build (custom)', 'pipeline-preview (custom)']);
  });

  test('the content API answers nothing but the content types and the change feed: no uploads, users or locales', async () => {
    // The builds' publication records are read through export/history only, never as a collection.
    const records = contentTypeSchemas({ internal: true }).flatMap((type) => [type.pluralName, `${type.pluralName}/1`, `export/${type.pluralName}`]);
    expect(records.length).toBeGreaterThan(0);
    for (const path of ['upload/files', 'upload/files/1', 'users', 'users/me', 'i18n/locales', 'auth/local/register', 'nope', ...records]) {
      for (const token of [cms.buildToken, cms.previewToken, undefined]) {
        const result = await contentApi(cms, path, token);
        expect([path, result.status]).toEqual([path, 404]);
      }
    }
  });

  test("a scheduling plugin's routes stay closed: strapi-plugin-publisher's actions (had it been installed) get 404 with every token", async () => {
    for (const path of ['publisher/actions', 'publisher/actions?filters[entitySlug][$eq]=api::study.study', 'publisher/settings']) {
      for (const token of [cms.buildToken, cms.previewToken, undefined]) {
        expect([path, (await contentApi(cms, path, token)).status]).toEqual([path, 404]);
      }
    }
  });

  test('the schedule fields are private: in no answer, and not to select, filter or sort by', async () => {
    for (const token of [cms.buildToken, cms.previewToken]) {
      for (const plural of ['studies', 'events', 'articles']) {
        const list = await contentApi(cms, `${plural}?locale=en&status=published`, token);
        expect(list.status).toBe(200);
        const rows = (list.json as { data: Record<string, unknown>[] }).data;
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(Object.keys(row).filter((key) => key.startsWith('scheduled'))).toEqual([]);
        for (const query of ['fields[0]=scheduledPublishAt', 'filters[scheduledPublishAt][$notNull]=true', 'filters[scheduledUnpublishAt][$null]=false', 'sort=scheduledPublishAt:asc']) {
          expect([plural, query, (await contentApi(cms, `${plural}?locale=en&status=published&${query}`, token)).status]).toEqual([plural, query, 400]);
        }
      }
    }
  });

  test('a wrong token is refused with 401', async () => {
    expect((await contentApi(cms, 'studies', 'not-a-token')).status).toBe(401);
  });

  test('the content API cannot write, even with the preview token', async () => {
    for (const token of [cms.buildToken, cms.previewToken]) {
      const response = await fetch(`${cms.url}/api/studies`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { title: SENTINEL } }),
      });
      expect([403, 404, 405]).toContain(response.status);
    }
  });

  describe('drafts never leave the CMS through the build token', () => {
    let editor: Editor;
    const created: { uid: string; documentId: string }[] = [];
    let draftCityId = '';
    let draftStudyId = '';
    let publishedStudyId = '';
    let editedEventId = '';

    beforeAll(async () => {
      editor = await signInEditor(cms);
      // 1. A document that was never published, in both languages.
      draftCityId = documentIdOf(await editor.send('POST', `${cm('api::city.city')}?locale=en`, { name: `${SENTINEL} city`, country: SENTINEL, countryCode: 'ZZ' }));
      created.push({ uid: 'api::city.city', documentId: draftCityId });
      await editor.send('PUT', `${cm('api::city.city')}/${draftCityId}?locale=es`, { name: `${SENTINEL} ciudad`, country: SENTINEL, countryCode: 'ZZ' });
      draftStudyId = documentIdOf(
        await editor.send('POST', `${cm('api::study.study')}?locale=en`, {
          title: `${SENTINEL} study`, slug: `draft-${SENTINEL.toLowerCase()}`, edition: 99, year: 2099, theme: SENTINEL, summary: paragraph(SENTINEL),
        }),
      );
      created.push({ uid: 'api::study.study', documentId: draftStudyId });
      // 2. A published document whose relation points at that draft-only city.
      publishedStudyId = documentIdOf(
        await editor.send('POST', `${cm('api::study.study')}/actions/publish?locale=en`, {
          title: 'Leak check', slug: `leak-check-${Date.now()}`, edition: 98, year: 2098, theme: 'Published theme', summary: paragraph('Published summary'),
          cities: { connect: [{ documentId: draftCityId, locale: 'en' }] },
        }),
      );
      created.push({ uid: 'api::study.study', documentId: publishedStudyId });
      // 3. A published sample event with unpublished edits in its Spanish draft.
      const events = (await contentApi(cms, 'events?locale=es&fields[0]=title&pagination[pageSize]=1', cms.buildToken)).json as { data: { documentId: string }[] };
      editedEventId = events.data[0]!.documentId;
      const edit = await editor.send('PUT', `${cm('api::event.event')}/${editedEventId}?locale=es`, { venue: SENTINEL, description: paragraph(SENTINEL) });
      expect(edit.status).toBe(200);
    });

    afterAll(async () => {
      for (const { uid, documentId } of created.reverse()) await editor.send('DELETE', `${cm(uid)}/${documentId}?locale=*`);
      // Throw the unpublished edit away, leaving the sample event as it was published.
      await editor.send('POST', `${cm('api::event.event')}/${editedEventId}/actions/discard?locale=es`, {});
    });

    test('the preview token does see the drafts (so the checks below can fail)', async () => {
      const result = await contentApi(cms, `studies?status=draft&locale=en&filters[documentId]=${draftStudyId}`, cms.previewToken);
      expect(result.status).toBe(200);
      expect(result.text).toContain(SENTINEL);
      const event = await contentApi(cms, `events/${editedEventId}?status=draft&locale=es`, cms.previewToken);
      expect(event.text).toContain(SENTINEL);
      const relation = await contentApi(cms, `studies/${publishedStudyId}?status=draft&locale=en&populate[cities][fields][0]=name`, cms.previewToken);
      expect(relation.text).toContain(SENTINEL);
    });

    const queries = (): string[] => {
      const perCollection = COLLECTIONS.flatMap((c) => [
        c,
        `${c}?status=draft`,
        `${c}?status=published`,
        `${c}?status=draft&locale=es`,
        `${c}?locale=es`,
        `${c}?locale=*`,
        `${c}?populate=*`,
        `${c}?populate=*&status=draft`,
        `${c}?filters[publishedAt][$null]=true`,
        `${c}?filters[publishedAt][$notNull]=false`,
        `${c}?publicationFilter=never-published`,
        `${c}?publicationFilter=modified`,
        `${c}?publicationFilter=has-published-version`,
        `${c}?hasPublishedVersion=false`,
        `${c}?hasPublishedVersion=true`,
        `${c}?_q=${SENTINEL}`,
        `${c}?sort=publishedAt:desc`,
        `${c}?pagination[pageSize]=100&pagination[page]=1`,
      ]);
      return [
        ...perCollection,
        `cities/${draftCityId}`,
        `cities/${draftCityId}?status=draft`,
        `cities/${draftCityId}?locale=es`,
        `studies/${draftStudyId}`,
        `studies/${draftStudyId}?status=draft`,
        `studies/${publishedStudyId}?populate=*`,
        `studies/${publishedStudyId}?populate[cities][fields][0]=name`,
        `studies/${publishedStudyId}?populate[cities][filters][publishedAt][$null]=true`,
        `studies/${publishedStudyId}?populate[cities][populate]=*&status=draft`,
        `studies?filters[cities][name][$contains]=${SENTINEL}`,
        `studies?filters[title][$contains]=${SENTINEL}`,
        `studies?filters[theme][$containsi]=${SENTINEL}`,
        `events/${editedEventId}?locale=es`,
        `events/${editedEventId}?locale=es&status=draft`,
        `events?locale=es&filters[venue][$eq]=${SENTINEL}`,
        `events?locale=es&populate=*&filters[documentId]=${editedEventId}`,
        `axes?populate[studies][fields][0]=title&populate[studies][filters][publishedAt][$null]=true`,
        `cities?populate[studies]=*&status=draft`,
        `site-setting?status=draft`,
        `site-setting?populate=*`,
        CHANGES,
        `${CHANGES}&status=draft`,
      ];
    };

    test('no answer to any query carries the sentinel', async () => {
      const leaks: string[] = [];
      const statuses = new Map<number, number>();
      for (const query of queries()) {
        const result = await contentApi(cms, query, cms.buildToken);
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        if (result.status >= 500) leaks.push(`${query} -> ${result.status} ${result.text.slice(0, 200)}`);
        if (result.text.includes(SENTINEL)) leaks.push(`${query} -> ${result.status} leaks the draft`);
      }
      expect(leaks).toEqual([]);
      // Published reads still work: the door is closed to drafts, not to content.
      expect(statuses.get(200)).toBeGreaterThan(50);
    });

    test('asking for drafts is refused outright, not silently answered', async () => {
      // The export's keyset pages twice: the second is served from the checks kept for the token.
      const keysetDrafts = 'export/studies?fields[0]=title&sort[0]=documentId:asc&filters[documentId][$gt]=0&status=draft';
      for (const query of ['studies?status=draft', 'studies?publicationFilter=modified', 'studies?hasPublishedVersion=false', `studies/${draftStudyId}?status=draft`, keysetDrafts, keysetDrafts]) {
        expect([query, (await contentApi(cms, query, cms.buildToken)).status]).toEqual([query, 403]);
      }
      expect((await contentApi(cms, `studies/${draftStudyId}`, cms.buildToken)).status).toBe(404);
    });

    test('the change feed names the published change, never a draft', async () => {
      const result = await contentApi(cms, CHANGES, cms.buildToken);
      expect(result.status).toBe(200);
      const { types } = (result.json as { data: { types: Record<string, Record<string, { total: number; changed: string[] }>> } }).data;
      expect(types.study?.en?.changed).toContain(publishedStudyId);
      const named = Object.values(types).flatMap((perLocale) => Object.values(perLocale).flatMap((entry) => entry.changed));
      // The never-published city and study, and the event whose Spanish edit is only a draft.
      expect(named).not.toContain(draftCityId);
      expect(named).not.toContain(draftStudyId);
      expect(named).not.toContain(editedEventId);
      // Its counts are the published documents find counts, locale by locale.
      for (const locale of ['en', 'es']) {
        const listed = (await contentApi(cms, `studies?locale=${locale}&status=published&fields[0]=title&pagination[pageSize]=1`, cms.buildToken)).json as { meta: { pagination: { total: number } } };
        expect([locale, types.study?.[locale]?.total]).toEqual([locale, listed.meta.pagination.total]);
      }
    });

    test('the published study does not list the draft-only city it points at', async () => {
      const result = await contentApi(cms, `studies/${publishedStudyId}?populate[cities][fields][0]=name`, cms.buildToken);
      expect(result.status).toBe(200);
      expect((result.json as { data: { cities: unknown[] } }).data.cities).toEqual([]);
    });
  });

  test('a filter through a relation the token may not read is refused on every request, not only the first of a shape', async () => {
    // A token that may export studies and read nothing else: a filter through the studies'
    // cities would tell it which studies name a city, which it may not read.
    const editor = await signInEditor(cms);
    const created = await editor.send('POST', '/admin/api-tokens', { name: `export-only-${Date.now()}`, type: 'custom', lifespan: null, permissions: ['api::study.study.export'] });
    const { id, accessKey } = (created.json as { data: { id: number; accessKey: string } }).data;
    try {
      const shape = 'export/studies?locale=en&status=published&fields[0]=title';
      const all = ((await contentApi(cms, shape, accessKey)).json as { meta: { pagination: { total: number } } }).meta.pagination.total;
      expect(all).toBeGreaterThan(0);
      // Keyset paging's own filter is kept once checked; a filter beside it is not.
      const keyset = `${shape}&sort[0]=documentId:asc&filters[documentId][$gt]=0`;
      expect((await contentApi(cms, keyset, accessKey)).status).toBe(200);
      for (const extra of ['', '&sort[0]=documentId:asc&filters[documentId][$gt]=0']) {
        for (let i = 0; i < 2; i += 1) {
          const filtered = await contentApi(cms, `${shape}${extra}&filters[cities][name][$eq]=no-such-city`, accessKey);
          // Refused, or answered without the filter: never answered as asked.
          expect(filtered.status === 400 || (filtered.json as { meta: { pagination: { total: number } } }).meta.pagination.total === all).toBe(true);
        }
      }
      expect((await contentApi(cms, `${shape}&status=draft`, accessKey)).status).toBe(403);
    } finally {
      await editor.send('DELETE', `/admin/api-tokens/${id}`);
    }
    // A malformed shape is refused every time it is asked, never remembered.
    for (let i = 0; i < 2; i += 1) expect((await contentApi(cms, 'export/studies?populate[nope]=*', cms.buildToken)).status).toBe(400);
  });

  test('a token loses what it lost from its next request on: a permission, its old key, the token itself', async () => {
    const editor = await signInEditor(cms);
    const created = await editor.send('POST', '/admin/api-tokens', { name: `revocable-${Date.now()}`, type: 'custom', lifespan: null, permissions: ['api::study.study.find', 'api::city.city.find'] });
    const { id, accessKey } = (created.json as { data: { id: number; accessKey: string } }).data;
    const studies = 'studies?locale=en&status=published&fields[0]=title';
    const cities = 'cities?locale=en&status=published&fields[0]=name';
    let deleted = false;
    try {
      // Twice: the second answer comes from what the CMS kept of the token.
      for (let i = 0; i < 2; i += 1) expect((await contentApi(cms, studies, accessKey)).status).toBe(200);
      expect((await editor.send('PUT', `/admin/api-tokens/${id}`, { permissions: ['api::city.city.find'] })).status).toBe(200);
      expect((await contentApi(cms, studies, accessKey)).status).toBe(403);
      expect((await contentApi(cms, cities, accessKey)).status).toBe(200);

      const regenerated = await editor.send('POST', `/admin/api-tokens/${id}/regenerate`);
      const newKey = (regenerated.json as { data: { accessKey: string } }).data.accessKey;
      expect((await contentApi(cms, cities, accessKey)).status).toBe(401);
      expect((await contentApi(cms, cities, newKey)).status).toBe(200);

      expect((await editor.send('DELETE', `/admin/api-tokens/${id}`)).status).toBe(200);
      deleted = true;
      expect((await contentApi(cms, cities, newKey)).status).toBe(401);
    } finally {
      if (!deleted) await editor.send('DELETE', `/admin/api-tokens/${id}`);
    }
  });

  test('a locale added in the admin is accepted from the next request on, and refused again once deleted', async () => {
    const editor = await signInEditor(cms);
    const inFrench = 'sdgs?locale=fr&status=published&fields[0]=number';
    // Asked first, so the CMS holds the list of locales from before the change.
    expect((await contentApi(cms, inFrench, cms.buildToken)).status).toBe(400);
    const created = await editor.send('POST', '/i18n/locales', { code: 'fr', name: 'French (fr)', isDefault: false });
    expect(created.status).toBe(200);
    const { id } = ((created.json as { data?: { id: number } }).data ?? created.json) as { id: number };
    try {
      expect((await contentApi(cms, inFrench, cms.buildToken)).status).toBe(200);
    } finally {
      expect((await editor.send('DELETE', `/i18n/locales/${id}`)).status).toBe(200);
    }
    expect((await contentApi(cms, inFrench, cms.buildToken)).status).toBe(400);
  });

  test.each(['study', 'event'])('the export pages through the %s list, cursor after cursor, as find answers it in one page', async (type) => {
    const spec = COLLECTION_QUERIES.find((query) => query.type === type);
    if (!spec) throw new Error(`no ${type} query`);
    for (const locale of ['en', 'es']) {
      const asked = localeQuery(spec, locale);
      asked.set('sort[0]', 'documentId:asc');
      const found = await contentApi(cms, `${spec.path.replace(/^\/api\//, '')}?${asked}&pagination[pageSize]=100`, cms.buildToken);
      const all = (found.json as { data: { documentId: string }[] }).data;
      expect(all.length).toBeGreaterThanOrEqual(2);
      // Twice: the second pass is served from the checks kept for the token.
      for (let pass = 0; pass < 2; pass += 1) {
        const paged: unknown[] = [];
        let after: string | undefined;
        for (let page = 0; page <= all.length; page += 1) {
          const query = new URLSearchParams(asked);
          query.set('pagination[pageSize]', '1');
          if (after !== undefined) query.set('filters[documentId][$gt]', after);
          const result = await contentApi(cms, `${spec.path.replace(/^\/api\//, 'export/')}?${query}`, cms.buildToken);
          expect(result.status).toBe(200);
          const data = (result.json as { data: { documentId: string }[] }).data;
          if (data.length === 0) break;
          paged.push(...data);
          after = data.at(-1)?.documentId;
        }
        expect(paged).toEqual(all);
      }
    }
  });

  test('the export leaves the count out when asked to, and only then', async () => {
    const counted = (await contentApi(cms, 'export/studies?locale=en&status=published&fields[0]=title', cms.buildToken)).json as { meta: { pagination: Record<string, number> } };
    expect(counted.meta.pagination.total).toBeGreaterThan(0);
    const uncounted = await contentApi(cms, 'export/studies?locale=en&status=published&fields[0]=title&pagination[withCount]=false', cms.buildToken);
    expect(uncounted.status).toBe(200);
    expect((uncounted.json as { meta: { pagination: Record<string, number> } }).meta.pagination.total).toBeUndefined();
    expect((await contentApi(cms, 'export/studies?pagination[withCount]=maybe', cms.buildToken)).status).toBe(400);
  });

  test.each([
    'studies?filters[title][$nope]=x',
    'studies?sort=nope:asc',
    'studies?populate[nope]=*',
    'studies?fields[0]=nope',
    'studies?pagination[pageSize]=abc',
    'studies?pagination[page]=-1',
    'studies?pagination=3',
    'studies?unknownParam=1',
    'studies?status=maybe',
    'studies?locale=xx-nope',
    'studies?filters=notanobject',
    'studies?populate[axes][populate][nope]=*',
    'studies?filters[$or]=x',
    'studies?publicationFilter=bogus',
    'export/changes',
    'export/changes?since=yesterday',
    'export/changes?since=2026-13-45T00:00:00Z',
    'export/history?since=2026-01-01T00:00:00Z',
    'export/history?status=draft',
    `${CHANGES}&status=draft`,
  ])('a malformed query gets a 4xx, not a 500: %s', async (query) => {
    const { status } = await contentApi(cms, query, cms.buildToken);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });
});
