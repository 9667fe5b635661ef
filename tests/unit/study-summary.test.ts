// The summary PDF of each sample study (tests/fixtures/sample-snapshot.json, normalised) in
// both languages, read back with pdfjs-dist as a reader's viewer or screen reader would: the
// exact title as the H1 on the cover, the labels and formatted numbers of the document's
// language, Spanish text with its accents as it copies, the structure tree (headings,
// paragraphs, lists, the cover as a Figure with the CMS's alt text, links), the catalog's
// /Lang, DisplayDocTitle and MarkInfo, PDF/UA identification, embedded DejaVu subsets and no
// standard-14 font, nothing drawn outside a tag or an artifact, and byte-identical output
// for the same input. The cover is a PNG made here with sharp (no binary fixture).
import { readFileSync } from 'node:fs';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { allNodes, allText, flat, isNode, nodes, readPdf, textOf, type Page, type Read, type StructNode } from '../support/pdf-read.js';
import sharp from 'sharp';
import { LOCALES, type Locale } from '../../domain/locales.js';
import { settingsOf, type ContentModel, type Study } from '../../domain/model.js';
import { normalise } from '../../scripts/normalise/normalise.js';
import { forgetParsedFonts } from '../../scripts/pdf/fonts.js';
import { parseRichText } from '../../scripts/pdf/rich-text.js';
import { renderStudySummary } from '../../scripts/pdf/study-summary.js';
import { PdfRenderError, summaryInputHash, type SummaryInput } from '../../scripts/pdf/summary-input.js';

const FIXTURE = readFileSync(new URL('../fixtures/sample-snapshot.json', import.meta.url), 'utf8');
const model: ContentModel = normalise(JSON.parse(FIXTURE), { cmsUrl: 'http://cms.test' });
const SITE = 'https://cities.test';

// documentIds of the sample content (recorded in the fixture).
const STUDY_2023 = 'lmu1f1poi5nvnomszawgggjs';
const STUDY_2021 = 'eb4rvh1erayk9rsce7a6bmzy';

const studyOf = (documentId: string, locale: Locale): Study => {
  const found = model.studies.find((study) => study.documentId === documentId && study.locale === locale);
  if (!found) throw new Error(`fixture has no study ${documentId} in ${locale}`);
  return found;
};

let coverPng: Buffer;
const inputFor = (study: Study, cover: Buffer | null = coverPng): SummaryInput => ({
  study,
  settings: settingsOf(model, study.locale),
  siteUrl: SITE,
  coverImage: cover && { data: cover, alt: study.cover?.alt ?? '' },
  pageUrl: `${SITE}${study.url}`,
});

// ---------------------------------------------------------------------------------------------
// Reading a PDF back

// ---------------------------------------------------------------------------------------------

const SAMPLES = [STUDY_2023, STUDY_2021].flatMap((documentId) => LOCALES.map((locale) => ({ documentId, locale })));
const reads = new Map<string, Read>();
const sample = (documentId: string, locale: Locale): Read => {
  const read = reads.get(`${documentId}/${locale}`);
  if (!read) throw new Error('sample not rendered');
  return read;
};

beforeAll(async () => {
  coverPng = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#336699' } }).png().toBuffer();
  for (const { documentId, locale } of SAMPLES) {
    reads.set(`${documentId}/${locale}`, await readPdf(await renderStudySummary(inputFor(studyOf(documentId, locale)))));
  }
});

describe('the summary PDF of each sample study, in each language', () => {
  test.each(SAMPLES)('$documentId ($locale) has 2 to 4 A4 pages and its exact title as the H1 on page 1', async ({ documentId, locale }) => {
    const read = sample(documentId, locale);
    const study = studyOf(documentId, locale);
    expect(read.pdf.numPages).toBeGreaterThanOrEqual(2);
    expect(read.pdf.numPages).toBeLessThanOrEqual(4);
    const first = read.pages[0]!;
    const h1 = nodes(first.tree).filter((node) => node.role === 'H1');
    expect(h1).toHaveLength(1);
    expect(textOf(h1[0]!, first)).toBe(study.title);
    expect(flat(first.text)).toContain(study.title);
    // Only the cover has an H1.
    expect(read.pages.slice(1).flatMap((page) => nodes(page.tree)).some((node) => node.role === 'H1')).toBe(false);
    const page = await read.pdf.getPage(1);
    expect(page.view.map(Math.round)).toEqual([0, 0, 595, 842]);
  });

  test('English summaries speak English, labels, numbers and dates included', () => {
    const study = studyOf(STUDY_2023, 'en');
    const text = allText(sample(STUDY_2023, 'en'));
    for (const label of ['Study summary', 'Edition 5 · 2023', 'Theme', 'Summary', 'Objectives', 'Smart city axes', 'Participants', 'Sustainable Development Goals addressed', 'Full study']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('20 cities from 16 countries');
    expect(text).toContain(`SDG 11: ${study.sdgs.find((sdg) => sdg.number === 11)!.name}`);
    expect(text).toContain('The full study is available in Spanish and English.');
    expect(text).toContain('The full study is not online yet.');
    expect(text).toContain('as published on the site on 27 November 2026.');
    expect(text).toContain('UCLG Digital Cities Community of Practice');
    expect(text).not.toMatch(/Objetivos|Resumen|ODS \d/);
    // The 2021 study names no axes: the section says so rather than vanishing.
    expect(allText(sample(STUDY_2021, 'en'))).toContain('Smart city axes This edition is not organised around the smart city axes.');
  });

  test('Spanish summaries speak Spanish, labels, numbers and dates included', () => {
    const study = studyOf(STUDY_2023, 'es');
    const text = allText(sample(STUDY_2023, 'es'));
    for (const label of ['Resumen del estudio', 'Edición 5 · 2023', 'Tema', 'Resumen', 'Objetivos', 'Ejes de la ciudad inteligente', 'Participación', 'Objetivos de Desarrollo Sostenible abordados', 'Estudio completo']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('20 ciudades de 16 países');
    expect(text).toContain(`ODS 11: ${study.sdgs.find((sdg) => sdg.number === 11)!.name}`);
    expect(text).toContain('El estudio completo está disponible en español e inglés.');
    expect(text).toContain('tal como se publicó en el sitio el 27 de noviembre de 2026.');
    expect(text).not.toMatch(/Objectives|Summary|SDG \d/);
    expect(allText(sample(STUDY_2021, 'es'))).toContain('Regiones: Europa, América Latina, África y Asia');
  });

  test('Spanish text with accents copies out exactly as the editor wrote it', () => {
    const sentence = 'Estos proyectos impulsan la I+D+i desde una perspectiva público-privada y contribuyen a la consecución de la Agenda 2030 de las Naciones Unidas.';
    expect(studyOf(STUDY_2023, 'es').summaryHtml).toContain(sentence);
    expect(allText(sample(STUDY_2023, 'es'))).toContain(sentence);
    const objective = studyOf(STUDY_2023, 'es').objectives[1]!;
    expect(objective).toMatch(/[áéíóú«»]/);
    expect(allText(sample(STUDY_2023, 'es'))).toContain(objective);
    // Ligatures ("fi" in "Identificar") come back as letters.
    expect(allText(sample(STUDY_2023, 'es'))).toContain('Identificar las principales barreras');
  });

  test.each(SAMPLES)('$documentId ($locale) is tagged: headings, paragraphs, lists, the cover figure with its alt text, links', async ({ documentId, locale }) => {
    const read = sample(documentId, locale);
    const study = studyOf(documentId, locale);
    const roles = new Set(allNodes(read).map((node) => node.role));
    for (const role of ['Document', 'Sect', 'H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Figure', 'Link']) expect(roles).toContain(role);
    // Headings go H1 → H2 without skipping a level.
    const headings = allNodes(read).filter((node) => /^H\d$/.test(node.role)).map((node) => Number(node.role.slice(1)));
    headings.forEach((level, index) => expect(level - (headings[index - 1] ?? 0)).toBeLessThanOrEqual(1));

    const figures = allNodes(read).filter((node) => node.role === 'Figure');
    expect(figures).toHaveLength(1);
    expect(figures[0]!.alt).toBe(study.cover!.alt);
    expect(study.cover!.alt).not.toBe('');
    expect(nodes(read.pages[0]!.tree)).toContain(figures[0]);

    // The link to the study page: a Link element holding the URL's text and its annotation.
    const pageUrl = `${SITE}${study.url}`;
    const links: { text: string; url: string | undefined; description: string | undefined }[] = [];
    for (const [index, page] of read.pages.entries()) {
      const annotations = (await (await read.pdf.getPage(index + 1)).getAnnotations()) as { id: string; subtype: string; url?: string; contentsObj?: { str: string } }[];
      for (const node of nodes(page.tree).filter((candidate) => candidate.role === 'Link')) {
        const objects = node.children.filter((child) => !isNode(child) && child.type === 'object').map((child) => (child as { id: string }).id);
        expect(objects.length).toBeGreaterThan(0);
        for (const id of objects) {
          const annotation = annotations.find((candidate) => candidate.id === id);
          expect(annotation?.subtype).toBe('Link');
          links.push({ text: textOf(node, page), url: annotation?.url, description: annotation?.contentsObj?.str });
        }
      }
    }
    expect(links).toContainEqual({ text: pageUrl, url: pageUrl, description: pageUrl });
  });

  test.each(SAMPLES)('$documentId ($locale) has every drawn text inside a tag or an artifact; page numbers are artifacts', async ({ documentId, locale }) => {
    const read = sample(documentId, locale);
    const count = read.pdf.numPages;
    read.pages.forEach((page, index) => {
      expect(page.untaggedText).toEqual([]);
      if (index > 0) expect(page.artifactText).toContain(`${index + 1} / ${count}`);
    });
    // And every path, image and glyph run in the content streams sits in marked content.
    for (let number = 1; number <= count; number++) {
      const { fnArray } = await (await read.pdf.getPage(number)).getOperatorList();
      let depth = 0;
      const outside: number[] = [];
      for (const op of fnArray) {
        if (op === OPS.beginMarkedContent || op === OPS.beginMarkedContentProps) depth++;
        else if (op === OPS.endMarkedContent) depth--;
        else if (depth === 0 && [OPS.constructPath, OPS.fill, OPS.stroke, OPS.showText, OPS.paintImageXObject, OPS.rawFillPath].includes(op)) outside.push(op);
      }
      expect(outside).toEqual([]);
    }
  });

  test.each(SAMPLES)('$documentId ($locale) declares its language, title, PDF/UA and tagging; dates come from updatedAt', async ({ documentId, locale }) => {
    const read = sample(documentId, locale);
    const study = studyOf(documentId, locale);
    expect(read.raw.startsWith('%PDF-1.7\n')).toBe(true);
    expect(read.raw).toMatch(new RegExp(`/Type /Catalog\\n[^]*?/Lang \\(${locale}\\)`));
    const { info } = (await read.pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
    expect(info.Language).toBe(locale);
    expect(info.Title).toBe(study.title);
    const pinned = `D:${study.updatedAt.slice(0, 19).replace(/[-T:]/g, '')}Z`;
    expect(info.CreationDate).toBe(pinned);
    expect(info.ModDate).toBe(pinned);
    expect(await read.pdf.getViewerPreferences()).toEqual({ DisplayDocTitle: true });
    expect(await read.pdf.getMarkInfo()).toMatchObject({ Marked: true });
    expect(read.raw).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(read.raw).toContain(`<rdf:li xml:lang="x-default">${study.title}</rdf:li>`);
  });

  test.each(SAMPLES)('$documentId ($locale) embeds a subset of every font it uses, and never a standard-14 font', ({ documentId, locale }) => {
    const { raw } = sample(documentId, locale);
    const baseFonts = [...raw.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((match) => match[1]);
    expect(baseFonts.length).toBeGreaterThan(0);
    for (const name of baseFonts) expect(name).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold|-Oblique|-BoldOblique)?$/);
    const descriptors = raw.match(/\/Type \/FontDescriptor/g) ?? [];
    const files = raw.match(/\/FontFile2 \d+ 0 R/g) ?? [];
    expect(files).toHaveLength(descriptors.length);
    expect(new Set(baseFonts).size).toBe(descriptors.length);
    expect(raw).not.toMatch(/Helvetica|Times-Roman|Courier|\/Subtype \/Type1/);
  });
});

describe('reproducible bytes and the content hash', () => {
  test('the same input renders to the same bytes, also after a structured clone (as a worker thread receives it)', async () => {
    const input = inputFor(studyOf(STUDY_2023, 'es'));
    const cloned = structuredClone(input);
    const again = await renderStudySummary(cloned);
    expect(again.equals(sample(STUDY_2023, 'es').bytes)).toBe(true);
    expect(summaryInputHash(cloned)).toBe(summaryInputHash(input));
    expect(summaryInputHash(input)).toMatch(/^[0-9a-f]{64}$/);
    // The trailer's file ID is the start of that hash, not a random or clock-based one.
    const id = summaryInputHash(input).slice(0, 32);
    expect(again.toString('latin1')).toContain(`/ID [<${id}> <${id}>]`);
  });

  test('words shaped for an earlier summary are shaped as a fresh font would: each sample is the same with the fonts parsed anew', async () => {
    // The samples after the first were rendered with the faces' kept shapes (see keepShapes).
    for (const { documentId, locale } of SAMPLES) {
      forgetParsedFonts();
      const fresh = await renderStudySummary(inputFor(studyOf(documentId, locale)));
      expect({ documentId, locale, same: fresh.equals(sample(documentId, locale).bytes) }).toEqual({ documentId, locale, same: true });
    }
  });

  test('a new title changes the hash and the bytes of that PDF only; the title reads right everywhere, markup characters included', async () => {
    const inputs = model.studies.map((study) => inputFor(study));
    const before = inputs.map(summaryInputHash);
    const original = inputFor(studyOf(STUDY_2023, 'en'));
    const title = `${original.study.title}: R&D <revised>`;
    const changed: SummaryInput = { ...original, study: { ...original.study, title } };
    const after = inputs.map((input) => (input.study === original.study ? changed : input)).map(summaryInputHash);
    expect(after.filter((hash, index) => hash !== before[index])).toEqual([summaryInputHash(changed)]);
    const bytes = await renderStudySummary(changed);
    expect(bytes.equals(sample(STUDY_2023, 'en').bytes)).toBe(false);
    const read = await readPdf(bytes);
    expect(textOf(nodes(read.pages[0]!.tree).find((node) => node.role === 'H1')!, read.pages[0]!)).toBe(title);
    expect(((await read.pdf.getMetadata()).info as { Title?: string }).Title).toBe(title);
    // The XMP packet is XML: the title is escaped there, so the metadata stays well-formed.
    expect(read.raw).toContain('<rdf:li xml:lang="x-default">Smart Cities Study 2023: R&amp;D &lt;revised&gt;</rdf:li>');
  });

  test('the cover image and its alt text are part of the hash', async () => {
    const input = inputFor(studyOf(STUDY_2021, 'en'));
    const otherPng = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#993366' } }).png().toBuffer();
    expect(summaryInputHash({ ...input, coverImage: { data: otherPng, alt: input.coverImage!.alt } })).not.toBe(summaryInputHash(input));
    expect(summaryInputHash({ ...input, coverImage: { data: coverPng, alt: 'Another description' } })).not.toBe(summaryInputHash(input));
    expect(summaryInputHash({ ...input, coverImage: null })).not.toBe(summaryInputHash(input));
    // What the images stage adds to the study's cover record is not drawn, so it does not count.
    const fallback = { format: 'jpeg' as const, width: 400, height: 250, sitePath: '/media/cover-400.jpg' };
    const cover = { ...input.study.cover!, variants: { width: 1600, height: 1000, sources: [fallback], fallback } } as unknown as Study['cover'];
    const withVariants = { ...input, study: { ...input.study, cover } };
    expect(summaryInputHash(withVariants)).toBe(summaryInputHash(input));
  });
});

describe('covers', () => {
  test('a JPEG cover is a Figure too; without a cover there is no Figure and the cover still reads right', async () => {
    const study = studyOf(STUDY_2021, 'es');
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#226644' } }).jpeg({ quality: 80 }).toBuffer();
    const withJpeg = await readPdf(await renderStudySummary(inputFor(study, jpeg)));
    expect(allNodes(withJpeg).filter((node) => node.role === 'Figure').map((node) => node.alt)).toEqual([study.cover!.alt]);
    const without = await readPdf(await renderStudySummary(inputFor(study, null)));
    expect(allNodes(without).some((node) => node.role === 'Figure')).toBe(false);
    expect(flat(without.pages[0]!.text)).toContain(study.title);
  });

  test('a cover without alt text in the language is decoration, not a Figure without a description', async () => {
    const study = studyOf(STUDY_2023, 'en');
    const read = await readPdf(await renderStudySummary({ ...inputFor(study), coverImage: { data: coverPng, alt: '  ' } }));
    expect(allNodes(read).some((node) => node.role === 'Figure')).toBe(false);
  });

  test('a cover that is neither JPEG nor PNG is refused with an error that names the study', async () => {
    const study = studyOf(STUDY_2023, 'en');
    const webp = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } }).webp().toBuffer();
    const failure = renderStudySummary({ ...inputFor(study), coverImage: { data: webp, alt: 'x' } });
    await expect(failure).rejects.toBeInstanceOf(PdfRenderError);
    await expect(failure).rejects.toThrow(new RegExp(`${study.documentId} \\(en\\).*JPEG or PNG`));
  });
});

describe('a study with everything filled in', () => {
  const full = (locale: Locale): Study => {
    const study = studyOf(STUDY_2023, locale);
    const sdg = (number: number) => study.sdgs.find((goal) => goal.number === number)!;
    return {
      ...study,
      publicationDate: '2023-11-07',
      fullStudyUrl: 'https://example.org/full-study-2023.pdf',
      barriers: locale === 'es' ? ['Falta de financiación estable'] : ['Lack of stable funding'],
      enablers: locale === 'es' ? ['Colaboración público-privada'] : ['Public-private collaboration'],
      goodPractices: [
        {
          documentId: 'gp1',
          title: locale === 'es' ? 'Gemelo digital de Bilbao' : 'Bilbao digital twin',
          descriptionHtml:
            '<p>A <strong>city-wide</strong> model, see <a href="/en/axes/smart-governance/">the axis</a> or <a href="https://example.org/twin">the project</a>.</p>' +
            '<figure><img src="/media/x.png" alt="Inline image"><figcaption>Caption</figcaption></figure><h2>Results</h2><ul><li>Less traffic</li><li>Cleaner air</li></ul>',
          city: study.cities[0] ?? null,
          axis: study.axes[5] ?? null,
          sdgs: [sdg(9), sdg(11)],
        },
      ],
    };
  };

  test.each(LOCALES)('(%s) good practices, barriers, enablers, the full study link and the publication date', async (locale) => {
    const study = full(locale);
    const read = await readPdf(await renderStudySummary(inputFor(study)));
    const text = allText(read);
    expect(read.pdf.numPages).toBeLessThanOrEqual(4);
    const labels = locale === 'es'
      ? ['Buenas prácticas', 'Barreras', 'Facilitadores', 'Falta de financiación estable', 'Colaboración público-privada', 'Publicado: 7 de noviembre de 2023', 'Descargar el estudio completo: https://example.org/full-study-2023.pdf']
      : ['Good practices', 'Barriers', 'Enablers', 'Lack of stable funding', 'Public-private collaboration', 'Published: 7 November 2023', 'Download the full study: https://example.org/full-study-2023.pdf'];
    for (const label of labels) expect(text).toContain(label);
    expect(text).toContain(`${study.goodPractices[0]!.title} Bilbao (${study.cities[0]!.country}) · ${study.axes[5]!.title}`);
    expect(text).toContain('A city-wide model, see the axis or the project.');
    expect(text).toMatch(/(SDG|ODS) 9, (SDG|ODS) 11/);
    // The image inside rich text is left out; the cover stays the only figure.
    expect(text).not.toContain('Caption');
    expect(allNodes(read).filter((node) => node.role === 'Figure')).toHaveLength(1);
    // The practice's title is an H3 under the section's H2, its own heading an H4.
    const roles = allNodes(read).map((node) => node.role);
    expect(roles).toContain('H3');
    expect(roles).toContain('H4');
    const linkTexts = read.pages.flatMap((page) => nodes(page.tree).filter((node) => node.role === 'Link').map((node) => textOf(node, page)));
    expect(linkTexts).toEqual(expect.arrayContaining(['the axis', 'the project', 'https://example.org/full-study-2023.pdf']));
    // Site-relative links in rich text point at the site.
    expect(read.raw).toContain(`/URI (${SITE}/en/axes/smart-governance/)`);
  });
});

describe('rich text to PDF blocks', () => {
  test('paragraphs, headings, nested lists, marks and links; images skipped; entities decoded', () => {
    const blocks = parseRichText(
      '<p>R&amp;D <strong>bold <em>both</em></strong> and <a href="/es/ejes/">un eje</a>.</p>\n<h3>Título</h3>' +
        '<ol><li>uno<ul><li>dos</li></ul></li><li>tres</li></ol><blockquote>cita</blockquote>' +
        '<figure><img src="/m.png" alt="x"><figcaption>pie</figcaption></figure><p><a href="#top">ancla</a><br>línea</p><pre><code>a  b\nc</code></pre>',
      { siteUrl: 'https://cities.test/' },
    );
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        quote: false,
        preformatted: false,
        runs: [
          { text: 'R&D ', bold: false, italic: false, href: null },
          { text: 'bold ', bold: true, italic: false, href: null },
          { text: 'both', bold: true, italic: true, href: null },
          { text: ' and ', bold: false, italic: false, href: null },
          { text: 'un eje', bold: false, italic: false, href: 'https://cities.test/es/ejes/' },
          { text: '.', bold: false, italic: false, href: null },
        ],
      },
      { kind: 'heading', level: 3, runs: [{ text: 'Título', bold: false, italic: false, href: null }] },
      {
        kind: 'list',
        ordered: true,
        items: [
          { runs: [{ text: 'uno', bold: false, italic: false, href: null }], children: [{ kind: 'list', ordered: false, items: [{ runs: [{ text: 'dos', bold: false, italic: false, href: null }], children: [] }] }] },
          { runs: [{ text: 'tres', bold: false, italic: false, href: null }], children: [] },
        ],
      },
      { kind: 'paragraph', quote: true, preformatted: false, runs: [{ text: 'cita', bold: false, italic: false, href: null }] },
      {
        kind: 'paragraph',
        quote: false,
        preformatted: false,
        runs: [
          { text: 'ancla', bold: false, italic: false, href: null },
          { text: '\n', bold: false, italic: false, href: null },
          { text: 'línea', bold: false, italic: false, href: null },
        ],
      },
      { kind: 'paragraph', quote: false, preformatted: true, runs: [{ text: 'a  b\nc', bold: false, italic: false, href: null }] },
    ]);
  });
});
