// Layout: a cursor over pdfkit that tags everything it draws (PDF/UA: headings, paragraphs,
// lists, figures and links in reading order; everything decorative an Artifact), with the
// summary's page, palette and type styles.
import { font, type FontFace } from './fonts.js';
import type { Locale } from '../../domain/locales.js';
import type { Doc, DocInternals, Struct, StructOptions } from './pdfkit-patches.js';
import { runsText, type RichBlock, type Run } from './rich-text.js';


export const PAGE = { size: 'A4', width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 64, bottom: 72, left: 64, right: 64 };
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

// The site's own palette (site/assets/site.css), so paper and screen match.
export const COLOR = { ink: '#1b1f24', muted: '#4a5360', accent: '#0b5cad', line: '#d4d9e0', tint: '#e8eff8' };

export interface TextStyle {
  face: FontFace;
  size: number;
  lineGap: number;
  color: string;
}

export const STYLE = {
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

export const plain = (text: string, href: string | null = null): Run => ({ text, bold: false, italic: false, href });


export interface ListOptions {
  ordered?: boolean;
  columns?: 1 | 2;
  style?: TextStyle;
  x?: number;
  width?: number;
}

export interface ListEntry {
  runs: Run[];
  /** A colour swatch drawn (as an artifact) before the text, instead of a label. */
  swatch?: string;
  children?: RichBlock[];
}

export class Layout {
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
