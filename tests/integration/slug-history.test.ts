// Links that never break, against the real CMS: an editor renames a study in both languages,
// and every address readers hold keeps answering — 301 to the new address from the pipeline's
// server, a redirect page and a _redirects rule for static hosts — across incremental builds
// and a full build from an empty cache (the history lives in the CMS); unpublished, the old
// addresses answer 410. Editing only the English text lists the Spanish as out of date.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBuild, type BuildOptions } from '../../scripts/pipeline.js';
import type { BuildReport } from '../../scripts/publish/report.js';
import { startSiteServer } from '../../scripts/server/server.js';
import { loadCmsInstances } from '../support/cms-instances.js';
import { sectionPath } from '../support/site-files.js';
import { documentIdOf, signInEditor, type Editor } from '../support/strapi-http.js';

const SITE_URL = 'https://cities.example.org';
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
const built = (report: BuildReport): BuildReport => {
  if (report.status !== 'ok') throw new Error(`the build failed: ${report.error?.message}`);
  return report;
};

/** Where the pipeline's server sends (or does not send) a request for `url` in `outDir`'s live release. */
const answerFor = async (outDir: string, urls: string[]): Promise<[string, number, string | null][]> => {
  const server = await startSiteServer(outDir, 0);
  try {
    const answers: [string, number, string | null][] = [];
    for (const url of urls) {
      const response = await fetch(`${server.url}${url}`, { redirect: 'manual' });
      answers.push([url, response.status, response.headers.get('location')]);
      await response.arrayBuffer();
    }
    return answers;
  } finally {
    await server.close();
  }
};

describe.each(loadCmsInstances())('addresses and translations on $database', (cms) => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'site-history-'));
  const options: BuildOptions = { strapiUrl: cms.url, strapiToken: cms.buildToken, outDir: path.join(root, 'dist'), siteUrl: SITE_URL, now: new Date('2026-11-27T12:00:00Z'), cacheDir: path.join(root, 'cache') };
  let editor: Editor;
  let studyId = '';

  beforeAll(async () => {
    editor = await signInEditor(cms);
  });

  afterAll(async () => {
    if (studyId) await editor.send('DELETE', `${cm('api::study.study')}/${studyId}?locale=*`);
  });

  test('a renamed study answers at its old addresses in both languages, the old summary PDF included, after an incremental build and a full one from nothing', async () => {
    const stamp = Date.now().toString(36);
    const study = (locale: 'en' | 'es', slug: string, theme: string) => ({ title: `History ${stamp} ${locale}`, slug, edition: 91, year: 2091, theme, summary: paragraph(`Summary ${locale}.`) });
    studyId = documentIdOf(await editor.send('POST', `${cm('api::study.study')}/actions/publish?locale=en`, study('en', `history-${stamp}`, 'Mobility in cities')));
    expect((await editor.send('PUT', `${cm('api::study.study')}/${studyId}?locale=es`, study('es', `historia-${stamp}`, 'Movilidad en las ciudades'))).status).toBe(200);
    expect((await editor.send('POST', `${cm('api::study.study')}/${studyId}/actions/publish?locale=es`, study('es', `historia-${stamp}`, 'Movilidad en las ciudades'))).status).toBe(200);
    const first = built(await runBuild(options));
    const [enOld, esOld] = [`${sectionPath('en', 'studies')}history-${stamp}/`, `${sectionPath('es', 'studies')}historia-${stamp}/`];
    expect(existsSync(path.join(options.outDir, enOld, 'index.html'))).toBe(true);
    expect(first.warnings.filter((w) => w.kind === 'stale-translation' && w.documentId === studyId)).toEqual([]);

    // Renamed in both languages; only the English theme is rewritten.
    expect((await editor.send('POST', `${cm('api::study.study')}/${studyId}/actions/publish?locale=en`, study('en', `history-${stamp}-renamed`, 'Mobility and air in cities'))).status).toBe(200);
    expect((await editor.send('POST', `${cm('api::study.study')}/${studyId}/actions/publish?locale=es`, study('es', `historia-${stamp}-nueva`, 'Movilidad en las ciudades'))).status).toBe(200);
    const renamed = built(await runBuild({ ...options, incremental: true }));
    const [enNew, esNew] = [`${sectionPath('en', 'studies')}history-${stamp}-renamed/`, `${sectionPath('es', 'studies')}historia-${stamp}-nueva/`];
    expect(existsSync(path.join(options.outDir, enNew, 'index.html'))).toBe(true);

    const expected: [string, number, string | null][] = [
      [enOld, 301, enNew],
      [`${enOld}history-${stamp}-summary.pdf`, 301, `${enNew}history-${stamp}-renamed-summary.pdf`],
      [esOld, 301, esNew],
      // The Spanish address from before the sections had Spanish words goes there in one hop too.
      [`/es/studies/historia-${stamp}/`, 301, esNew],
      [enNew, 200, null],
    ];
    expect(await answerFor(options.outDir, expected.map(([url]) => url))).toEqual(expected);
    // For hosts that read no _redirects: a page at the old address that sends readers on.
    const redirectPage = readFileSync(path.join(options.outDir, esOld, 'index.html'), 'utf8');
    expect(redirectPage).toContain(`<meta http-equiv="refresh" content="0; url=${esNew}">`);
    expect(readFileSync(path.join(options.outDir, '_redirects'), 'utf8')).toContain(`${enOld}* ${enNew}:splat 301!`);

    // Only the English theme changed: the Spanish version may be out of date, with a report entry naming the field.
    const stale = renamed.warnings.filter((w) => w.kind === 'stale-translation' && w.documentId === studyId);
    expect(stale.map((w) => [w.type, w.locale, w.field])).toEqual([['study', 'es', 'theme']]);

    // A full build into a new place, with no state and no cache: the history comes from the CMS.
    const fresh = { ...options, outDir: path.join(root, 'fresh', 'dist'), cacheDir: path.join(root, 'fresh', 'cache') };
    built(await runBuild(fresh));
    expect(await answerFor(fresh.outDir, expected.map(([url]) => url))).toEqual(expected);
  });

  test('unpublished, the study answers 410 Gone at its current and former addresses in that language, and the other language keeps redirecting', async () => {
    expect(studyId).not.toBe('');
    const slugOf = (locale: 'en' | 'es'): string => (readFileSync(path.join(options.outDir, '_redirects'), 'utf8').match(new RegExp(`^${sectionPath(locale, 'studies')}(\\S+)/\\* \\S+?(\\S+)/:splat`, 'm')) ?? [])[2]?.split('/').pop() ?? '';
    const [enNow, esNow] = [slugOf('en'), slugOf('es')];
    expect(enNow).toMatch(/-renamed$/);
    expect((await editor.send('POST', `${cm('api::study.study')}/${studyId}/actions/unpublish?locale=en`, {})).status).toBe(200);
    built(await runBuild({ ...options, incremental: true }));
    const answers = await answerFor(options.outDir, [`${sectionPath('en', 'studies')}${enNow}/`, `${sectionPath('en', 'studies')}${enNow.replace(/-renamed$/, '')}/`, `${sectionPath('es', 'studies')}${esNow.replace(/-nueva$/, '')}/`]);
    expect(answers.map(([, status, location]) => [status, location])).toEqual([[410, null], [410, null], [301, `${sectionPath('es', 'studies')}${esNow}/`]]);
  });
});
