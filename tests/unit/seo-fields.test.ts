// The search and social fields from the snapshot to the page's head: read apart from their
// document by zod (a bad value is a warning naming document, locale and field, never a left-out
// document or a failed build), joined with the share image's card, and used by the page view
// where set, with exactly the page's own title, description and card where not.
import { readFileSync } from 'node:fs';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import type { Locale } from '../../domain/locales.js';
import type { ContentIssue, ContentModel } from '../../domain/model.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { SEO_SHOWN } from '../../scripts/normalise/schemas.js';
import { ogImagePath } from '../../scripts/normalise/urls.js';
import { buildSiteView } from '../../scripts/render/pages.js';
import { publishedModel } from '../../scripts/render/published-model.js';
import { splitIssues } from '../../scripts/publish/report.js';

const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));
const NOW = new Date('2023-11-08T12:00:00Z');
const SITE_URL = 'https://cities.example.org';
const STUDY_2023 = 'lmu1f1poi5nvnomszawgggjs';
const STUDY_2021 = 'eb4rvh1erayk9rsce7a6bmzy';
const WEBINAR = 'srcqhcg8rfss40jkb7uqulf8';
const SHARE_2023 = '/media/share_study_2023_4c1d9e7a2b.png';

type RawDoc = Record<string, unknown> & { documentId: string };
const rawDoc = (snap: RawSnapshot, type: string, locale: Locale, documentId: string): RawDoc => {
  const found = (snap.collections[type] as Record<Locale, RawDoc[]>)[locale].find((doc) => doc.documentId === documentId);
  if (!found) throw new Error(`fixture has no ${type} ${documentId} in ${locale}`);
  return found;
};
const run = (edit: (snap: RawSnapshot) => void = () => undefined): ContentModel => {
  const snap = structuredClone(FIXTURE);
  edit(snap);
  return normalise(snap, { cmsUrl: 'http://cms.test:1337' });
};
const seoIssues = (model: ContentModel): ContentIssue[] => model.issues.filter((issue) => issue.field?.startsWith('seo'));
const studyOf = (model: ContentModel, locale: Locale, documentId = STUDY_2023) => model.studies.find((s) => s.locale === locale && s.documentId === documentId);

describe('normalise reads the fields per locale', () => {
  test('the sample: the 2023 study and the webinar in both languages, the rest without, and no warning', () => {
    const model = run();
    expect(studyOf(model, 'es')?.seo).toEqual({
      title: 'Ciudades inteligentes 2023: ecosistemas de innovación',
      description: expect.stringMatching(/^Cómo 20 ciudades/),
      image: { file: expect.objectContaining({ sitePath: SHARE_2023, mime: 'image/png' }), alt: expect.stringMatching(/^Imagen para compartir/) },
    });
    expect(model.events.find((e) => e.documentId === WEBINAR && e.locale === 'en')?.seo?.title).toBe('Webinar: accessible ICT procurement for smart cities');
    expect(studyOf(model, 'en', STUDY_2021)?.seo).toBeNull();
    expect(model.articles.every((a) => a.seo === null)).toBe(true);
    expect(model.axes.every((a) => a.seo === null)).toBe(true);
    expect(seoIssues(model)).toEqual([]);
  });

  test('too long: used as it is, and a warning naming document, locale and field', () => {
    const long = 'A search title that goes on well past what any results page shows of it';
    const model = run((snap) => {
      (rawDoc(snap, 'study', 'es', STUDY_2023).seo as Record<string, unknown>).metaTitle = long;
      (rawDoc(snap, 'study', 'es', STUDY_2023).seo as Record<string, unknown>).metaDescription = 'x'.repeat(SEO_SHOWN.metaDescription + 1);
    });
    expect(studyOf(model, 'es')?.seo?.title).toBe(long);
    expect(seoIssues(model)).toEqual([
      expect.objectContaining({ kind: 'seo-field', type: 'study', documentId: STUDY_2023, locale: 'es', field: 'seo.metaTitle', message: expect.stringContaining(`is ${long.length} characters long`) }),
      expect.objectContaining({ kind: 'seo-field', type: 'study', documentId: STUDY_2023, locale: 'es', field: 'seo.metaDescription' }),
    ]);
    expect(seoIssues(model)[0]?.message).toContain(`study ${STUDY_2023} (es) seo.metaTitle`);
    // Warnings, not left-out documents: the study publishes in both languages.
    expect(splitIssues(model.issues).warnings).toEqual(seoIssues(model));
    expect(model.studies.filter((s) => s.documentId === STUDY_2023)).toHaveLength(2);
  });

  test('a share image without alternative text: used, and image-without-alt at seo.shareImageAlt', () => {
    const model = run((snap) => {
      (rawDoc(snap, 'event', 'en', WEBINAR).seo as Record<string, unknown>).shareImageAlt = '  ';
    });
    expect(model.events.find((e) => e.documentId === WEBINAR && e.locale === 'en')?.seo?.image?.alt).toBe('');
    expect(seoIssues(model)).toEqual([expect.objectContaining({ kind: 'image-without-alt', type: 'event', documentId: WEBINAR, locale: 'en', field: 'seo.shareImageAlt' })]);
  });

  test('a value that does not fit: the fields are not used, the document publishes, the warning names the field', () => {
    const model = run((snap) => {
      (rawDoc(snap, 'study', 'en', STUDY_2023).seo as Record<string, unknown>).metaTitle = 42;
    });
    expect(studyOf(model, 'en')?.seo).toBeNull();
    expect(studyOf(model, 'es')?.seo?.title).not.toBeNull();
    expect(seoIssues(model)).toEqual([expect.objectContaining({ kind: 'seo-field', documentId: STUDY_2023, locale: 'en', field: 'seo.metaTitle' })]);
    expect(splitIssues(model.issues).leftOut).toEqual([]);
  });

  test('a share image that is not an image: dropped with a warning, the other fields kept', () => {
    const model = run((snap) => {
      const seo = rawDoc(snap, 'study', 'en', STUDY_2023).seo as { shareImage: Record<string, unknown> };
      seo.shareImage = { ...seo.shareImage, mime: 'application/pdf', url: '/uploads/report.pdf' };
    });
    expect(studyOf(model, 'en')?.seo).toEqual(expect.objectContaining({ title: expect.any(String), image: null }));
    expect(seoIssues(model)).toEqual([expect.objectContaining({ kind: 'image-dropped', documentId: STUDY_2023, locale: 'en', field: 'seo.shareImage' })]);
  });

  test('a CMS without the component (no seo key) and one with it empty: no fields, no warning', () => {
    const model = run((snap) => {
      delete rawDoc(snap, 'study', 'en', STUDY_2023).seo;
      rawDoc(snap, 'study', 'es', STUDY_2023).seo = { id: 9, metaTitle: '', metaDescription: null, shareImage: null, shareImageAlt: 'alt for no image' };
    });
    expect(studyOf(model, 'en')?.seo).toBeNull();
    expect(studyOf(model, 'es')?.seo).toBeNull();
    expect(seoIssues(model)).toEqual([]);
  });
});

describe('the page view uses them where set, and is as before where not', () => {
  const card = { format: 'jpeg' as const, width: 1200, height: 630, sitePath: '/media/share_study_2023_4c1d9e7a2b-og.jpg' };

  test('title, description, share image and its alternative text where the editor set them', () => {
    const model = run();
    const view = buildSiteView(publishedModel(model, { missingMedia: new Set(), socialCards: new Map([[SHARE_2023, card]]) }), NOW, [], { siteUrl: SITE_URL });
    const page = view.pages.find((p) => p.url === '/en/studies/smart-cities-study-2023/');
    expect(page).toEqual(
      expect.objectContaining({
        title: 'Smart Cities Study 2023',
        searchTitle: 'Smart Cities Study 2023: cities as innovation ecosystems',
        description: expect.stringMatching(/^How 20 cities/),
        ogImage: card.sitePath,
        shareImage: { type: 'image/jpeg', alt: expect.stringMatching(/^Sharing artwork/) },
      }),
    );
  });

  test('where the editor set nothing, the view is the one made without the fields', () => {
    const withFields = buildSiteView(run(), NOW);
    const without = buildSiteView(run((snap) => {
      for (const locale of ['en', 'es'] as const) rawDoc(snap, 'study', locale, STUDY_2023).seo = null;
    }), NOW);
    const page = (view: typeof without, url: string) => view.pages.find((p) => p.url === url);
    for (const url of ['/en/studies/smart-cities-study-2021/', '/es/estudios/estudio-ciudades-inteligentes-2023/']) {
      expect(page(without, url)).toEqual(expect.objectContaining({ searchTitle: null, shareImage: null, ogImage: ogImagePath(url) }));
    }
    // The 2021 study has no fields in either build: its page is the same.
    expect(page(withFields, '/en/studies/smart-cities-study-2021/')).toEqual(page(without, '/en/studies/smart-cities-study-2021/'));
    expect(page(without, '/es/estudios/estudio-ciudades-inteligentes-2023/')?.description).toBe(studyOf(run(), 'es')?.description);
  });

  test('a share image with no card (unreadable, or not made) leaves the generated card', () => {
    const model = run();
    for (const socialCards of [new Map([[SHARE_2023, null]]), new Map()]) {
      const view = buildSiteView(publishedModel(model, { missingMedia: new Set(), socialCards }), NOW);
      const page = view.pages.find((p) => p.url === '/en/studies/smart-cities-study-2023/');
      expect(page).toEqual(expect.objectContaining({ ogImage: ogImagePath('/en/studies/smart-cities-study-2023/'), shareImage: null, searchTitle: expect.any(String) }));
    }
    const missing = publishedModel(model, { missingMedia: new Set([SHARE_2023]) });
    expect(studyOf(missing, 'en')?.seo?.image).toBeNull();
  });
});
