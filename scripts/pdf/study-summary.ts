// A study's summary as an accessible PDF in one language: plain data in, bytes out, so a
// worker thread can call it and a cache can key it by summaryInputHash.
//
// - Tagged (PDF/UA-1): one structure tree in reading order (Document › Sect › H1–H4, P, L/LI/
//   Lbl/LBody, Figure with the CMS's alternative text, Link with its annotation); everything
//   else drawn (bands, rules, colour swatches, running footer) is an Artifact.
// - Reproducible: the dates come from the study's updatedAt and the file ID from the content
//   hash, so the same input gives the same bytes.
// - DejaVu Sans only, embedded as subsets; pdfkit never opens its standard-14 Helvetica.
import PDFDocument from 'pdfkit';
import { fill, formatDate, formatNumber, languageList } from '../../domain/format.js';
import { LABELS, type Labels } from '../../domain/labels.js';
import type { GoodPractice } from '../../domain/model.js';
import { absoluteUrl } from '../normalise/urls.js';
import { font, FONT_FACES } from './fonts.js';
import { COLOR, CONTENT_WIDTH, Layout, MARGIN, PAGE, plain, STYLE, type ListEntry, type ListOptions, type TextStyle } from './layout.js';
import { patchDocument, type Doc, type DocInternals, type Struct } from './pdfkit-patches.js';
import { PDF_LABELS, type PdfLabels } from './pdf-labels.js';
import { parseRichText, type RichBlock, type Run } from './rich-text.js';
import { PdfRenderError, summaryInputHash, type SummaryInput } from './summary-input.js';



const asBuffer = (data: Uint8Array): Buffer => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
const isJpeg = (data: Buffer): boolean => data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
const isPng = (data: Buffer): boolean => data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));


const practiceMeta = (practice: GoodPractice): string =>
  [practice.city && `${practice.city.name} (${practice.city.country})`, practice.axis?.title].filter((part): part is string => Boolean(part)).join(' · ');

const drawCover = (layout: Layout, root: Struct, input: SummaryInput, labels: Labels, pdf: PdfLabels): void => {
  const { doc } = layout;
  const { study, settings } = input;
  const width = CONTENT_WIDTH;

  // The publisher's band across the top, like a letterhead: the community first.
  const band = 60;
  layout.artifact(() => doc.rect(0, 0, PAGE.width, band).fill(COLOR.accent));
  layout.y = band / 2 - STYLE.community.size * 0.6;
  layout.paragraph(root, [plain(settings.communityName)], { ...STYLE.community, size: 11.5, color: '#ffffff' }, 0);

  layout.y = band + 48;
  layout.paragraph(root, [plain(pdf.studySummary)], STYLE.kicker, 10);
  const title = layout.child(root, 'H1');
  layout.runs(title, [plain(study.title)], STYLE.title, MARGIN.left, width);
  title.end();
  layout.y += 8;
  layout.paragraph(root, [plain(fill(pdf.editionLine, { edition: formatNumber(study.edition, layout.locale), year: String(study.year) }))], STYLE.edition, 26);

  // Measured first, so that the image takes what room is left: the theme under it, and the
  // community's note and the publication date at the foot of the page.
  const themeRuns = [plain(study.theme)];
  const themeHeight = 16 + 9 + layout.heightOf([plain(labels.theme)], STYLE.h2, width) + 7 + layout.heightOf(themeRuns, STYLE.lead, width);
  const notes: Run[][] = [];
  if (settings.footer) notes.push([plain(settings.footer)]);
  if (study.publicationDate) notes.push([plain(`${labels.publishedOn}: ${formatDate(study.publicationDate, layout.locale)}`)]);
  const notesHeight = notes.reduce((sum, runs) => sum + layout.heightOf(runs, STYLE.meta, width) + 4, 0);
  const notesTop = layout.bottom - notesHeight;

  const imageTop = layout.y;
  const room = { width, height: Math.max(120, Math.min(320, notesTop - 24 - themeHeight - 12 - imageTop)) };
  let imageHeight = 0;
  if (input.coverImage) {
    const image = (doc as unknown as DocInternals).openImage(asBuffer(input.coverImage.data));
    const scale = Math.min(room.width / image.width, room.height / image.height);
    const size = { width: image.width * scale, height: image.height * scale };
    const draw = (): void => {
      doc.save();
      doc.roundedRect(MARGIN.left, imageTop, size.width, size.height, 6).clip();
      doc.image(image as unknown as Buffer, MARGIN.left, imageTop, size);
      doc.restore();
    };
    const alt = input.coverImage.alt.trim();
    if (alt !== '') {
      const figure = layout.child(root, 'Figure', { alt, bbox: [MARGIN.left, imageTop, MARGIN.left + size.width, imageTop + size.height], placement: 'Block' });
      figure.add(draw);
      figure.end();
    } else {
      // No alternative text in this language: shown as decoration rather than as a figure nobody can describe.
      layout.artifact(draw);
    }
    imageHeight = size.height;
  } else {
    imageHeight = Math.min(room.height, 200);
    layout.artifact(() => {
      doc.roundedRect(MARGIN.left, imageTop, width, imageHeight, 6).fill(COLOR.tint);
      doc.rect(MARGIN.left, imageTop + imageHeight - 8, width, 8).fill(COLOR.accent);
    });
  }
  layout.y = imageTop + imageHeight + 12;

  const theme = layout.child(root, 'Sect');
  layout.heading(theme, 2, labels.theme);
  layout.paragraph(theme, themeRuns, STYLE.lead, 0);
  theme.end();

  if (notes.length > 0) {
    layout.y = Math.max(layout.y + 24, notesTop);
    layout.artifact(() => doc.rect(MARGIN.left, layout.y - 12, 40, 2).fill(COLOR.line));
    for (const runs of notes) layout.paragraph(root, runs, STYLE.meta, 4);
  }
};

const drawContent = (layout: Layout, root: Struct, input: SummaryInput, labels: Labels, pdf: PdfLabels): void => {
  const { study, siteUrl, pageUrl } = input;
  const locale = layout.locale;
  const section = (heading: string, draw: (sect: Struct) => void, keepWith?: number): void => {
    const sect = layout.child(root, 'Sect');
    layout.heading(sect, 2, heading, { keepWith });
    draw(sect);
    sect.end();
  };

  layout.newPage();

  const summary = parseRichText(study.summaryHtml, { siteUrl });
  if (summary.length > 0) section(labels.summary, (sect) => layout.rich(sect, summary, 3));

  // A section with a list keeps its heading with the list's first item (both columns of a
  // two-column list): a heading never ends a page.
  const listSection = (heading: string, entries: ListEntry[], options: ListOptions = {}): void =>
    section(heading, (sect) => layout.list(sect, entries, options), layout.listKeep(entries, options));
  const textEntries = (texts: string[]): ListEntry[] => texts.map((text) => ({ runs: [plain(text)] }));
  const columnsFor = (count: number): 1 | 2 => (count > 3 ? 2 : 1);

  if (study.objectives.length > 0) listSection(labels.objectives, textEntries(study.objectives), { ordered: true });

  if (study.axes.length > 0) listSection(labels.axes, textEntries(study.axes.map((axis) => axis.title)), { columns: columnsFor(study.axes.length) });
  else section(labels.axes, (sect) => layout.paragraph(sect, [plain(pdf.noAxes)]));

  if (study.cityCount || study.cities.length > 0 || study.regions) {
    section(labels.participants, (sect) => {
      if (study.cityCount && study.countryCount) {
        layout.paragraph(sect, [plain(fill(labels.citiesAndCountries, { cities: formatNumber(study.cityCount, locale), countries: formatNumber(study.countryCount, locale) }))]);
      }
      if (study.regions) layout.paragraph(sect, [plain(`${labels.regions}: ${study.regions}`)]);
      if (study.cities.length > 0) {
        const cities = textEntries(study.cities.map((city) => `${city.name} (${city.country})`));
        const options: ListOptions = { columns: columnsFor(study.cities.length) };
        layout.heading(sect, 3, labels.participatingCities, { keepWith: layout.listKeep(cities, options) });
        layout.list(sect, cities, options);
      }
    });
  }

  if (study.sdgs.length > 0) {
    const sdgs = study.sdgs.map((sdg) => ({ runs: [plain(`${labels.sdg} ${sdg.number}: ${sdg.name}`)], swatch: sdg.color }));
    listSection(labels.sdgsAddressed, sdgs, { columns: columnsFor(sdgs.length) });
  }

  if (study.goodPractices.length > 0) {
    section(labels.goodPractices, (sect) => {
      for (const practice of study.goodPractices) {
        const article = layout.child(sect, 'Sect');
        layout.heading(article, 3, practice.title);
        const meta = practiceMeta(practice);
        if (meta) layout.paragraph(article, [plain(meta)], STYLE.meta, 6);
        layout.rich(article, parseRichText(practice.descriptionHtml, { siteUrl }), 4);
        if (practice.sdgs.length > 0) layout.paragraph(article, [plain(practice.sdgs.map((sdg) => `${labels.sdg} ${sdg.number}`).join(', '))], STYLE.meta, 6);
        article.end();
      }
    });
  }

  if (study.barriers.length > 0) listSection(labels.barriers, textEntries(study.barriers));
  if (study.enablers.length > 0) listSection(labels.enablers, textEntries(study.enablers));

  // The closing section is short: it stays on one page, never leaving its last line alone.
  const fullStudyUrl = study.fullStudy ? absoluteUrl(siteUrl, study.fullStudy.sitePath) : study.fullStudyUrl;
  const closing: { runs: Run[]; style: TextStyle }[] = [];
  if (study.availableLanguages.length > 0) closing.push({ runs: [plain(`${labels.availableLanguages} ${languageList(study.availableLanguages, locale)}.`)], style: STYLE.body });
  closing.push({ runs: fullStudyUrl ? [plain(`${labels.downloadFullStudy}: `), plain(fullStudyUrl, fullStudyUrl)] : [plain(labels.fullStudyNotOnline)], style: STYLE.body });
  closing.push({ runs: [plain(`${pdf.readOnline}: `), plain(pageUrl, pageUrl)], style: STYLE.body });
  closing.push({ runs: [plain(fill(pdf.asOf, { date: formatDate(study.updatedAt.slice(0, 10), locale) }))], style: STYLE.meta });
  const closingHeight = closing.reduce((sum, { runs, style }) => sum + layout.heightOf(runs, style, CONTENT_WIDTH) + 8, 0);
  section(
    labels.fullStudy,
    (sect) => {
      for (const { runs, style } of closing) layout.paragraph(sect, runs, style, 8);
    },
    closingHeight,
  );
};

/** "2 / 3" and the running title at the foot of every page after the cover. */
const drawFooters = (layout: Layout, title: string): void => {
  const { doc } = layout;
  const { start, count } = doc.bufferedPageRange();
  for (let index = start + 1; index < start + count; index++) {
    doc.switchToPage(index);
    layout.artifact(() => {
      const lineY = PAGE.height - 56;
      doc.rect(MARGIN.left, lineY, CONTENT_WIDTH, 0.75).fill(COLOR.line);
      layout.setStyle(STYLE.footer);
      const number = `${index + 1} / ${count}`;
      const numberWidth = doc.widthOfString(number);
      doc.text(title, MARGIN.left, lineY + 9, { lineBreak: false });
      doc.text(number, MARGIN.left + CONTENT_WIDTH - numberWidth, lineY + 9, { lineBreak: false });
    }, 'Pagination');
  }
};

/** Renders the summary PDF of one study in its own language. */
export const renderStudySummary = async (input: SummaryInput): Promise<Buffer> => {
  const { study, settings } = input;
  const locale = study.locale;
  const labels = LABELS[locale];
  const pdf = PDF_LABELS[locale];
  const context = { type: 'study', documentId: study.documentId, locale };
  const cover = input.coverImage && asBuffer(input.coverImage.data);
  if (cover && !isJpeg(cover) && !isPng(cover)) {
    throw new PdfRenderError(`The cover image of study ${study.documentId} (${locale}) is neither JPEG nor PNG; pass the JPEG or PNG variant from the image pipeline.`, { ...context, field: 'cover' });
  }
  const updated = new Date(study.updatedAt);
  if (Number.isNaN(updated.getTime())) {
    throw new PdfRenderError(`Study ${study.documentId} (${locale}) has no valid updatedAt (${JSON.stringify(study.updatedAt)}); the PDF takes its dates from it.`, { ...context, field: 'updatedAt' });
  }

  const doc = new PDFDocument({
    size: PAGE.size,
    margins: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/UA',
    tagged: true,
    lang: locale,
    displayTitle: true,
    // A parsed font rather than a name: pdfkit would otherwise open Helvetica as the default.
    font: font('regular'),
    info: {
      Title: study.title,
      Author: settings.communityName,
      Subject: study.theme,
      ...(study.axes.length > 0 ? { Keywords: study.axes.map((axis) => axis.title).join(', ') } : {}),
      Creator: settings.siteName,
      Producer: 'PDFKit',
      CreationDate: updated,
      ModDate: updated,
    },
  } as unknown as PDFKit.PDFDocumentOptions) as Doc;
  const layout = new Layout(doc, locale);
  patchDocument(doc, { fileId: summaryInputHash(input), linkDescription: () => layout.linkDescription });
  // Registered under their PostScript names, the names pdfkit files opened fonts under: the
  // default font above is then found again, not opened a second time and compared.
  for (const face of FONT_FACES) doc.registerFont(font(face).postscriptName, font(face) as unknown as Buffer);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  try {
    const root = doc.struct('Document');
    doc.addStructure(root);
    drawCover(layout, root, input, labels, pdf);
    drawContent(layout, root, input, labels, pdf);
    root.end();
    drawFooters(layout, `${study.title} · ${pdf.studySummary}`);
    doc.end();
  } catch (error) {
    throw new PdfRenderError(`The summary PDF of study ${study.documentId} (${locale}) could not be made: ${(error as Error).message}`, context, { cause: error });
  }
  return done;
};
