// Search and social fields end to end: an editor sets a study's search title, description and
// share image in English through the admin, publishes, and the built English page's <title>,
// meta description, Open Graph tags and JSON-LD use them, with the share image as a 1200×630
// card; the Spanish page, where nothing was set, is as it would be without the fields. The
// sample's own values (the 2023 study, in both languages) are on its pages too.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import sharp from 'sharp';
import { sampleContent } from '../../cms/src/seed/content.js';
import { runBuild, type BuildOptions } from '../../scripts/pipeline.js';
import type { BuildReport } from '../../scripts/publish/report.js';
import { loadCmsInstances } from '../support/cms-instances.js';
import { readPage, sectionPath } from '../support/site-files.js';
import { listDocuments, signInEditor, type Editor } from '../support/strapi-http.js';

const SITE_URL = 'https://cities.example.org';
const NOW = new Date('2026-11-27T12:00:00Z');
const STUDY = 'api::study.study';
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;

interface Head {
  title: string;
  meta: Record<string, string>;
  jsonLd: Record<string, unknown>[];
}

/** What a page's head tells search engines and social sites. */
const headOf = (outDir: string, url: string): Head => {
  const { html, title } = readPage(outDir, url);
  const doc = parseDocument(html);
  const meta: Record<string, string> = {};
  for (const el of DomUtils.getElementsByTagName('meta', doc.children, true)) {
    const key = el.attribs.property ?? el.attribs.name;
    if (key && el.attribs.content !== undefined) meta[key] = el.attribs.content;
  }
  const jsonLd = DomUtils.getElementsByTagName('script', doc.children, true)
    .filter((el) => el.attribs.type === 'application/ld+json')
    .map((el) => JSON.parse(DomUtils.textContent(el)) as Record<string, unknown>);
  return { title, meta, jsonLd };
};

describe.each(loadCmsInstances())('search and social fields from the CMS on $database', (cms) => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'site-seo-'));
  const outDir = path.join(root, 'dist');
  const options: BuildOptions = { strapiUrl: cms.url, strapiToken: cms.buildToken, outDir, siteUrl: SITE_URL, now: NOW, cacheDir: path.join(root, 'cache') };
  const study2021 = sampleContent.studies.find((s) => s.key === 'study-2021')!;
  const study2023 = sampleContent.studies.find((s) => s.key === 'study-2023')!;
  const enUrl = `${sectionPath('en', 'studies')}${study2021.slug.en}/`;
  const esUrl = `${sectionPath('es', 'studies')}${study2021.slug.es}/`;
  const fields = {
    metaTitle: `Study 2021 for search ${Date.now().toString(36)}`,
    metaDescription: 'What cities learnt about digital inclusion, told in one sentence for search results & shared links.',
    shareImageAlt: 'Sharing picture: a green field with one white square in the middle.',
  };
  let editor: Editor;
  let documentId = '';
  let shareImage = 0;
  let report: BuildReport;

  beforeAll(async () => {
    editor = await signInEditor(cms);
    const [study] = (await listDocuments<{ documentId: string; slug: string }>(cms, 'studies', 'en', `&filters[slug][$eq]=${study2021.slug.en}`));
    documentId = study!.documentId;
    // 1600×900, not the card's shape: the card is cropped from its centre.
    const png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#3f7e44' } })
      .composite([{ input: { create: { width: 200, height: 200, channels: 3, background: '#ffffff' } }, left: 700, top: 350 }])
      .png()
      .toBuffer();
    shareImage = await editor.upload({ name: 'share-2021.png', type: 'image/png', bytes: Uint8Array.from(png) });
    const published = await editor.send('POST', `${cm(STUDY)}/${documentId}/actions/publish?locale=en`, { seo: { ...fields, shareImage } });
    expect(published.status).toBe(200);
    report = await runBuild(options);
    if (report.status !== 'ok') throw new Error(`The build failed: ${report.error?.message}`);
  }, 240_000);

  afterAll(async () => {
    if (documentId) await editor.send('POST', `${cm(STUDY)}/${documentId}/actions/publish?locale=en`, { seo: null });
    if (shareImage) await editor.send('DELETE', `/upload/files/${shareImage}`);
  });

  test('the English page: title, description, Open Graph and JSON-LD are the editor’s', async () => {
    const head = headOf(outDir, enUrl);
    expect(head.title).toBe(fields.metaTitle);
    expect(head.meta).toMatchObject({
      description: fields.metaDescription,
      'og:title': fields.metaTitle,
      'og:description': fields.metaDescription,
      'og:image:type': 'image/jpeg',
      'og:image:width': '1200',
      'og:image:height': '630',
      'og:image:alt': fields.shareImageAlt,
      'twitter:card': 'summary_large_image',
      'twitter:image:alt': fields.shareImageAlt,
    });
    // The share image, through the images stage: a 1200×630 JPEG cropped from the centre (white there).
    const image = head.meta['og:image'] ?? '';
    expect(image).toMatch(new RegExp(`^${SITE_URL}/media/[A-Za-z0-9._-]+-og\\.jpg$`));
    const file = path.join(outDir, new URL(image).pathname);
    expect(await sharp(file).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 630 });
    const { data } = await sharp(file).extract({ left: 590, top: 305, width: 20, height: 20 }).raw().toBuffer({ resolveWithObject: true });
    expect(Math.min(...data)).toBeGreaterThan(200);
    // Its generated card is not made: the page is shared with the editor's picture.
    expect(existsSync(path.join(outDir, enUrl, 'og.png'))).toBe(false);

    expect(head.jsonLd).toHaveLength(1);
    expect(head.jsonLd[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Report',
      headline: study2021.title.en,
      description: fields.metaDescription,
      url: `${SITE_URL}${enUrl}`,
      inLanguage: 'en',
      image: expect.arrayContaining([image]),
      publisher: expect.objectContaining({ '@type': 'Organization' }),
    });
  });

  test('the Spanish page, where nothing was set, is as without the fields', () => {
    const head = headOf(outDir, esUrl);
    const { h1 } = readPage(outDir, esUrl);
    expect(h1).toBe(study2021.title.es);
    expect(head.title).toBe(`${study2021.title.es} · Ciudades Digitales`);
    expect(head.meta['og:title']).toBe(study2021.title.es);
    expect(head.meta.description).toBe(head.meta['og:description']);
    expect(head.meta.description?.startsWith(study2021.theme.es.slice(0, 30))).toBe(true);
    expect(head.meta).toMatchObject({ 'og:image': `${SITE_URL}${esUrl}og.png`, 'og:image:type': 'image/png', 'og:image:alt': study2021.title.es });
    expect(head.meta['twitter:image:alt']).toBeUndefined();
    expect(existsSync(path.join(outDir, esUrl, 'og.png'))).toBe(true);
    expect(head.jsonLd[0]).toMatchObject({ '@type': 'Report', description: head.meta.description, image: [`${SITE_URL}${esUrl}og.png`, expect.stringMatching(/\/media\/.+\.jpg$/)] });
  });

  test('the sample’s own fields: the 2023 study in both languages', () => {
    for (const locale of ['en', 'es'] as const) {
      const head = headOf(outDir, `${sectionPath(locale, 'studies')}${study2023.slug[locale]}/`);
      expect(head.title).toBe(study2023.seo!.metaTitle[locale]);
      expect(head.meta).toMatchObject({ description: study2023.seo!.metaDescription[locale], 'og:image:alt': study2023.seo!.imageAlt[locale], 'og:image:type': 'image/jpeg' });
    }
    // Good values give no warning.
    expect(report.warnings.filter((warning) => warning.field?.startsWith('seo'))).toEqual([]);
  });
});
