// The checks of the PDF issue over every summary the build of the real CMS produced: language,
// title, labels, real text with accents, a structure tree, embedded fonts, 2 to 4 pages.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LABELS } from '../../domain/labels.js';
import { sampleContent } from '../../cms/src/seed/content.js';
import type { Locale } from '../../domain/locales.js';
import { runBuild } from '../../scripts/pipeline.js';
import { listFiles } from '../../scripts/lib/files.js';
import { loadCmsInstances } from '../support/cms-instances.js';
import { allNodes, allText, readPdf } from '../support/pdf-read.js';

describe.each(loadCmsInstances())('summary PDFs built from the CMS on $database', (cms) => {
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'site-pdfs-')), 'dist');
  let pdfs: string[] = [];

  beforeAll(async () => {
    const report = await runBuild({ strapiUrl: cms.url, strapiToken: cms.buildToken, outDir, siteUrl: 'https://cities.example.org', now: new Date('2026-11-27T12:00:00Z'), cacheDir: path.join(path.dirname(outDir), 'cache') });
    if (report.status !== 'ok') throw new Error(report.error?.message);
    pdfs = listFiles(outDir).filter((file) => file.endsWith('.pdf'));
  });

  test('every study has one summary per language, beside its page', () => {
    const expected = sampleContent.studies.flatMap((study) => [
      `en/studies/${study.slug.en}/${study.slug.en}-summary.pdf`,
      `es/estudios/${study.slug.es}/${study.slug.es}-resumen.pdf`,
    ]);
    expect(pdfs.sort()).toEqual(expected.sort());
  });

  test('each PDF is tagged, in its language, titled, with embedded fonts and real text', async () => {
    for (const file of pdfs) {
      const locale = file.slice(0, 2) as Locale;
      const study = sampleContent.studies.find((s) => file.includes(`/${s.slug[locale]}/`))!;
      const bytes = readFileSync(path.join(outDir, file));
      const read = await readPdf(bytes);
      const text = allText(read);
      expect([file, read.pages.length >= 2 && read.pages.length <= 4]).toEqual([file, true]);
      expect(read.raw).toMatch(new RegExp(`/Lang \\(${locale}\\)`));
      expect((await read.pdf.getMetadata()).info).toMatchObject({ Title: study.title[locale] });
      expect(await read.pdf.getViewerPreferences()).toEqual({ DisplayDocTitle: true });
      expect(text).toContain(study.title[locale]);
      expect(text).toContain(LABELS[locale].objectives);
      expect(text).toContain(study.objectives[locale][0]);
      // Every font is embedded (a FontFile2 per font) and none is one of the standard 14.
      expect((read.raw.match(/\/FontFile2 \d+ 0 R/g) ?? []).length).toBe((read.raw.match(/\/Type \/FontDescriptor/g) ?? []).length);
      expect(read.raw).not.toMatch(/Helvetica|Times-Roman|Courier/);
      const roles = new Set(allNodes(read).map((node) => node.role));
      for (const role of ['H1', 'H2', 'P', 'L', 'LI', 'Figure', 'Link']) expect([file, role, roles.has(role)]).toEqual([file, role, true]);
      const figure = allNodes(read).find((node) => node.role === 'Figure');
      expect(figure?.alt).toBe(study.coverAlt[locale]);
      // Text outside tags or artifacts would be invisible to a screen reader.
      expect(read.pages.flatMap((page) => page.untaggedText)).toEqual([]);
      await read.pdf.destroy();
    }
  });

  test('a Spanish sentence with accents copies out exactly', async () => {
    const study = sampleContent.studies[0]!;
    const read = await readPdf(readFileSync(path.join(outDir, `es/estudios/${study.slug.es}/${study.slug.es}-resumen.pdf`)));
    expect(allText(read)).toContain(study.objectives.es[1]);
    expect(study.objectives.es[1]).toMatch(/[áéíóúñ]/);
    await read.pdf.destroy();
  });
});
