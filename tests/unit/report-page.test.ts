// The build report page in both languages: every label translated, the language chosen from
// the switch or the browser's Accept-Language (q-values honoured), Madrid times in each
// language's format, the recent builds one captioned table each with its trigger, and a
// failure's reason in plain words with the technical message kept.
import { DomUtils, parseDocument } from 'htmlparser2';
import { HtmlValidate } from 'html-validate';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../scripts/paths.js';
import { historyEntryOf } from '../../scripts/publish/build-history.js';
import type { BuildReport } from '../../scripts/publish/report.js';
import { REPORT_LABELS } from '../../scripts/server/report-labels.js';
import { chooseReportLocale, localeFromAcceptLanguage, parseAcceptLanguage } from '../../scripts/server/report-language.js';
import { failureKindOf, formatDuration, formatReportTime, renderReportPage } from '../../scripts/server/report-page.js';
import type { ContentIssue } from '../../domain/model.js';

const report = (overrides: Partial<BuildReport> = {}): BuildReport => ({
  status: 'ok', trigger: { kind: 'webhook', reasons: ['entry.publish'], documents: [{ model: 'api::study.study', documentId: 'abc123', locale: 'es' }] },
  startedAt: '2026-12-04T10:00:00.000Z', finishedAt: '2026-12-04T10:00:12.300Z', durationMs: 12_300, cmsUrl: 'http://cms', siteUrl: 'https://site', outDir: '/x/dist', release: 'r1',
  requests: 4, counts: {}, pages: 120, files: 400, media: { downloaded: 0, reused: 0, encoded: 0, reusedVariants: 0 }, pdfs: { generated: 0, reused: 0, renderMs: [] },
  changed: { pages: ['/es/estudios/a/'], feeds: ['/es/feed.xml'], calendars: [], pdfs: ['/es/estudios/a/a-resumen.pdf'], images: 1, other: 0 }, leftOut: [], missingTranslations: [], warnings: [], stages: {}, error: null,
  ...overrides,
});

const cmsDown: BuildReport = report({
  status: 'failed', trigger: { kind: 'retry', reasons: ['retry'], retryOf: { kind: 'schedule', reasons: ['schedule:event-ended'] } }, startedAt: '2026-07-04T10:05:00.000Z', finishedAt: '2026-07-04T10:06:15.000Z', durationMs: 75_000, release: null, changed: null,
  error: { name: 'CmsUnreachableError', message: 'The CMS at http://cms could not be reached after 3 tries.', context: { url: 'http://cms/api/export/studies' } },
});

const issue = (kind: string, message: string): ContentIssue => ({ kind: kind as ContentIssue['kind'], type: 'study', documentId: 'abc123', locale: 'es', field: 'slug', message });

/** The words of every label, at any depth. */
const strings = (value: unknown): string[] => (typeof value === 'string' ? [value] : Object.values(value as object).flatMap(strings));

test('every report label is translated: the same keys in both languages, none empty', () => {
  const keys = (value: object, prefix = ''): string[] => Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
  expect(keys(REPORT_LABELS.es).sort()).toEqual(keys(REPORT_LABELS.en).sort());
  expect(strings(REPORT_LABELS).filter((s) => s.trim() === '')).toEqual([]);
});

describe('the language', () => {
  test('Accept-Language is read by weight, ties in the order given, malformed entries skipped', () => {
    expect(parseAcceptLanguage('en;q=0.5, es-ES, fr;q=0.8, de;q=2, *;q=0.1, pt;q=x')).toEqual([
      { range: 'es-es', q: 1 },
      { range: 'fr', q: 0.8 },
      { range: 'en', q: 0.5 },
      { range: '*', q: 0.1 },
    ]);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });

  test.each([
    [undefined, 'en'],
    ['', 'en'],
    ['es', 'es'],
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['en-US,en;q=0.9,es;q=0.8', 'en'],
    ['en;q=0.4, es;q=0.7', 'es'],
    ['fr-FR, fr;q=0.9, es;q=0.5, en;q=0.3', 'es'],
    ['de, *;q=0.5', 'en'],
    ['en;q=0, *', 'es'],
    ['es;q=0', 'en'],
    ['fr, de', 'en'],
    ['ES-es', 'es'],
  ])('Accept-Language %j gives %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  test('the switch (?lang) wins over the header; an unknown lang is ignored', () => {
    expect(chooseReportLocale('en', 'es-ES,es;q=0.9')).toBe('en');
    expect(chooseReportLocale('es', 'en-GB')).toBe('es');
    expect(chooseReportLocale('fr', 'es')).toBe('es');
    expect(chooseReportLocale(null, undefined)).toBe('en');
  });
});

test('times are shown on the Madrid clock in each language, winter and summer; durations in words', () => {
  expect(formatReportTime('2026-12-04T10:00:00Z', 'en')).toBe('4 December 2026 at 11:00 CET');
  expect(formatReportTime('2026-12-04T10:00:00Z', 'es')).toBe('4 de diciembre de 2026 a las 11:00 CET');
  expect(formatReportTime('2026-07-04T10:05:00Z', 'en')).toBe('4 July 2026 at 12:05 CEST');
  expect(formatDuration(12_300, 'en')).toBe('12.3 s');
  expect(formatDuration(12_300, 'es')).toBe('12,3 s');
  expect(formatDuration(75_000, 'es')).toBe('1 min 15 s');
});

test.each([
  ['CmsUnreachableError', 'cms-unreachable', {}],
  ['CmsAuthError', 'cms-refused', {}],
  ['CmsResponseError', 'cms-answer', { status: 502 }],
  ['VerificationError', 'verification', {}],
  ['SearchIndexError', 'search-index', {}],
  ['PublishError', 'publish', {}],
  ['PipelineError', 'no-language', { type: 'site-setting' }],
  ['TypeError', 'unexpected', { stack: '…' }],
])('a %s is explained as %s', (name, kind, context) => {
  expect(failureKindOf({ name, message: 'm', context })).toBe(kind);
});

describe('the page', () => {
  const last = report({ warnings: [issue('broken-link', 'The link to /en/nowhere/ in study abc123 (en) leads nowhere.'), issue('stale-translation', 'The Spanish version of study abc123 may be out of date: title.')] });
  const history = [historyEntryOf(last), historyEntryOf(cmsDown)];
  const pages = { en: renderReportPage(last, { locale: 'en', history }), es: renderReportPage(last, { locale: 'es', history }) };
  const doc = (html: string) => parseDocument(html);
  const textOf = (html: string, tag: string): string[] => DomUtils.getElementsByTagName(tag, doc(html).children, true).map((el) => DomUtils.textContent(el).replace(/\s+/g, ' ').trim());

  test('is in the language asked for, with a switch to the other', () => {
    expect(pages.en).toContain('<html lang="en">');
    expect(pages.es).toContain('<html lang="es">');
    expect(textOf(pages.en, 'h1')).toEqual(['Build report']);
    expect(textOf(pages.es, 'h1')).toEqual(['Informe de publicación']);
    expect(pages.en).toContain('<a href="?lang=es" hreflang="es" lang="es">Español</a>');
    expect(pages.es).toContain('<a href="?lang=en" hreflang="en" lang="en">English</a>');
    expect(renderReportPage(null)).toContain('<html lang="en">');
  });

  test('says how the last build ended in words, with its time in <time datetime>', () => {
    expect(pages.en).toContain('Last build: <strong>published</strong> at <time datetime="2026-12-04T10:00:12.300Z">4 December 2026 at 11:00 CET</time>, in 12.3 s.');
    expect(pages.es).toContain('Última actualización: <strong>publicada</strong> el <time datetime="2026-12-04T10:00:12.300Z">4 de diciembre de 2026 a las 11:00 CET</time>, en 12,3 s.');
  });

  test('lists each recent build as a table with a caption, trigger, start, duration, result, changes and reason of failure', () => {
    for (const [locale, html] of Object.entries(pages)) {
      const labels = REPORT_LABELS[locale as 'en' | 'es'];
      const captions = textOf(html, 'caption');
      expect(captions).toHaveLength(2);
      expect(captions[1]).toContain(locale === 'en' ? 'Build started 4 July 2026 at 12:05 CEST: failed' : 'Actualización iniciada el 4 de julio de 2026 a las 12:05 CEST: fallida');
      const tables = DomUtils.getElementsByTagName('table', doc(html).children, true);
      const rowHeads = (table: (typeof tables)[number]) => DomUtils.getElementsByTagName('th', [table], true).map((th) => DomUtils.textContent(th));
      expect(rowHeads(tables[0]!)).toEqual([labels.trigger, labels.started, labels.duration, labels.status, labels.changes, labels.problems]);
      expect(rowHeads(tables[1]!)).toEqual([labels.trigger, labels.started, labels.duration, labels.status, labels.changes, labels.problems, labels.failure]);
      expect(html).toContain(labels.triggers.webhook);
      expect(html).toContain(`${labels.eventNames['entry.publish']} (<code>entry.publish</code>)`);
      expect(html).toContain('study abc123 (es)');
      expect(html).toContain(labels.triggers.retry);
      expect(html).toContain(labels.retryOf.replace('{trigger}', labels.triggers.schedule));
      expect(html).toContain(`${labels.failures['cms-unreachable']} ${labels.siteUnchanged} ${labels.retriedBySelf}`);
      expect(html).toContain(labels.nothingPublished);
      // The technical message stays a click away.
      expect(html).toContain('<code>CmsUnreachableError</code>: The CMS at http://cms could not be reached after 3 tries.');
    }
    expect(pages.en).toContain('<summary>Pages: 1</summary>');
    expect(pages.es).toContain('<summary>Páginas: 1</summary>');
  });

  test('says which scheduled moment set a build off, in words for those it knows and by name for the rest', () => {
    const scheduled = report({ trigger: { kind: 'schedule', reasons: ['schedule:event-ended', 'schedule:newsletter'] } });
    const html = renderReportPage(scheduled, { locale: 'es', history: [historyEntryOf(scheduled)] });
    expect(html).toContain(`${REPORT_LABELS.es.triggers.schedule}</p><p>${REPORT_LABELS.es.events}: ${REPORT_LABELS.es.scheduleNames['event-ended']}, newsletter.</p>`);
  });

  test('promises a retry only for builds the server started', () => {
    const byHand = renderReportPage({ ...cmsDown, trigger: { kind: 'manual', reasons: [] } });
    expect(byHand).toContain(`${REPORT_LABELS.en.failures['cms-unreachable']} ${REPORT_LABELS.en.siteUnchanged}</p>`);
    expect(byHand).not.toContain(REPORT_LABELS.en.retriedBySelf);
  });

  test('lists a warning of a kind it does not know under "Other warnings"', () => {
    const unknown = renderReportPage(report({ warnings: [issue('some-new-kind', 'Something new about study abc123.')] }));
    expect(unknown).toMatch(/<h2>Other warnings \(1\)<\/h2><ul><li>Something new about study abc123.<\/li><\/ul>/);
    expect(pages.en).toMatch(/<h2>Other warnings \(0\)<\/h2>/);
    expect(pages.en).toMatch(/<h2>Broken or unsafe links \(1\)<\/h2>/);
  });

  test('lists translations that may be out of date, and missing ones, each with a link to the edit view of that language in the admin', () => {
    const edit = 'http://cms/admin/content-manager/collection-types/api::study.study/abc123?plugins[i18n][locale]=es';
    expect(pages.en).toContain(`<h2>Translations that may be out of date (1)</h2><ul><li>The Spanish version of study abc123 may be out of date: title. <a href="${edit}">Edit the Spanish version in the admin</a></li></ul>`);
    expect(pages.es).toContain(`<h2>Traducciones que pueden estar desactualizadas (1)</h2><ul><li>The Spanish version of study abc123 may be out of date: title. <a href="${edit}">Editar la versión en español en el administrador</a></li></ul>`);
    const missing = renderReportPage(report({ missingTranslations: [{ ...issue('missing-translation', 'study "A" (abc123) is published in en only; it has no es version.'), field: null }] }));
    expect(missing).toContain(`has no es version. <a href="${edit}">Edit the Spanish version in the admin</a>`);
    // Site settings and the history have no collection view: no link.
    expect(renderReportPage(report({ missingTranslations: [{ ...issue('missing-translation', 'x'), type: 'site-setting' }] }))).not.toContain('/admin/content-manager/');
  });

  test('says where the release was copied and how that went, or that readers there still see the previous version', () => {
    const deploy = { status: 'ok' as const, target: 's3://site/www', release: 'r1', startedAt: '2026-12-04T10:00:13.000Z', durationMs: 1_400, uploaded: 7, unchanged: 8_402, deleted: 1, bytes: 90_000, redirects: 0, uploadedFiles: [], deletedFiles: [], error: null };
    expect(renderReportPage(report({ deploy }), { locale: 'en' })).toContain(
      '<p class="deploy">Copied to <code>s3://site/www</code> on <time datetime="2026-12-04T10:00:13.000Z">4 December 2026 at 11:00 CET</time>, in 1.4 s: 7 files uploaded, 8,402 unchanged, 1 deleted.</p>',
    );
    expect(renderReportPage(report({ deploy }), { locale: 'es' })).toContain('Copiado a <code>s3://site/www</code> el <time datetime="2026-12-04T10:00:13.000Z">4 de diciembre de 2026 a las 11:00 CET</time>, en 1,4 s: 7 archivos subidos, 8402 sin cambios, 1 borrados.');
    const failed = renderReportPage(report({ deploy: { ...deploy, status: 'failed', uploaded: 3, error: 'Could not reach the store at http://store:9000 while uploading en/index.html (ECONNREFUSED): check DEPLOY_S3_ENDPOINT, or that the store is up.' } }));
    expect(failed).toContain('<p class="status failed">Copying it to <code>s3://site/www</code> on <time');
    expect(failed).toContain('(ECONNREFUSED): check DEPLOY_S3_ENDPOINT, or that the store is up. Readers there still see the previous version, whole; the next build copies again.</p>');
    expect(pages.en).not.toContain('class="deploy"');
  });

  test('headings never skip a level, and both languages pass html-validate', async () => {
    const validator = new HtmlValidate(JSON.parse(readFileSync(path.join(projectRoot, '.htmlvalidate.json'), 'utf8')));
    for (const html of [...Object.values(pages), renderReportPage(cmsDown, { locale: 'es', history: [historyEntryOf(cmsDown)] }), renderReportPage(null, { locale: 'es' })]) {
      const levels = DomUtils.getElementsByTagName((name) => /^h[1-6]$/.test(name), doc(html).children, true).map((el) => Number(el.name[1]));
      expect(levels[0]).toBe(1);
      levels.forEach((level, i) => i > 0 && expect(level).toBeLessThanOrEqual(levels[i - 1]! + 1));
      const result = await validator.validateString(html);
      expect(result.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.message}`))).toEqual([]);
    }
  });
});
