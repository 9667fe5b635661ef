// A study's summary as an accessible PDF in one language: plain data in, bytes out, so a
// worker thread can call it and a cache can key it by summaryInputHash.
//
// - Tagged (PDF/UA-1): one structure tree in reading order (Document › Sect › H1–H4, P, L/LI/
//   Lbl/LBody, Figure with the CMS's alternative text, Link with its annotation); everything
//   else drawn (bands, rules, colour swatches, running footer) is an Artifact.
// - Reproducible: the dates come from the study's updatedAt and the file ID from the content
//   hash, so the same input gives the same bytes.
// - DejaVu Sans only, embedded as subsets; pdfkit never opens its standard-14 Helvetica.
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { fill, formatDate, formatNumber, languageList } from '../../site/_config/filters.js';
import { LABELS, type Labels } from '../../site/labels.js';
import { PipelineError } from '../errors.js';
import type { HashRound } from '../render/kept-hashes.js';
import type { Locale } from '../locales.js';
import type { GoodPractice, SiteSettings, Study } from '../normalise/model.js';
import { font, FONT_FACES, RENDERER_VERSIONS, type FontFace } from './fonts.js';
import { PDF_LABELS, type PdfLabels } from './pdf-labels.js';
import { parseRichText, runsText, type RichBlock, type Run } from './rich-text.js';

export interface SummaryInput {
  study: Study;
  settings: SiteSettings;
  /** Site root, e.g. https://example.org: makes site-relative links absolute. */
  siteUrl: string;
  /**
   * JPEG or PNG from the image pipeline, with its alternative text in the study's language.
   * A Uint8Array does too: that is what a Buffer becomes on its way into a worker thread.
   */
  coverImage: { data: Buffer | Uint8Array; alt: string } | null;
  /** Absolute URL of the study page. */
  pageUrl: string;
}

/** Bump when the layout changes: cached PDFs made by an older layout are then made again. */
export const SUMMARY_LAYOUT_VERSION = 1;

/** A summary could not be made; says which study, in which language, and what to do. */
export class PdfRenderError extends PipelineError {
  override readonly name = 'PdfRenderError';
}

// ---------------------------------------------------------------------------------------------
// Content hash

/** JSON with sorted keys, so equal data always hashes the same. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, nested]) => nested !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, nested]) => `${JSON.stringify(key)}:${canonical(nested)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

const sha256 = (data: string | Uint8Array): Buffer => createHash('sha256').update(data).digest();

// Covers are shared between studies and builds (printCover hands out one Buffer per file).
const coverHashes = new WeakMap<Uint8Array, string>();
const coverHash = (data: Uint8Array): string => {
  let hash = coverHashes.get(data);
  if (hash === undefined) {
    hash = sha256(data).toString('hex');
    coverHashes.set(data, hash);
  }
  return hash;
};

/** Everything that shapes the PDF's bytes, as one plain value. */
const hashedInputs = (input: SummaryInput) => ({
  layout: SUMMARY_LAYOUT_VERSION,
  renderer: RENDERER_VERSIONS,
  labels: LABELS[input.study.locale],
  pdfLabels: PDF_LABELS[input.study.locale],
  // The study's own cover record is not drawn (coverImage is, and is hashed below); leaving it
  // out keeps what later stages add to it (responsive variants) from invalidating PDFs.
  study: { ...input.study, cover: null },
  settings: input.settings,
  siteUrl: input.siteUrl,
  pageUrl: input.pageUrl,
  cover: input.coverImage && { sha256: coverHash(input.coverImage.data), alt: input.coverImage.alt },
});

/** Hex sha256 of everything that shapes the PDF's bytes: equal hashes, equal files. */
export const summaryInputHash = (input: SummaryInput): string => sha256(canonical(hashedInputs(input))).toString('hex');

/** The same hash, taken from the last build when the study's inputs are as they were then. */
export const keptSummaryInputHash = (input: SummaryInput, round: HashRound): string => {
  const inputs = hashedInputs(input);
  return round.hash(`${input.study.documentId}:${input.study.locale}`, inputs, () => sha256(canonical(inputs)).toString('hex'));
};

// ---------------------------------------------------------------------------------------------
// Page and type

const PAGE = { size: 'A4', width: 595.28, height: 841.89 } as const;
const MARGIN = { top: 64, bottom: 72, left: 64, right: 64 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

// The site's own palette (site/assets/site.css), so paper and screen match.
const COLOR = { ink: '#1b1f24', muted: '#4a5360', accent: '#0b5cad', line: '#d4d9e0', tint: '#e8eff8' };

interface TextStyle {
  face: FontFace;
  size: number;
  lineGap: number;
  color: string;
}

const STYLE = {
  body: { face: 'regular', size: 10.5, lineGap: 3.8, color: COLOR.ink },
  lead: { face: 'regular', size: 13, lineGap: 4.5, color: COLOR.ink },
  meta: { face: 'regular', size: 10, lineGap: 3.5, color: COLOR.muted },
  kicker: { face: 'bold', size: 11, lineGap: 2, color: COLOR.accent },
  title: { face: 'bold', size: 30, lineGap: 3, color: COLOR.ink },
  edition: { face: 'regular', size: 14, lineGap: 3, color: COLOR.muted },
  community: { face: 'bold', size: 12.5, lineGap: 3, color: COLOR.ink },
  h2: { face: 'bold', size: 15, lineGap: 3, color: COLOR.accent },
  h3: { face: 'bold', size: 12, lineGap: 3, color: COLOR.ink },
  h4: { face: 'bold', size: 11, lineGap: 3, color: COLOR.ink },
  footer: { face: 'regular', size: 8.5, lineGap: 0, color: COLOR.muted },
} satisfies Record<string, TextStyle>;

const faceOf = (run: Pick<Run, 'bold' | 'italic'>, base: FontFace): FontFace => {
  const bold = run.bold || base === 'bold' || base === 'boldItalic';
  const italic = run.italic || base === 'italic' || base === 'boldItalic';
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
};

const plain = (text: string, href: string | null = null): Run => ({ text, bold: false, italic: false, href });

// ---------------------------------------------------------------------------------------------
// pdfkit's structure API as typed here (its published types lag behind 0.20)

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
type StructOptions = PDFKit.Mixins.StructureElementOptions & { bbox?: [number, number, number, number]; placement?: 'Block' | 'Inline' };

interface DocInternals {
  /** The trailer's file ID; pdfkit derives it from the info dictionary. */
  _id: Uint8Array;
  info: Record<string, unknown>;
  endMetadata(): void;
  link(x: number, y: number, w: number, h: number, url: string, options?: Record<string, unknown>): Doc;
  /** Decodes an image once, for its size, before it is placed. */
  openImage(data: Buffer): { width: number; height: number };
}

const escapeXml = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------------------------------------------------------------------------------------------
// Layout: a cursor over pdfkit that tags everything it draws.

interface ListOptions {
  ordered?: boolean;
  columns?: 1 | 2;
  style?: TextStyle;
  x?: number;
  width?: number;
}

interface ListEntry {
  runs: Run[];
  /** A colour swatch drawn (as an artifact) before the text, instead of a label. */
  swatch?: string;
  children?: RichBlock[];
}

class Layout {
  /** The description of the link being drawn, for its annotation's /Contents. */
  linkDescription = '';

  constructor(
    readonly doc: Doc,
    readonly locale: Locale,
  ) {}

  get bottom(): number {
    return PAGE.height - MARGIN.bottom;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` fits below the cursor (or would not fit on any page). */
  keep(height: number): void {
    if (this.y + height > this.bottom && height <= this.bottom - MARGIN.top && this.y > MARGIN.top) this.newPage();
  }

  child(parent: Struct, type: string, options: StructOptions = {}): Struct {
    const element = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    parent.add(element);
    return element;
  }

  /** Decoration: outside the structure tree, skipped by screen readers. */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.save();
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
    this.doc.restore();
  }

  setStyle(style: TextStyle, face: FontFace = style.face): void {
    this.doc.font(font(face).postscriptName).fontSize(style.size).fillColor(style.color);
  }

  heightOf(runs: Run[], style: TextStyle, width: number): number {
    // Bold runs are wider than regular ones; measure in bold when any is, to err long.
    this.setStyle(style, runs.some((run) => run.bold) ? faceOf({ bold: true, italic: false }, style.face) : style.face);
    return this.doc.heightOfString(runsText(runs), { width, lineGap: style.lineGap });
  }

  /**
   * Draws runs as one flowing text inside `parent`: each plain run is a marked-content
   * sequence of the parent, each linked run a Link element holding its text and annotation.
   */
  runs(parent: Struct, runs: Run[], style: TextStyle, x: number, width: number): void {
    const doc = this.doc;
    const startY = this.y;
    runs.forEach((run, index) => {
      const continued = index < runs.length - 1;
      const draw = (): void => {
        this.setStyle(style, faceOf(run, style.face));
        if (run.href) doc.fillColor(COLOR.accent);
        const options = { width, lineGap: style.lineGap, continued, ...(run.href ? { link: run.href, underline: true } : {}) };
        if (index === 0) doc.text(run.text, x, startY, options);
        else doc.text(run.text, options);
      };
      if (run.href) {
        const link = this.child(parent, 'Link');
        this.linkDescription = run.text.trim() === run.href ? run.href : `${run.text.trim()} (${run.href})`;
        link.add(draw);
        link.end();
      } else {
        parent.add(draw);
      }
    });
    doc.x = MARGIN.left;
  }

  paragraph(parent: Struct, runs: Run[], style: TextStyle = STYLE.body, after = 8, x = MARGIN.left, width = CONTENT_WIDTH, type = 'P'): void {
    if (runs.length === 0) return;
    // Two lines together at least: no lone first line at the foot of a page.
    this.keep(Math.min(this.heightOf(runs, style, width), 2 * (style.size * 1.17 + style.lineGap)));
    const element = this.child(parent, type);
    this.runs(element, runs, style, x, width);
    element.end();
    this.y += after;
  }

  /** A heading, kept on one page with the first `keepWith` points of what follows it. */
  heading(parent: Struct, level: number, text: string, options: { x?: number; width?: number; keepWith?: number } = {}): void {
    const { x = MARGIN.left, width = CONTENT_WIDTH, keepWith = 48 } = options;
    const style = level <= 2 ? STYLE.h2 : level === 3 ? STYLE.h3 : STYLE.h4;
    const before = level <= 2 ? 14 : 8;
    const runs = [plain(text)];
    const height = this.heightOf(runs, style, width);
    this.keep(before + (level <= 2 ? 9 : 0) + height + 7 + Math.max(keepWith, 2 * (STYLE.body.size * 1.17 + STYLE.body.lineGap)));
    if (this.y > MARGIN.top) this.y += before;
    if (level <= 2) {
      const top = this.y;
      this.artifact(() => this.doc.rect(x, top, 28, 3).fill(COLOR.accent));
      this.y += 9;
    }
    const element = this.child(parent, `H${Math.min(level, 6)}`);
    this.runs(element, runs, style, x, width);
    element.end();
    this.y += level <= 2 ? 7 : 4;
  }

  private listGeometry(entries: ListEntry[], options: ListOptions) {
    const style = options.style ?? STYLE.body;
    const width = options.width ?? CONTENT_WIDTH;
    const gutter = 20;
    const columns = options.columns ?? 1;
    const columnWidth = columns === 2 ? (width - gutter) / 2 : width;
    const indent = options.ordered || entries.some((entry) => entry.swatch) ? 22 : 16;
    const gap = 3;
    const heights = entries.map((entry) => this.heightOf(entry.runs, style, columnWidth - indent) + gap);
    const split = Math.ceil(entries.length / 2);
    const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
    // What must stay together: both columns, or one item of a single column.
    const block = columns === 2 ? Math.max(sum(heights.slice(0, split)), sum(heights.slice(split))) : (heights[0] ?? 0);
    return { style, width, gutter, columns, columnWidth, indent, gap, heights, split, block };
  }

  /** How much of a list must follow its heading onto the same page. */
  listKeep(entries: ListEntry[], options: ListOptions = {}): number {
    return entries.length === 0 ? 0 : this.listGeometry(entries, options).block;
  }

  /** A list, in one column or two (filled top to bottom, left column first: the reading order). */
  list(parent: Struct, entries: ListEntry[], options: ListOptions = {}): void {
    if (entries.length === 0) return;
    const { style, columns, columnWidth, indent, gap, heights, split, block, gutter } = this.listGeometry(entries, options);
    const x = options.x ?? MARGIN.left;
    const list = this.child(parent, 'L');
    const drawEntry = (entry: ListEntry, index: number, left: number): void => {
      const item = this.child(list, 'LI');
      const top = this.y;
      if (entry.swatch) {
        const color = entry.swatch;
        const size = style.size + 1;
        this.artifact(() => this.doc.roundedRect(left, top + 1, size, size, 2).fill(color));
      } else {
        const label = this.child(item, 'Lbl');
        const text = options.ordered ? `${index + 1}.` : '•';
        label.add(() => {
          this.setStyle(style, options.ordered ? 'bold' : 'regular');
          this.doc.fillColor(COLOR.accent).text(text, left, top, { lineBreak: false });
        });
        label.end();
      }
      const body = this.child(item, 'LBody');
      this.runs(body, entry.runs, style, left + indent, columnWidth - indent);
      this.y += gap;
      for (const block of entry.children ?? []) this.rich(body, [block], 4, left + indent, columnWidth - indent);
      body.end();
      item.end();
    };

    if (columns === 2) {
      this.keep(block);
      const top = this.y;
      entries.slice(0, split).forEach((entry, index) => drawEntry(entry, index, x));
      const leftEnd = this.y;
      this.y = top;
      entries.slice(split).forEach((entry, index) => drawEntry(entry, split + index, x + columnWidth + gutter));
      this.y = Math.max(leftEnd, this.y);
    } else {
      entries.forEach((entry, index) => {
        // An item stays whole on its page.
        this.keep(heights[index] ?? 0);
        drawEntry(entry, index, x);
      });
    }
    list.end();
    this.y += 6;
  }

  /** Rich text from the CMS, inside a section whose own heading is one level above `baseLevel`: its h2 becomes H{baseLevel}, its h3 the level below. */
  rich(parent: Struct, blocks: RichBlock[], baseLevel: number, x = MARGIN.left, width = CONTENT_WIDTH): void {
    for (const block of blocks) {
      if (block.kind === 'heading') {
        this.heading(parent, Math.min(6, baseLevel + block.level - 2), runsText(block.runs), { x, width });
      } else if (block.kind === 'list') {
        const entries = block.items.map((item) => ({ runs: item.runs.length > 0 ? item.runs : [plain(' ')], children: item.children }));
        this.list(parent, entries, { ordered: block.ordered, x, width });
      } else if (block.quote) {
        const quote = this.child(parent, 'BlockQuote');
        const top = this.y;
        this.paragraph(quote, block.runs, STYLE.body, 0, x + 16, width - 16);
        const bottom = this.y;
        if (bottom > top) this.artifact(() => this.doc.rect(x, top, 3, bottom - top).fill(COLOR.line));
        quote.end();
        this.y += 8;
      } else {
        this.paragraph(parent, block.runs, STYLE.body, 8, x, width);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The document

const asBuffer = (data: Uint8Array): Buffer => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
const isJpeg = (data: Buffer): boolean => data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
const isPng = (data: Buffer): boolean => data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

const absolute = (siteUrl: string, path: string): string => `${siteUrl.replace(/\/+$/, '')}${path}`;

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
  const fullStudyUrl = study.fullStudy ? absolute(siteUrl, study.fullStudy.sitePath) : study.fullStudyUrl;
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
  const internals = doc as unknown as DocInternals;
  // The trailer ID is the content hash, not pdfkit's hash of the info (which carries no content).
  internals._id = new Uint8Array(Buffer.from(summaryInputHash(input), 'hex').subarray(0, 16));
  // pdfkit writes the title into the XMP packet without escaping it; escape it there only.
  const endMetadata = internals.endMetadata;
  internals.endMetadata = function (this: DocInternals) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]));
    endMetadata.call(this);
    this.info = info;
  };

  const layout = new Layout(doc, locale);
  // PDF/UA wants every link annotation described (/Contents); pdfkit leaves it empty.
  const link = internals.link;
  internals.link = function (this: DocInternals, x, y, w, h, url, options = {}) {
    return link.call(this, x, y, w, h, url, { ...options, Contents: new String(layout.linkDescription || url) });
  };
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
