// An unpublish or a delete always goes live, whatever other documents say about it: a news
// item that links to a study must not keep that study online once it is unpublished.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBuild, type BuildOptions } from '../../scripts/pipeline.js';
import type { BuildReport } from '../../scripts/publish/report.js';
import { loadCmsInstances } from '../support/cms-instances.js';
import { readPage, sectionPath } from '../support/site-files.js';
import { documentIdOf, signInEditor, type Editor } from '../support/strapi-http.js';

const SITE_URL = 'https://cities.example.org';
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
const built = (report: BuildReport): BuildReport => {
  if (report.status !== 'ok') throw new Error(`the build failed: ${report.error?.message}`);
  return report;
};

describe.each(loadCmsInstances())('takedowns on $database', (cms) => {
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'site-takedowns-')), 'dist');
  const options: BuildOptions = { strapiUrl: cms.url, strapiToken: cms.buildToken, outDir, siteUrl: SITE_URL, now: new Date('2026-11-27T12:00:00Z'), cacheDir: path.join(path.dirname(outDir), 'cache') };
  let editor: Editor;
  const created: [string, string][] = [];

  beforeAll(async () => {
    editor = await signInEditor(cms);
  });

  afterAll(async () => {
    for (const [uid, documentId] of created.reverse()) await editor.send('DELETE', `${cm(uid)}/${documentId}?locale=*`);
  });

  /** Publishes a study in one language for this file to take down; returns its documentId and page URL. */
  const publishStudy = async (stamp: string, theme: string, locale: 'en' | 'es' = 'en'): Promise<{ studyId: string; studyUrl: string }> => {
    const slug = `takedown-${stamp}`;
    const studyId = documentIdOf(
      await editor.send('POST', `${cm('api::study.study')}/actions/publish?locale=${locale}`, {
        title: `Takedown ${stamp}`, slug, edition: 90, year: 2090, theme, summary: [{ type: 'paragraph', children: [{ type: 'text', text: 'Soon gone.' }] }],
      }),
    );
    created.push(['api::study.study', studyId]);
    return { studyId, studyUrl: `${sectionPath(locale, 'studies')}${slug}/` };
  };

  test.each(['incremental', 'full'])('a study unpublished while a news item links to it leaves the site (%s build); the link becomes text and a report entry', async (kind) => {
    const stamp = `${kind}-${Date.now()}`;
    const { studyId, studyUrl } = await publishStudy(stamp, 'To be taken down');
    const articleId = documentIdOf(
      await editor.send('POST', `${cm('api::article.article')}/actions/publish?locale=en`, {
        title: `Linking ${stamp}`, slug: `linking-${stamp}`, date: '2026-11-20',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Read ' }, { type: 'link', url: `${SITE_URL}${studyUrl}`, children: [{ type: 'text', text: 'the study' }] }, { type: 'text', text: ' and ' }, { type: 'link', url: studyUrl, children: [{ type: 'text', text: 'again' }] }] }],
      }),
    );
    created.push(['api::article.article', articleId]);
    const articleUrl = `/en/news/linking-${stamp}/`;

    built(await runBuild(options));
    expect(readPage(outDir, articleUrl).html).toContain(`href="${SITE_URL}${studyUrl}"`);
    expect(existsSync(path.join(outDir, studyUrl, 'index.html'))).toBe(true);

    expect((await editor.send('POST', `${cm('api::study.study')}/${studyId}/actions/unpublish?locale=en`, {})).status).toBe(200);
    const report = built(await runBuild({ ...options, incremental: kind === 'incremental' }));
    expect(existsSync(path.join(outDir, studyUrl))).toBe(false);
    const article = readPage(outDir, articleUrl).html;
    expect(article).toContain('Read the study and again');
    expect(article).not.toContain(studyUrl);
    const warnings = report.warnings.filter((w) => w.kind === 'broken-link' && w.documentId === articleId);
    expect(warnings.map((w) => [w.type, w.locale, w.field])).toEqual([['article', 'en', 'body'], ['article', 'en', 'body']]);
    expect(warnings[0]?.message).toContain(studyUrl);
  });

  test('an unpublish goes live even when the build fails for a fault of the pipeline itself, and the next build completes it', async () => {
    // In Spanish, whose page also has a page at its former address (/es/studies/…) that must go with it.
    const { studyId, studyUrl } = await publishStudy(`fault-${Date.now()}`, 'Retirado con el proceso averiado', 'es');
    const formerUrl = studyUrl.replace(sectionPath('es', 'studies'), '/es/studies/');
    built(await runBuild(options));
    expect(existsSync(path.join(outDir, studyUrl, 'index.html'))).toBe(true);
    expect(existsSync(path.join(outDir, formerUrl, 'index.html'))).toBe(true);
    const liveBefore = readFileSync(path.join(outDir, 'en/index.html'), 'utf8');

    expect((await editor.send('POST', `${cm('api::study.study')}/${studyId}/actions/unpublish?locale=es`, {})).status).toBe(200);
    // The media cache is a file, not a directory: the build fails after it read the CMS.
    const brokenCache = path.join(path.dirname(outDir), 'not-a-directory');
    writeFileSync(brokenCache, 'x');
    const failed = await runBuild({ ...options, cacheDir: brokenCache, incremental: true });
    expect(failed.status).toBe('failed');
    expect(failed.takedown?.pages).toEqual([studyUrl, formerUrl]);
    expect(existsSync(path.join(outDir, studyUrl))).toBe(false);
    expect(existsSync(path.join(outDir, formerUrl))).toBe(false);
    // The search index holds the study's text and cannot be edited: it goes too, until a build makes it again.
    expect(existsSync(path.join(outDir, 'pagefind'))).toBe(false);
    // Everything else is the live site as it was.
    expect(readFileSync(path.join(outDir, 'en/index.html'), 'utf8')).toBe(liveBefore);

    // The next build that works publishes the rest of the change (lists, feeds, sitemap).
    const next = built(await runBuild({ ...options, incremental: true }));
    expect(next.takedown ?? null).toBeNull();
    expect([next.search, existsSync(path.join(outDir, 'pagefind', 'pagefind-entry.json'))]).toEqual(['made', true]);
    expect(existsSync(path.join(outDir, studyUrl))).toBe(false);
    expect(readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8')).not.toContain(studyUrl);
    expect(readFileSync(path.join(outDir, 'es/estudios/index.html'), 'utf8')).not.toContain(studyUrl);
    expect(existsSync(path.join(outDir, formerUrl))).toBe(false);
  });
});
