// The normalise stage on the recorded sample snapshot (tests/fixtures/sample-snapshot.json):
// exact counts, translations linked by documentId, Spanish content with its accents, rich
// text as HTML, media with absolute CMS URLs; then one fault at a time in a clone of it, each
// of which must leave out (or warn about) exactly the document at fault and nothing else.
import { readFileSync } from 'node:fs';
import { sectionPath } from '../support/site-files.js';
import { PipelineError } from '../../scripts/errors.js';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import { LOCALES, type Locale } from '../../domain/locales.js';
import { documentKey, type ContentIssue, type ContentModel } from '../../domain/model.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { publishedModel } from '../../scripts/render/published-model.js';
import { countDocuments, splitIssues } from '../../scripts/publish/report.js';

const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));
const CMS_URL = 'http://cms.test:1337';

type RawDoc = Record<string, unknown> & { documentId: string };

/** A fresh deep copy of the recorded snapshot, safe to mutate. */
const snapshot = (): RawSnapshot => structuredClone(FIXTURE);
const run = (snap: RawSnapshot = snapshot()): ContentModel => normalise(snap, { cmsUrl: CMS_URL });
const rawDocs = (snap: RawSnapshot, type: string, locale: Locale): RawDoc[] => (snap.collections[type] as Record<Locale, RawDoc[]>)[locale];
const rawDoc = (snap: RawSnapshot, type: string, locale: Locale, documentId: string): RawDoc => {
  const found = rawDocs(snap, type, locale).find((doc) => doc.documentId === documentId);
  if (!found) throw new Error(`fixture has no ${type} ${documentId} in ${locale}`);
  return found;
};
const issuesOf = (model: ContentModel, kind: ContentIssue['kind']): ContentIssue[] => model.issues.filter((issue) => issue.kind === kind);

// documentIds of the sample content (stable: they are recorded in the fixture).
const STUDY_2023 = 'lmu1f1poi5nvnomszawgggjs';
const STUDY_2021 = 'eb4rvh1erayk9rsce7a6bmzy';
const SCEWC_2023 = 'ykb5img2loyderwign5la2l8';
const ARTICLE = 'h7yb2vmvk1lklnkeo9p2b76b';
const AXIS_ECONOMY = 'edg8hdtsnhrd5b6kyrjoc5wi';

const EXPECTED_COUNTS = {
  study: { en: 2, es: 2 },
  event: { en: 7, es: 7 },
  article: { en: 1, es: 1 },
  axis: { en: 6, es: 6 },
};

const SPANISH_AXES = [
  ['Economía inteligente', '/es/ejes/economia-inteligente/'],
  ['Nueva movilidad', '/es/ejes/nueva-movilidad/'],
  ['Medio ambiente', '/es/ejes/medio-ambiente/'],
  ['Ciudadanía digital', '/es/ejes/ciudadania-digital/'],
  ['Calidad de vida', '/es/ejes/calidad-de-vida/'],
  ['Gobernanza inteligente', '/es/ejes/gobernanza-inteligente/'],
];

describe('normalise: the recorded sample snapshot', () => {
  const model = run();

  test('exact document counts per type and locale', () => {
    expect(countDocuments(model)).toEqual(EXPECTED_COUNTS);
  });

  test('no issues at all', () => {
    expect(model.issues).toEqual([]);
  });

  test('every document has an en and an es URL in the translations map, with localized slugs', () => {
    expect(model.translations.size).toBe(2 + 7 + 1 + 6);
    const sections = { study: 'studies', event: 'events', article: 'news', axis: 'axes' } as const;
    for (const doc of [...model.studies, ...model.events, ...model.articles, ...model.axes]) {
      const urls = model.translations.get(doc.documentId);
      expect(Object.keys(urls ?? {}).sort()).toEqual(['en', 'es']);
      expect(urls?.[doc.locale]).toBe(doc.url);
      for (const locale of LOCALES) {
        expect(urls?.[locale]).toMatch(new RegExp(`^${sectionPath(locale, sections[doc.type])}[a-z0-9-]+/$`));
      }
    }
    expect(model.translations.get(STUDY_2023)).toEqual({
      en: '/en/studies/smart-cities-study-2023/',
      es: '/es/estudios/estudio-ciudades-inteligentes-2023/',
    });
  });

  test('the Spanish 2023 study: title, URL, axes and SDGs in Spanish', () => {
    const study = model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'es');
    expect(study?.title).toBe('Estudio de Ciudades Inteligentes 2023');
    expect(study?.url).toBe('/es/estudios/estudio-ciudades-inteligentes-2023/');
    expect(study?.axes.map((axis) => [axis.title, axis.url])).toEqual(SPANISH_AXES);
    expect(study?.sdgs.map((sdg) => sdg.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(study?.sdgs.find((sdg) => sdg.number === 11)).toEqual({ number: 11, name: 'Ciudades y comunidades sostenibles', color: '#FD9D24' });
  });

  test('axes are ordered by position and SDGs by number, whatever order Strapi sends them in', () => {
    const snap = snapshot();
    const raw = rawDoc(snap, 'study', 'es', STUDY_2023);
    (raw.axes as unknown[]).reverse();
    (raw.sdgs as unknown[]).reverse();
    const study = run(snap).studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'es');
    expect(study?.axes.map((axis) => [axis.title, axis.url])).toEqual(SPANISH_AXES);
    expect(study?.sdgs.map((sdg) => sdg.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  test('studies are sorted newest first in each locale', () => {
    expect(model.studies.filter((s) => s.locale === 'es').map((s) => s.year)).toEqual([2023, 2021]);
  });

  test('rich text is rendered to HTML, accents intact', () => {
    const study = model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'es');
    const html = study?.summaryHtml ?? '';
    expect(html.startsWith('<p>La quinta edición del Estudio de Ciudades Inteligentes analiza las ciudades')).toBe(true);
    expect(html).toContain('<ul><li>Economía inteligente</li><li>Nueva movilidad</li>');
    expect(html).toContain('<li>Ciudadanía digital</li>');
    expect(html.match(/<p>/g)).toHaveLength(3);
    expect(html).not.toContain('&'); // nothing in this text needs escaping, so nothing is escaped
  });

  test('covers and their alternative text in the document language', () => {
    const es = model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'es');
    const en = model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'en');
    expect(es?.cover?.alt).toBe('Portada abstracta: un degradado suave del azul oscuro al naranja con el año 2023 en cifras grandes.');
    expect(en?.cover?.alt).toBe('Abstract cover artwork: a smooth gradient from deep blue to orange with the year 2023 in large figures.');
    expect(es?.cover?.file.sourceUrl).toBe('http://cms.test:1337/uploads/cover_study_2023_9e591aed0b.png');
    expect(es?.cover?.file.sitePath).toBe('/media/cover_study_2023_9e591aed0b.png');
  });

  test('the media map holds every cover, with absolute URLs on the given CMS', () => {
    expect(model.media.get('/media/cover_study_2023_9e591aed0b.png')?.sourceUrl).toBe('http://cms.test:1337/uploads/cover_study_2023_9e591aed0b.png');
    expect(model.media.get('/media/cover_study_2021_dbed89706d.png')?.sourceUrl).toBe('http://cms.test:1337/uploads/cover_study_2021_dbed89706d.png');
    // Covers are downloaded but served as variants: the originals stay out of the site.
    expect(model.media.get('/media/cover_scewc_2023_32a95eaf59.png')).toEqual({ sourceUrl: 'http://cms.test:1337/uploads/cover_scewc_2023_32a95eaf59.png', inSite: false });
    expect(model.media.get('/media/cover_study_2023_published_5e27727933.png')).toEqual({ sourceUrl: 'http://cms.test:1337/uploads/cover_study_2023_published_5e27727933.png', inSite: false });
    // Share images likewise: the images stage makes their 1200×630 cards.
    expect(model.media.get('/media/share_study_2023_4c1d9e7a2b.png')).toEqual({ sourceUrl: 'http://cms.test:1337/uploads/share_study_2023_4c1d9e7a2b.png', inSite: false });
    // 2 study covers + 7 event covers + 1 article cover + 2 share images, shared by both locales.
    expect(model.media.size).toBe(12);
    for (const [sitePath, { sourceUrl }] of model.media) {
      expect(sitePath).toMatch(/^\/media\/[A-Za-z0-9._-]+$/);
      expect(sourceUrl.startsWith('http://cms.test:1337/uploads/')).toBe(true);
    }
  });

  test('site settings in both languages', () => {
    expect(model.settings.es?.siteName).toBe('Ciudades Digitales');
    expect(model.settings.en?.siteName).toBe('Digital Cities');
    expect(model.settings.es?.chairCity).toEqual({ documentId: 'i22t0mf8ykmfu6npapo9nsay', name: 'Bilbao', country: 'España', countryCode: 'ES' });
  });

  test('an article links to its studies in its own language', () => {
    const article = model.articles.find((a) => a.locale === 'es');
    expect(article?.documentId).toBe(ARTICLE);
    expect(article?.studies.map((ref) => ref.url)).toContain('/es/estudios/estudio-ciudades-inteligentes-2023/');
  });

  test('normalise does not mutate its input', () => {
    const snap = snapshot();
    run(snap);
    expect(snap).toEqual(FIXTURE);
  });
});

describe('normalise: again in the same process, as the webhook server does', () => {
  test('over the last snapshot\'s objects with one event edited: the same model as from scratch, the edit in it', () => {
    const first = snapshot();
    run(first);
    const events = first.collections.event as Record<Locale, RawDoc[]>;
    const [edited, ...rest] = events.en;
    const changed: RawDoc = {
      ...structuredClone(edited as RawDoc),
      startDate: '2099-01-01',
      endDate: '2099-01-02',
      description: [{ type: 'paragraph', children: [{ type: 'text', text: 'Una   descripción\n nueva, editada.' }] }],
    };
    // Unchanged documents are the very objects of the first snapshot, as an incremental fetch hands them back.
    const second: RawSnapshot = { ...first, collections: { ...first.collections, event: { ...events, en: [changed, ...rest] } } };
    const again = run(second);

    expect(again).toEqual(run(structuredClone(second)));
    expect(again.studies).toEqual(run(structuredClone(first)).studies);
    const enEvents = again.events.filter((e) => e.locale === 'en');
    expect(enEvents[0]?.documentId).toBe(changed.documentId);
    expect(enEvents[0]?.description).toBe('Una descripción nueva, editada.');
    const dates = enEvents.map((e) => e.startDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  test('a kept study follows what it shows of other documents: a renamed axis, a new good practice; its warnings are reported again', () => {
    const first = snapshot();
    rawDoc(first, 'study', 'es', STUDY_2023).coverAlt = null;
    run(first);
    const axes = first.collections.axis as Record<Locale, RawDoc[]>;
    const practice = {
      documentId: 'gp-test-1', locale: 'es', updatedAt: '2026-01-01T00:00:00.000Z', publishedAt: '2026-01-01T00:00:00.000Z',
      title: 'Buses eléctricos', description: [{ type: 'paragraph', children: [{ type: 'text', text: 'Flota renovada.' }] }],
      city: null, axis: { documentId: AXIS_ECONOMY, name: 'Economía inteligente', slug: 'economia-inteligente' }, sdgs: [], study: { documentId: STUDY_2023 },
    };
    // The study objects are the first snapshot's; the axis and the practices around them change.
    const second: RawSnapshot = {
      ...first,
      collections: {
        ...first.collections,
        axis: { ...axes, es: axes.es.map((axis) => (axis.documentId === AXIS_ECONOMY ? { ...axis, slug: 'economia-lista' } : axis)) },
        'good-practice': { en: [], es: [practice] },
      },
    };
    const again = run(second);

    expect(again).toEqual(run(structuredClone(second)));
    const study = again.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'es');
    expect(study?.axes.find((axis) => axis.documentId === AXIS_ECONOMY)?.url).toBe('/es/ejes/economia-lista/');
    expect(study?.goodPractices.map((p) => [p.title, p.axis?.url])).toEqual([['Buses eléctricos', '/es/ejes/economia-lista/']]);
    expect(issuesOf(again, 'image-without-alt')).toEqual([expect.objectContaining({ documentId: STUDY_2023, locale: 'es', field: 'coverAlt' })]);
  });

  test('what later stages make is joined into copies: the model stays as normalise made it, and the next build reuses its documents', () => {
    const snap = snapshot();
    const first = run(snap);
    const before = structuredClone({ ...first, translations: [...first.translations], media: [...first.media] });
    const study = first.studies.find((s) => s.cover) as NonNullable<(typeof first.studies)[number]>;
    const variants = { width: 1, height: 1, sources: [], fallback: { format: 'jpeg' as const, width: 1, height: 1, sitePath: '/x.jpg' } };
    const joined = publishedModel(first, {
      missingMedia: new Set([...first.media.keys()].filter((sitePath) => sitePath !== study.cover?.file.sitePath).slice(0, 1)),
      covers: new Map([[study.cover?.file.sitePath as string, variants]]),
      pdfs: new Map([[documentKey(study), { sitePath: '/x.pdf', sizeBytes: 1 }]]),
    });
    const joinedStudy = joined.studies.find((s) => s.documentId === study.documentId && s.locale === study.locale);
    expect(joinedStudy?.summaryPdf).toEqual({ sitePath: '/x.pdf', sizeBytes: 1 });
    expect(joinedStudy?.cover?.variants).toEqual(variants);
    expect({ ...first, translations: [...first.translations], media: [...first.media] }).toEqual(before);
    const second = run(snap);
    expect(second.studies.every((s, i) => s === first.studies[i])).toBe(true);
  });
});

describe('normalise: one faulty document at a time', () => {
  test('(a) a Spanish event without title: left out in es only, reported with type, id, locale and field', () => {
    const snap = snapshot();
    delete rawDoc(snap, 'event', 'es', SCEWC_2023).title;
    const model = run(snap);

    const invalid = issuesOf(model, 'invalid-document');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatchObject({ kind: 'invalid-document', type: 'event', documentId: SCEWC_2023, locale: 'es', field: 'title' });
    expect(invalid[0]?.message).toContain(`event ${SCEWC_2023} (es) is left out: title:`);

    expect(model.events.some((e) => e.documentId === SCEWC_2023 && e.locale === 'es')).toBe(false);
    expect(model.events.some((e) => e.documentId === SCEWC_2023 && e.locale === 'en')).toBe(true);
    expect(countDocuments(model)).toEqual({ ...EXPECTED_COUNTS, event: { en: 7, es: 6 } });

    expect(issuesOf(model, 'missing-translation')).toEqual([
      expect.objectContaining({ kind: 'missing-translation', type: 'event', documentId: SCEWC_2023, locale: 'es', field: null }),
    ]);
    expect(model.issues).toHaveLength(2);
    expect(model.translations.get(SCEWC_2023)).toEqual({ en: '/en/events/smart-city-expo-world-congress-2023/' });
    expect(splitIssues(model.issues)).toEqual({ leftOut: invalid, missingTranslations: issuesOf(model, 'missing-translation'), warnings: [] });
  });

  test('(b) an event time zone that does not exist: invalid-document at field timeZone', () => {
    const snap = snapshot();
    // The time zone is shared by both languages of a document, as in Strapi.
    for (const locale of LOCALES) rawDoc(snap, 'event', locale, SCEWC_2023).timeZone = 'Mars/Olympus';
    const model = run(snap);

    const invalid = issuesOf(model, 'invalid-document');
    expect(invalid.map(({ type, documentId, locale, field }) => ({ type, documentId, locale, field }))).toEqual([
      { type: 'event', documentId: SCEWC_2023, locale: 'en', field: 'timeZone' },
      { type: 'event', documentId: SCEWC_2023, locale: 'es', field: 'timeZone' },
    ]);
    expect(invalid[0]?.message).toContain('expected an IANA time zone');
    expect(model.events.some((e) => e.documentId === SCEWC_2023)).toBe(false);
    expect(model.translations.has(SCEWC_2023)).toBe(false);
    // Gone in both languages: nothing to translate, so no missing-translation issue.
    expect(issuesOf(model, 'missing-translation')).toEqual([]);
    expect(countDocuments(model)).toEqual({ ...EXPECTED_COUNTS, event: { en: 6, es: 6 } });
  });

  test('(c) a javascript: link in a study summary: the study publishes, the link does not', () => {
    const snap = snapshot();
    const summary = rawDoc(snap, 'study', 'en', STUDY_2023).summary as unknown[];
    const index = summary.length;
    summary.push({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Read it ' },
        { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'here' }] },
      ],
    });
    const model = run(snap);

    const study = model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'en');
    expect(study).toBeDefined();
    expect(study?.summaryHtml.endsWith('\n<p>Read it here</p>')).toBe(true);
    expect(study?.summaryHtml).not.toContain('<a');
    expect(study?.summaryHtml).not.toContain('javascript');

    const unsafe = issuesOf(model, 'unsafe-link');
    expect(unsafe).toHaveLength(1);
    expect(unsafe[0]).toMatchObject({ type: 'study', documentId: STUDY_2023, locale: 'en', field: `summary.${index}.children.1` });
    expect(unsafe[0]?.field?.startsWith('summary.')).toBe(true);
    expect(unsafe[0]?.message).toContain('javascript:alert(1)');
    expect(model.issues).toHaveLength(1);
    expect(countDocuments(model)).toEqual(EXPECTED_COUNTS);
  });

  test('(d) two Spanish studies with one slug: the second is left out as duplicate-slug', () => {
    const snap = snapshot();
    const [first, second] = rawDocs(snap, 'study', 'es');
    expect(first?.documentId).toBe(STUDY_2023);
    expect(second?.documentId).toBe(STUDY_2021);
    (second as RawDoc).slug = (first as RawDoc).slug;
    const model = run(snap);

    expect(issuesOf(model, 'duplicate-slug')).toEqual([
      expect.objectContaining({ type: 'study', documentId: STUDY_2021, locale: 'es', field: 'slug' }),
    ]);
    expect(issuesOf(model, 'duplicate-slug')[0]?.message).toContain(`already used by ${STUDY_2023}`);
    expect(model.studies.filter((s) => s.locale === 'es').map((s) => s.documentId)).toEqual([STUDY_2023]);
    expect(model.studies.filter((s) => s.locale === 'en').map((s) => s.documentId)).toEqual([STUDY_2023, STUDY_2021]);
    expect(model.translations.get(STUDY_2023)?.es).toBe('/es/estudios/estudio-ciudades-inteligentes-2023/');
    expect(model.translations.get(STUDY_2021)).toEqual({ en: '/en/studies/smart-cities-study-2021/' });
    expect(issuesOf(model, 'missing-translation')).toEqual([expect.objectContaining({ documentId: STUDY_2021, locale: 'es' })]);
    expect(splitIssues(model.issues).leftOut.map((issue) => issue.kind)).toEqual(['duplicate-slug']);
  });

  test('(e) site settings not published in es: Spanish is left out with a report entry, English publishes in full', () => {
    const snap = snapshot();
    (snap.singles['site-setting'] as Record<Locale, unknown>).es = null;
    const model = run(snap);
    expect(model.locales).toEqual(['en']);
    expect(countDocuments(model)).toEqual({ study: { en: 2, es: 0 }, event: { en: 7, es: 0 }, article: { en: 1, es: 0 }, axis: { en: 6, es: 0 } });
    const [issue] = splitIssues(model.issues).leftOut;
    expect(issue).toMatchObject({ kind: 'invalid-document', type: 'site-setting', locale: 'es' });
    expect(issue?.message).toContain('site settings are not published in "es"');
    // No English document is said to miss a Spanish translation: Spanish is not published at all.
    expect(issuesOf(model, 'missing-translation')).toEqual([]);
  });

  test('(e2) site settings that do not fit (no siteName in en): English is left out, naming the field; Spanish publishes', () => {
    const snap = snapshot();
    delete (snap.singles['site-setting'] as Record<Locale, Record<string, unknown>>).en.siteName;
    const model = run(snap);
    expect(model.locales).toEqual(['es']);
    expect(splitIssues(model.issues).leftOut).toEqual([expect.objectContaining({ type: 'site-setting', locale: 'en', field: 'siteName' })]);
  });

  test('(e3) no language with published site settings: a PipelineError that says what to publish', () => {
    const snap = snapshot();
    snap.singles['site-setting'] = { en: null, es: null } as unknown as RawSnapshot['singles'][string];
    expect(() => run(snap)).toThrow(PipelineError);
    expect(() => run(snap)).toThrow(/Publish the site settings/);
  });

  test('(e4) a language the CMS does not have: no documents, no pages, nothing reported', () => {
    const snap = snapshot();
    snap.locales = ['en'];
    const model = run(snap);
    expect(model.locales).toEqual(['en']);
    expect(model.issues).toEqual([]);
    expect(countDocuments(model).study).toEqual({ en: 2, es: 0 });
  });

  test('(f) an article published in en only: missing-translation for es, en-only translations', () => {
    const snap = snapshot();
    (snap.collections.article as Record<Locale, unknown[]>).es = [];
    const model = run(snap);

    expect(model.issues).toEqual([
      expect.objectContaining({ kind: 'missing-translation', type: 'article', documentId: ARTICLE, locale: 'es', field: null }),
    ]);
    expect(model.issues[0]?.message).toContain('The Smart Cities Study 2023 is out');
    expect(model.translations.get(ARTICLE)).toEqual({ en: '/en/news/smart-cities-study-2023-is-out/' });
    expect(countDocuments(model)).toEqual({ ...EXPECTED_COUNTS, article: { en: 1, es: 0 } });
  });

  test('(f2) an axis missing in es: Spanish studies still name it, but without a URL', () => {
    const snap = snapshot();
    const axes = (snap.collections.axis as Record<Locale, RawDoc[]>).es;
    (snap.collections.axis as Record<Locale, RawDoc[]>).es = axes.filter((axis) => axis.documentId !== AXIS_ECONOMY);
    const model = run(snap);

    const study = model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'es');
    expect(study?.axes[0]).toEqual({ documentId: AXIS_ECONOMY, title: 'Economía inteligente', url: null });
    expect(study?.axes[1]?.url).toBe('/es/ejes/nueva-movilidad/');
    expect(model.translations.get(AXIS_ECONOMY)).toEqual({ en: '/en/axes/smart-economy/' });
    expect(issuesOf(model, 'missing-translation')).toEqual([expect.objectContaining({ type: 'axis', documentId: AXIS_ECONOMY, locale: 'es' })]);
  });

  test('(g) a cover without Spanish alternative text: image-without-alt and an empty alt', () => {
    const snap = snapshot();
    rawDoc(snap, 'study', 'es', STUDY_2023).coverAlt = null;
    const model = run(snap);

    expect(model.issues).toEqual([
      expect.objectContaining({ kind: 'image-without-alt', type: 'study', documentId: STUDY_2023, locale: 'es', field: 'coverAlt' }),
    ]);
    const study = model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'es');
    // The media library's (English) alternative text is not used for the Spanish page.
    expect(study?.cover?.alt).toBe('');
    expect(study?.cover?.file.sitePath).toBe('/media/cover_study_2023_9e591aed0b.png');
    expect(splitIssues(model.issues).warnings).toHaveLength(1);
  });

  test('(g2) a cover without English coverAlt falls back to the media library text, with no issue', () => {
    const snap = snapshot();
    rawDoc(snap, 'study', 'en', STUDY_2023).coverAlt = '   ';
    const model = run(snap);
    expect(model.issues).toEqual([]);
    const study = model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'en');
    expect(study?.cover?.alt).toBe('Abstract cover artwork: a smooth gradient from deep blue to orange with the year 2023 in large figures.');
  });
});

describe('normalise: characters no web page, feed or calendar may hold', () => {
  const VT = '\u000b';
  const ESC = '\u001b';

  test('(h) taken out of titles, slugs, rich text, link URLs, alt texts, components and relations; one warning per document and locale, naming the fields', () => {
    const snap = snapshot();
    const study = rawDoc(snap, 'study', 'en', STUDY_2023);
    const summary = study.summary as { children: { text?: string; url?: string }[] }[];
    study.title = `Smart Cities${VT}Study 2023\u0008`;
    study.slug = `smart-cities-study\u000b-2023\u0000`;
    (summary[0]!.children[0] as { text: string }).text = `${ESC}[31m${summary[0]!.children[0]!.text}\ufffe`;
    summary.push({ children: [{ type: 'link', url: 'https://example.org/\u007fpa\u000cge', children: [{ type: 'text', text: 'More\u0093' }] }], type: 'paragraph' } as never);
    study.coverAlt = `Cover\ud800 art`;
    (study.objectives as { text: string }[])[0]!.text = `Objective\u000cone`;
    (study.axes as { name: string }[])[0]!.name = `Smart\u0085Economy`;
    const event = rawDoc(snap, 'event', 'es', SCEWC_2023);
    event.venue = `Fira\u0007 Gran Via`;
    const before = structuredClone(snap);
    const model = run(snap);

    expect(snap).toEqual(before);
    expect(countDocuments(model)).toEqual(EXPECTED_COUNTS);
    const issues = issuesOf(model, 'control-characters');
    expect(issues.map(({ type, documentId, locale, field }) => ({ type, documentId, locale, field }))).toEqual([
      {
        type: 'study',
        documentId: STUDY_2023,
        locale: 'en',
        // In the order of the document's fields as Strapi sends them.
        field: `title, slug, summary.0.children.0.text, summary.${summary.length - 1}.children.0.url, summary.${summary.length - 1}.children.0.children.0.text, coverAlt, objectives.0.text, axes.0.name`,
      },
      { type: 'event', documentId: SCEWC_2023, locale: 'es', field: 'venue' },
    ]);
    expect(issues[0]?.message).toContain(`study ${STUDY_2023} (en)`);
    expect(issues[0]?.message).toContain('U+000B');
    expect(issues[0]?.message).toMatch(/removed/);
    expect(issues[0]?.message).toMatch(/publish again/);
    expect(model.issues).toEqual(issues);
    expect(splitIssues(model.issues)).toEqual({ leftOut: [], missingTranslations: [], warnings: issues });

    const clean = model.studies.find((s) => s.documentId === STUDY_2023 && s.locale === 'en');
    expect(clean?.title).toBe('Smart Cities Study 2023');
    expect(clean?.url).toBe('/en/studies/smart-cities-study-2023/');
    expect(clean?.summaryHtml).toContain('<p>[31mThe fifth edition');
    expect(clean?.summaryHtml).toContain('<a href="https://example.org/page" rel="noopener noreferrer">More</a>');
    expect(clean?.cover?.alt).toBe('Cover art');
    expect(clean?.objectives[0]).toBe('Objective one');
    expect(clean?.axes[0]?.title).toBe('Smart Economy');
    expect(model.events.find((e) => e.documentId === SCEWC_2023 && e.locale === 'es')?.venue).toBe('Fira Gran Via');

    // Nothing of it is left anywhere in the model.
    const text = JSON.stringify({ ...model, translations: [...model.translations], media: [...model.media] });
    expect(text).not.toMatch(/\\u00(0[0-8bcef]|1[0-9a-f])|[\u007f-\u009f\ufffe\uffff]|\\ud8/i);
  });

  test('(h2) site settings: taken out and reported as the site-setting single type', () => {
    const snap = snapshot();
    const settings = snap.singles['site-setting'] as Record<Locale, Record<string, unknown>>;
    settings.es.siteName = `Ciudades${ESC} Digitales`;
    settings.es.footer = `Pie\u0000`;
    const model = run(snap);
    expect(model.settings.es?.siteName).toBe('Ciudades Digitales');
    expect(model.settings.es?.footer).toBe('Pie');
    expect(model.issues).toEqual([
      expect.objectContaining({ kind: 'control-characters', type: 'site-setting', documentId: settings.es.documentId, locale: 'es', field: 'siteName, footer' }),
    ]);
  });

  test('(h3) again in the same process over the same objects: the same clean model, reported again; a clean build reports nothing', () => {
    const snap = snapshot();
    rawDoc(snap, 'article', 'es', ARTICLE).title = `Noticia${VT}nueva`;
    const first = run(snap);
    const second = run(snap);
    expect(second).toEqual(first);
    expect(second).toEqual(run(structuredClone(snap)));
    expect(issuesOf(second, 'control-characters')).toEqual([expect.objectContaining({ type: 'article', documentId: ARTICLE, locale: 'es', field: 'title' })]);
    expect(second.articles.find((a) => a.locale === 'es')?.title).toBe('Noticia nueva');
    expect(run().issues).toEqual([]);
  });
});
