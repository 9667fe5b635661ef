// Advance widths read straight from a TrueType file, so the Open Graph renderer can wrap a
// title into lines before librsvg draws it (SVG 1.1 text does not wrap by itself). Only what
// measuring needs is parsed: head (units per em), hhea + hmtx (advances) and cmap (format 12,
// else format 4). Kerning is ignored, which makes measured lines a little wider than drawn
// ones: the safe side for a line that must fit.
import { readFileSync } from 'node:fs';

export interface FontMetrics {
  unitsPerEm: number;
  /** Advance width of one code point, in font units. */
  advance(codePoint: number): number;
  /** Width of a string drawn at fontSize, in the same unit as fontSize. */
  measure(text: string, fontSize: number): number;
}

interface TableRecord {
  offset: number;
  length: number;
}

const readTables = (font: Buffer): Map<string, TableRecord> => {
  const tables = new Map<string, TableRecord>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i += 1) {
    const at = 12 + i * 16;
    tables.set(font.toString('latin1', at, at + 4), { offset: font.readUInt32BE(at + 8), length: font.readUInt32BE(at + 12) });
  }
  return tables;
};

const table = (tables: Map<string, TableRecord>, tag: string, file: string): TableRecord => {
  const found = tables.get(tag);
  if (!found) throw new Error(`${file} has no '${tag}' table; it is not a TrueType font this renderer can measure.`);
  return found;
};

/** A code point → glyph id lookup from the best Unicode subtable the font has. */
const cmapLookup = (font: Buffer, cmap: TableRecord, file: string): ((codePoint: number) => number) => {
  const count = font.readUInt16BE(cmap.offset + 2);
  const subtables: { platform: number; encoding: number; at: number; format: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    const rec = cmap.offset + 4 + i * 8;
    const at = cmap.offset + font.readUInt32BE(rec + 4);
    subtables.push({ platform: font.readUInt16BE(rec), encoding: font.readUInt16BE(rec + 2), at, format: font.readUInt16BE(at) });
  }
  const unicode = (s: { platform: number; encoding: number }): boolean => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10));
  const format12 = subtables.find((s) => unicode(s) && s.format === 12);
  if (format12) {
    const groups = font.readUInt32BE(format12.at + 12);
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = format12.at + 16 + mid * 12;
        const start = font.readUInt32BE(at);
        const end = font.readUInt32BE(at + 4);
        if (cp < start) hi = mid - 1;
        else if (cp > end) lo = mid + 1;
        else return font.readUInt32BE(at + 8) + (cp - start);
      }
      return 0;
    };
  }
  const format4 = subtables.find((s) => unicode(s) && s.format === 4);
  if (!format4) throw new Error(`${file} has no Unicode cmap (format 4 or 12).`);
  const segX2 = font.readUInt16BE(format4.at + 6);
  const ends = format4.at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let seg = 0; seg < segX2; seg += 2) {
      if (font.readUInt16BE(ends + seg) < cp) continue;
      const start = font.readUInt16BE(starts + seg);
      if (start > cp) return 0;
      const delta = font.readUInt16BE(deltas + seg);
      const rangeOffset = font.readUInt16BE(rangeOffsets + seg);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = font.readUInt16BE(rangeOffsets + seg + rangeOffset + 2 * (cp - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
};

export const loadFontMetrics = (file: string): FontMetrics => {
  const font = readFileSync(file);
  const tables = readTables(font);
  const unitsPerEm = font.readUInt16BE(table(tables, 'head', file).offset + 18);
  const hmetrics = font.readUInt16BE(table(tables, 'hhea', file).offset + 34);
  const hmtx = table(tables, 'hmtx', file).offset;
  const glyphOf = cmapLookup(font, table(tables, 'cmap', file), file);
  const advanceOfGlyph = (glyph: number): number => font.readUInt16BE(hmtx + Math.min(glyph, hmetrics - 1) * 4);
  const cache = new Map<number, number>();
  const advance = (codePoint: number): number => {
    let width = cache.get(codePoint);
    if (width === undefined) {
      // A character the font lacks is drawn by a fallback font; its .notdef width is a fair guess.
      width = advanceOfGlyph(glyphOf(codePoint));
      cache.set(codePoint, width);
    }
    return width;
  };
  const measure = (text: string, fontSize: number): number => {
    let units = 0;
    for (const ch of text) units += advance(ch.codePointAt(0) ?? 0);
    return (units * fontSize) / unitsPerEm;
  };
  return { unitsPerEm, advance, measure };
};
