// What the admin gives editors beyond Strapi's own: labels and descriptions on every field of
// the edit view (cms/src/admin-texts), and a signed link to the build report for whoever is
// signed in to the admin (cms/src/report-link), on every database under test.
import { checkPreviewLink, checkReportLink } from '../../cms/src/preview/signed-link.js';
import { componentTexts, contentTypeTexts } from '../../cms/src/admin-texts/texts.js';
import { loadCmsInstances } from '../support/cms-instances.js';
import { signInEditor } from '../support/strapi-http.js';

interface FieldMetadata {
  edit: { label: string; description: string; visible: boolean; editable: boolean };
  list: { label: string };
}

interface ViewConfiguration {
  contentType: { metadatas: Record<string, FieldMetadata>; layouts: { edit: { name: string }[][] } };
  components: Record<string, { metadatas: Record<string, FieldMetadata> }>;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe.each(loadCmsInstances())('the admin for editors, on $database', (cms) => {
  const reportLink = (headers: Record<string, string> = {}) => fetch(`${cms.url}/build-report/link`, { headers, signal: AbortSignal.timeout(30_000) });

  test('the CMS answers /favicon.ico with the network\'s icon, not a server error', async () => {
    const answer = await fetch(`${cms.url}/favicon.ico`, { signal: AbortSignal.timeout(30_000) });
    // koa-favicon sends every icon as image/x-icon; browsers read the PNG inside.
    expect([answer.status, answer.headers.get('content-type')]).toEqual([200, 'image/x-icon']);
    expect(Buffer.from(await answer.arrayBuffer()).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  test('the build report link needs an admin session: 401 without one and with a content API token', async () => {
    expect((await reportLink()).status).toBe(401);
    expect((await reportLink({ Authorization: `Bearer ${cms.buildToken}` })).status).toBe(401);
    expect((await reportLink({ Authorization: `Bearer ${cms.previewToken}` })).status).toBe(401);
    expect((await reportLink({ Authorization: 'Bearer not-a-session' })).status).toBe(401);
  });

  test('an editor signed in to the admin gets a link to the report, signed for minutes, that opens nothing else', async () => {
    const editor = await signInEditor(cms);
    const asked = Date.now();
    const answer = await editor.get('/build-report/link');
    expect(answer.status).toBe(200);
    const { url: link } = answer.json as { url: string };
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:8080/_report/');
    expect([...url.searchParams.keys()].sort()).toEqual(['expires', 'signature']);
    expect(link).not.toContain(cms.previewSecret);
    const lifetime = Number(url.searchParams.get('expires')) * 1000 - asked;
    expect(lifetime).toBeGreaterThan(5 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000 + 2_000);
    expect(checkReportLink(cms.previewSecret, url.searchParams, nowSeconds())).toEqual({ ok: true });
    expect(checkReportLink('another secret', url.searchParams, nowSeconds())).toEqual({ ok: false, reason: 'bad-signature' });
    // Past its expiry, and as a preview link, it opens nothing.
    expect(checkReportLink(cms.previewSecret, url.searchParams, nowSeconds() + 11 * 60).ok).toBe(false);
    expect(checkPreviewLink(cms.previewSecret, { type: 'study', documentId: 'x', locale: 'en' }, url.searchParams, nowSeconds()).ok).toBe(false);
  });

  test('any signed-in admin user gets the link, even one whose role grants nothing', async () => {
    const editor = await signInEditor(cms);
    const role = await editor.send('POST', '/admin/roles', { name: `No rights ${Date.now()}`, description: 'Signs in, may do nothing' });
    const roleId = (role.json as { data: { id: number } }).data.id;
    const invited = await editor.send('POST', '/admin/users', { firstname: 'Rosa', lastname: 'Reader', email: `reader-${Date.now()}@example.test`, roles: [roleId] });
    const { id: userId, registrationToken } = (invited.json as { data: { id: number; registrationToken: string } }).data;
    try {
      const registered = await fetch(`${cms.url}/admin/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ registrationToken, userInfo: { firstname: 'Rosa', lastname: 'Reader', password: 'Reader-Pass-1234' } }),
      });
      const token = ((await registered.json()) as { data: { token: string } }).data.token;
      const answer = await reportLink({ Authorization: `Bearer ${token}` });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      const { url } = (await answer.json()) as { url: string };
      expect(checkReportLink(cms.previewSecret, new URL(url).searchParams, nowSeconds())).toEqual({ ok: true });
    } finally {
      await editor.send('DELETE', `/admin/users/${userId}`);
      await editor.send('DELETE', `/admin/roles/${roleId}`);
    }
  });

  test("the study's edit view holds a label and a description for every field, and keeps the rest of its settings", async () => {
    const editor = await signInEditor(cms);
    const answer = await editor.get('/content-manager/content-types/api::study.study/configuration');
    expect(answer.status).toBe(200);
    const { contentType, components } = (answer.json as { data: ViewConfiguration }).data;
    const texts = contentTypeTexts['api::study.study']!.fields;
    expect(contentType.metadatas.coverAlt!.edit.description).toMatch(/screen readers read it aloud/);
    expect(contentType.metadatas.coverAlt!.edit.label).toBe('Cover image: alternative text');
    expect(contentType.metadatas.slug!.edit.description).toMatch(/changes the URL; the old address keeps working and redirects/);
    expect(contentType.metadatas.publicationDate!.edit.description).toContain('Europe/Madrid');
    const fieldsInView = contentType.layouts.edit.flat().map((field) => field.name);
    expect(fieldsInView.length).toBeGreaterThan(15);
    for (const name of fieldsInView) {
      expect([name, contentType.metadatas[name]!.edit.label, contentType.metadatas[name]!.edit.description]).toEqual([name, texts[name]!.label.en, texts[name]!.description.en]);
      // Only the texts were written: the field is still shown and editable as Strapi set it.
      expect([name, contentType.metadatas[name]!.edit.visible, contentType.metadatas[name]!.edit.editable]).toEqual([name, true, true]);
    }
    expect(contentType.metadatas.title!.list.label).toBe('Title');
    // The components the study uses carry theirs.
    expect(components['shared.text-item']!.metadatas.text!.edit.description).toBe(componentTexts['shared.text-item']!.fields.text!.description.en);
    expect(components['shared.language']!.metadatas.code!.edit.label).toBe('Language');
  });

  test('every content type holds the descriptions of its fields', async () => {
    const editor = await signInEditor(cms);
    for (const [uid, { fields }] of Object.entries(contentTypeTexts)) {
      const answer = await editor.get(`/content-manager/content-types/${uid}/configuration`);
      const { metadatas } = (answer.json as { data: ViewConfiguration }).data.contentType;
      for (const [name, text] of Object.entries(fields)) {
        // The SEO component's field arrives with another change; until then it has no metadata.
        if (!metadatas[name]) continue;
        expect([uid, name, metadatas[name]!.edit.description]).toEqual([uid, name, text.description.en]);
      }
    }
  });
});
