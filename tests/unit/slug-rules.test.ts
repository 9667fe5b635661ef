// Slugs name folders beside the files and folders a section writes itself. A study slugged
// `index.html` made every later build fail (EEXIST on mkdir); now the CMS refuses such a slug,
// and one that still reaches the pipeline leaves only its own document out.
import { readFileSync } from 'node:fs';
import { editorSlugProblem, RESERVED_SLUGS, slugProblem } from '../../cms/src/validation/slug-rules.js';
import type { RawSnapshot } from '../../scripts/fetch/snapshot.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { countDocuments } from '../../scripts/publish/report.js';

const FIXTURE: RawSnapshot = JSON.parse(readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8'));

// Every name a section writes beside its documents' folders (see render/feeds.ts, the list
// pages and the Open Graph cards), and the paths its lists page through.
const SECTION_FILES = ['index.html', 'og.png', 'feed.xml', 'atom.xml', 'feed.json', 'events.ics', 'sitemap.xml'];

test.each([...SECTION_FILES, 'page', 'pagina', 'PAGE', 'archive', 'archivo', '2', '2024', 'a.b'])('the site cannot publish at %s', (slug) => {
  expect(slugProblem(slug)).not.toBeNull();
  expect(editorSlugProblem(slug)).not.toBeNull();
});

test.each(['smart-cities-study-2023', 'estudio-ciudades-inteligentes-2021', 'scewc-2023', 'page-2-of-the-report', 'paginas'])('%s is a slug', (slug) => {
  expect(slugProblem(slug)).toBeNull();
  expect(editorSlugProblem(slug)).toBeNull();
});

test('editors type lowercase words and single hyphens; the pipeline still publishes older slugs of another style', () => {
  for (const slug of ['Smart-Cities', 'smart_cities', 'smart--cities', '-smart', 'smart-', 'smart cities', 'café']) expect([slug, editorSlugProblem(slug)]).toEqual([slug, expect.any(String)]);
  for (const slug of ['Smart-Cities', 'smart_cities', 'smart~cities']) expect([slug, slugProblem(slug)]).toEqual([slug, null]);
});

test('every reserved name says what it is kept for', () => {
  for (const [slug, reason] of Object.entries(RESERVED_SLUGS)) expect(slugProblem(slug)).toContain(reason);
});

test.each(['index.html', 'feed.xml', 'page', '2023'])('a study slugged %s is left out with a report entry; everything else publishes', (slug) => {
  const snapshot = structuredClone(FIXTURE);
  const studies = (snapshot.collections.study as Record<'en' | 'es', Record<string, unknown>[]>).en;
  const victim = studies[0] as { documentId: string; slug: string };
  victim.slug = slug;
  const model = normalise(snapshot, { cmsUrl: 'http://cms.test:1337' });
  expect(countDocuments(model).study).toEqual({ en: 1, es: 2 });
  expect(model.studies.some((study) => study.documentId === victim.documentId && study.locale === 'en')).toBe(false);
  const issue = model.issues.find((i) => i.kind === 'unusable-slug');
  expect(issue).toMatchObject({ type: 'study', documentId: victim.documentId, locale: 'en', field: 'slug' });
  expect(issue?.message).toContain(slug);
  // Its Spanish version still publishes, and nothing else is left out.
  expect(model.issues.filter((i) => i.kind === 'unusable-slug' || i.kind === 'invalid-document')).toHaveLength(1);
});
