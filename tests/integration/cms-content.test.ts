// The sample content, as the pipeline's token sees it, on every database under test.
import { statSync } from 'node:fs';
import path from 'node:path';
import { sampleContent } from '../../cms/src/seed/content.js';
import { checkPreviewLink } from '../../cms/src/preview/signed-link.js';
import { loadCmsInstances } from '../support/cms-instances.js';
import { contentApi, documentIdOf, listDocuments, signInEditor } from '../support/strapi-http.js';

interface Doc {
  documentId: string;
  locale: string;
  [field: string]: unknown;
}

const LOCALES = ['en', 'es'] as const;

describe.each(loadCmsInstances())('CMS on $database', (cms) => {
  const byDocument = async (plural: string, query = ''): Promise<Map<string, Record<'en' | 'es', Doc>>> => {
    const [en, es] = await Promise.all(LOCALES.map((locale) => listDocuments<Doc>(cms, plural, locale, query)));
    const joined = new Map<string, Record<'en' | 'es', Doc>>();
    for (const doc of en!) joined.set(doc.documentId, { en: doc } as Record<'en' | 'es', Doc>);
    for (const doc of es!) {
      const pair = joined.get(doc.documentId);
      if (!pair) throw new Error(`${plural} ${doc.documentId} exists in Spanish only`);
      pair.es = doc;
    }
    return joined;
  };

  test.each([
    ['studies', 'title', sampleContent.studies.map((s) => s.title)],
    ['events', 'title', sampleContent.events.map((e) => e.title)],
    ['articles', 'title', sampleContent.articles.map((a) => a.title)],
    ['axes', 'name', sampleContent.axes.map((a) => a.name)],
    ['sdgs', 'name', sampleContent.sdgs.map((s) => s.name)],
    ['cities', 'name', sampleContent.cities.map((c) => c.name)],
  ])('every sample %s exists in English and Spanish with its translated %s', async (plural, field, expected) => {
    const documents = await byDocument(plural);
    const actual = [...documents.values()].map((pair) => ({ en: pair.en[field], es: pair.es?.[field] }));
    expect(actual).toHaveLength(expected.length);
    expect(actual).toEqual(expect.arrayContaining(expected.map((names) => ({ en: names.en, es: names.es }))));
  });

  test('Spanish text keeps its accents and ñ', async () => {
    const axes = await listDocuments<Doc>(cms, 'axes', 'es');
    expect(axes.map((axis) => axis.name)).toEqual(expect.arrayContaining(['Economía inteligente', 'Ciudadanía digital', 'Gobernanza inteligente']));
    const settings = await contentApi(cms, 'site-setting?locale=es&status=published', cms.buildToken);
    expect(settings.status).toBe(200);
    expect((settings.json as { data: Doc }).data.communityName).toBe(sampleContent.settings.communityName.es);
  });

  test('slugs differ per locale wherever the titles do, and are unique per locale', async () => {
    for (const [plural, titleField] of [['studies', 'title'], ['events', 'title'], ['articles', 'title'], ['axes', 'name']] as const) {
      const pairs = [...(await byDocument(plural)).values()];
      for (const { en, es } of pairs) {
        if (en[titleField] !== es[titleField]) expect([plural, en.slug]).not.toEqual([plural, es.slug]);
      }
      for (const locale of LOCALES) {
        const slugs = pairs.map((pair) => pair[locale].slug);
        expect(new Set(slugs).size).toBe(slugs.length);
      }
    }
    const studies = [...(await byDocument('studies')).values()];
    expect(studies.map((pair) => [pair.en.slug, pair.es.slug])).toEqual(
      expect.arrayContaining(sampleContent.studies.map((study) => [study.slug.en, study.slug.es])),
    );
  });

  test('study relations to axes, SDGs and cities resolve in both locales to the same documents', async () => {
    const populate = '&populate[axes][fields][0]=name&populate[sdgs][fields][0]=number&populate[sdgs][fields][1]=name&populate[cities][fields][0]=name';
    const studies = await byDocument('studies', populate);
    const study2023 = [...studies.values()].find((pair) => pair.en.year === 2023);
    expect(study2023).toBeDefined();
    const ids = (docs: unknown): string[] => (docs as Doc[]).map((doc) => doc.documentId).sort();
    for (const relation of ['axes', 'sdgs', 'cities']) {
      expect(ids(study2023!.es[relation])).toEqual(ids(study2023!.en[relation]));
    }
    expect(study2023!.en.axes).toHaveLength(6);
    expect(study2023!.en.sdgs).toHaveLength(17);
    expect((study2023!.es.axes as Doc[]).map((axis) => axis.name)).toContain('Nueva movilidad');
    expect((study2023!.es.sdgs as Doc[]).find((sdg) => sdg.number === 11)?.name).toBe('Ciudades y comunidades sostenibles');
    expect((study2023!.es.cities as Doc[]).map((city) => city.name)).toEqual(['Bilbao']);
  });

  test('events keep their local dates, time zones and accessibility services', async () => {
    const events = await listDocuments<Doc>(cms, 'events', 'en', '&populate[accessibility][populate][captions]=true&populate[city][fields][0]=name');
    const expo = events.find((event) => String(event.title).startsWith('Smart City Expo'));
    expect(expo).toMatchObject({ startDate: '2023-11-07', endDate: '2023-11-09', timeZone: 'Europe/Madrid', format: 'in_person' });
    expect((expo!.city as Doc).name).toBe('Barcelona');
    const webinar = events.find((event) => event.kind === 'webinar');
    expect(webinar).toMatchObject({ startDate: '2022-05-19', format: 'online' });
    expect(webinar!.accessibility).toMatchObject({
      signLanguage: 'international_sign',
      captions: [
        { language: 'en', automated: false },
        { language: 'es', automated: true },
        { language: 'fr', automated: true },
      ],
    });
  });

  test('covers are in the media library with alternative text in both languages', async () => {
    for (const locale of LOCALES) {
      const studies = await listDocuments<Doc>(cms, 'studies', locale, '&populate[cover][fields][0]=url&populate[cover][fields][1]=mime&populate[cover][fields][2]=width');
      for (const study of studies) {
        expect(study.cover).toMatchObject({ mime: 'image/png', width: 1600 });
        expect(String(study.coverAlt).length).toBeGreaterThan(10);
        const image = await fetch(`${cms.url}${(study.cover as { url: string }).url}`);
        expect(image.headers.get('content-type')).toBe('image/png');
      }
    }
  });

  test('Strapi calls the pipeline on every change, with the bearer token', async () => {
    const editor = await signInEditor(cms);
    const webhooks = (await editor.get('/admin/webhooks')).json as { data: { name: string; url: string; headers: Record<string, string>; events: string[]; isEnabled: boolean }[] };
    const hook = webhooks.data.find((webhook) => webhook.name === 'pipeline-rebuild');
    expect(hook).toMatchObject({ url: 'http://127.0.0.1:65535/hooks/strapi', isEnabled: true });
    expect(hook!.headers.Authorization).toMatch(/^Bearer [0-9a-f]{32}$/);
    expect(hook!.events).toEqual(expect.arrayContaining(['entry.publish', 'entry.unpublish', 'entry.update', 'entry.delete', 'media.create', 'media.update', 'media.delete']));
  });

  test("the admin's Preview button gives a link to one draft in one locale, signed, for minutes, without the secret", async () => {
    const editor = await signInEditor(cms);
    const [study] = await listDocuments<Doc>(cms, 'studies', 'es');
    const asked = Date.now();
    const answer = await editor.get(`/content-manager/preview/url/api::study.study?documentId=${study!.documentId}&locale=es&status=draft`);
    expect(answer.status).toBe(200);
    const link = (answer.json as { data: { url: string } }).data.url;
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe(`http://127.0.0.1:8080/preview/es/study/${study!.documentId}`);
    expect([...url.searchParams.keys()].sort()).toEqual(['expires', 'signature']);
    expect(link).not.toContain(cms.previewSecret);
    const lifetime = Number(url.searchParams.get('expires')) * 1000 - asked;
    expect(lifetime).toBeGreaterThan(5 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000 + 2_000);
    expect(checkPreviewLink(cms.previewSecret, { type: 'study', documentId: study!.documentId, locale: 'es' }, url.searchParams, Math.floor(Date.now() / 1000))).toEqual({ ok: true });
    // Signed for that document and locale only.
    expect(checkPreviewLink(cms.previewSecret, { type: 'study', documentId: study!.documentId, locale: 'en' }, url.searchParams, Math.floor(Date.now() / 1000)).ok).toBe(false);
    // Types without a page of their own have nothing to preview.
    const city = await editor.get(`/content-manager/preview/url/api::city.city?documentId=x&locale=es&status=draft`);
    expect(city.status).toBeLessThan(300);
    expect((city.json as { data?: { url?: string | null } } | null)?.data?.url ?? null).toBeNull();
  });

  test.each(['index.html', 'feed.xml', 'page', '2024', 'Upper-Case'])('the CMS refuses the slug %s when an editor saves it, on the slug field', async (slug) => {
    const editor = await signInEditor(cms);
    const data = { title: 'Slug check', slug, edition: 1, year: 2026, theme: 'Slugs', summary: [{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }] };
    for (const path of ['/content-manager/collection-types/api::study.study?locale=en', '/content-manager/collection-types/api::study.study/actions/publish?locale=en']) {
      const answer = await editor.send('POST', path, data);
      expect([path, answer.status]).toEqual([path, 400]);
      const error = (answer.json as { error: { message: string; details: { errors: { path: string[] }[] } } }).error;
      expect(error.details.errors[0]?.path).toEqual(['slug']);
      expect(error.message).toContain(slug);
    }
  });

  test("the CMS refuses a slug another document has in that language, naming the other document; the same slug in the other language is fine", async () => {
    const editor = await signInEditor(cms);
    const [taken] = (await byDocument('studies')).values();
    expect(taken).toBeDefined();
    const { en } = taken!;
    const data = { title: 'Slug twin', slug: en.slug, edition: 1, year: 2026, theme: 'Slugs', summary: [{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }] };
    for (const path of ['/content-manager/collection-types/api::study.study?locale=en', '/content-manager/collection-types/api::study.study/actions/publish?locale=en']) {
      const answer = await editor.send('POST', path, data);
      expect([path, answer.status]).toEqual([path, 400]);
      const error = (answer.json as { error: { message: string; details: { errors: { path: string[]; message: string }[] } } }).error;
      expect(error.details.errors[0]?.path).toEqual(['slug']);
      expect(error.details.errors[0]?.message).toContain(`"${en.title}" (${en.documentId}) in en`);
    }
    const spanish = await editor.send('POST', '/content-manager/collection-types/api::study.study?locale=es', data);
    expect(spanish.status).toBe(201);
    await editor.send('DELETE', `/content-manager/collection-types/api::study.study/${documentIdOf(spanish)}?locale=*`);
  });

  test('an author gets preview links for their own drafts only, never for one they cannot read', async () => {
    const editor = await signInEditor(cms);
    // A role like Strapi's Author: studies it created, in both languages, and nothing else.
    const role = await editor.send('POST', '/admin/roles', { name: `Own studies ${Date.now()}`, description: 'Reads and writes the studies it created' });
    const roleId = (role.json as { data: { id: number } }).data.id;
    const own = { subject: 'api::study.study', properties: { fields: ['title', 'slug', 'edition', 'year', 'theme', 'summary'], locales: ['en', 'es'] }, conditions: ['admin::is-creator'] };
    const granted = await editor.send('PUT', `/admin/roles/${roleId}/permissions`, {
      permissions: [{ action: 'plugin::content-manager.explorer.read', ...own }, { action: 'plugin::content-manager.explorer.create', ...own, conditions: [] }],
    });
    expect(granted.status).toBe(200);
    const email = `author-${Date.now()}@example.test`;
    const invited = await editor.send('POST', '/admin/users', { firstname: 'Ana', lastname: 'Author', email, roles: [roleId] });
    expect(invited.status).toBe(201);
    const { id: userId, registrationToken } = (invited.json as { data: { id: number; registrationToken: string } }).data;
    const registered = await fetch(`${cms.url}/admin/register`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ registrationToken, userInfo: { firstname: 'Ana', lastname: 'Author', password: 'Author-Pass-1234' } }),
    });
    const authorToken = ((await registered.json()) as { data: { token: string } }).data.token;
    const asAuthor = (path: string, init: RequestInit = {}) => fetch(`${cms.url}${path}`, { ...init, headers: { Authorization: `Bearer ${authorToken}`, 'Content-Type': 'application/json' } });
    const linkOf = async (documentId: string): Promise<{ status: number; url: string | null }> => {
      const response = await asAuthor(`/content-manager/preview/url/api::study.study?documentId=${documentId}&locale=en&status=draft`);
      const text = await response.text();
      expect(text).not.toContain(cms.previewSecret);
      return { status: response.status, url: text ? ((JSON.parse(text) as { data?: { url?: string } }).data?.url ?? null) : null };
    };
    let ownId = '';
    try {
      const [sample] = await listDocuments<Doc>(cms, 'studies', 'en');
      // Strapi answers 204 when the handler gives no link (an error would be a 4xx or 5xx).
      expect(await linkOf(sample!.documentId)).toEqual({ status: 204, url: null });
      const created = await asAuthor('/content-manager/collection-types/api::study.study?locale=en', {
        method: 'POST', body: JSON.stringify({ title: 'Author draft', slug: `author-draft-${Date.now()}`, edition: 1, year: 2026, theme: 'Mine', summary: [{ type: 'paragraph', children: [{ type: 'text', text: 'Mine' }] }] }),
      });
      expect(created.status).toBe(201);
      ownId = ((await created.json()) as { data: { documentId: string } }).data.documentId;
      const own = await linkOf(ownId);
      expect([own.status, own.url]).toEqual([200, expect.stringContaining(`/preview/en/study/${ownId}?expires=`)]);
    } finally {
      if (ownId) await editor.send('DELETE', `/content-manager/collection-types/api::study.study/${ownId}?locale=*`);
      await editor.send('DELETE', `/admin/users/${userId}`);
      await editor.send('DELETE', `/admin/roles/${roleId}`);
    }
  });

  test('the token files are readable by their owner only', () => {
    const stateDir = path.dirname(cms.logFile);
    for (const file of ['build-token', 'preview-token']) {
      expect(statSync(path.join(stateDir, file)).mode & 0o777).toBe(0o600);
    }
  });
});
