// The summary's typeface, DejaVu Sans (free, full Latin coverage, from the dejavu-fonts-ttf
// package), read and parsed once per process (or worker thread) and shared by every
// document: pdfkit accepts a parsed fontkit font and only builds the per-document subset.
// Parsing the four TrueType files per document costs about twice the rest of the rendering
// (measured by the benchmark: 58 ms a summary with parsing, 20 ms without). Each face also
// keeps the words it has shaped, for every later document (see keepShapes).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** What pdfkit needs of a parsed font: it recognises one by its layout method. */
export interface ParsedFont {
  layout(text: string, ...options: unknown[]): GlyphRun;
  postscriptName: string;
}

/** The parts of fontkit's GlyphRun and GlyphPosition that are copied here (see keepShapes). */
interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface GlyphRun {
  glyphs: unknown[];
  positions: GlyphPosition[];
}

export const FONT_FACES = ['regular', 'bold', 'italic', 'boldItalic'] as const;
export type FontFace = (typeof FONT_FACES)[number];

const FILES: Record<FontFace, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
};

const require = createRequire(import.meta.url);
const fontPackage = require.resolve('dejavu-fonts-ttf/package.json');
const fontDir = path.join(path.dirname(fontPackage), 'ttf');
// pdfkit's "exports" hide its package.json; its main file sits in js/, one level down.
const pdfkitMain = require.resolve('pdfkit');
const versionOf = (packageJson: string): string => (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;

/** Versions that change the bytes of a PDF when they change: part of its content hash. */
export const RENDERER_VERSIONS = {
  pdfkit: versionOf(path.join(path.dirname(pdfkitMain), '..', 'package.json')),
  fonts: versionOf(fontPackage),
};

// fontkit is a direct dependency in the same range as pdfkit's own, so npm installs one copy
// and the parsed fonts are the kind pdfkit expects.
const fontkit = require('fontkit') as { create(data: Uint8Array): ParsedFont };
// fontkit's "exports" hide its package.json too; its main file sits in dist/.
const FONTKIT_VERSION = versionOf(path.join(path.dirname(require.resolve('fontkit')), '..', 'package.json'));

/**
 * keepShapes below copies fontkit's GlyphRun and GlyphPosition by their shape in 2.x; another
 * major version fails loudly here, not silently in the positions of a PDF's glyphs.
 */
const PATCHED_FONTKIT = /^2\./;
export const assertPatchedFontkit = (version: string = FONTKIT_VERSION): void => {
  if (!PATCHED_FONTKIT.test(version)) {
    throw new Error(`fontkit ${version} is installed, but scripts/pdf/fonts.ts (keepShapes) copies the glyph runs of 2.x: check it against the new version and update PATCHED_FONTKIT.`);
  }
};

let parsed: Partial<Record<FontFace, ParsedFont>> = {};

// Words shaped per face before the memo starts over: about 1 kB each, so 4 MB per face at most.
const MAX_KEPT_SHAPES = 4_000;

/**
 * Makes the face remember how it shaped each piece of text. pdfkit shapes text a word at a
 * time and remembers the words of one document only; the same words come back in every
 * summary (labels, the language's common words), and shaping them (fontkit's OpenType
 * lookups) was about half of a summary's rendering time. fontkit's layout depends only on the
 * face, the text and the options, so a run shaped once serves every later document. pdfkit
 * scales the positions of the run it is given in place, so each caller gets its own copy of
 * the positions; the glyph objects, which nothing writes to, are shared.
 */
const keepShapes = (face: ParsedFont): ParsedFont => {
  assertPatchedFontkit();
  const shape = face.layout.bind(face);
  const shapes = new Map<string, GlyphRun>();
  face.layout = (text: string, ...options: unknown[]): GlyphRun => {
    // Features, script or direction asked for: shaped as asked, not remembered.
    if (options.some((option) => option !== undefined)) return shape(text, ...options);
    let run = shapes.get(text);
    if (!run) {
      if (shapes.size >= MAX_KEPT_SHAPES) shapes.clear();
      run = shape(text);
      shapes.set(text, run);
    }
    // A GlyphRun like the kept one (its prototype computes advanceWidth from the positions).
    const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
    copy.glyphs = run.glyphs.slice();
    copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as GlyphPosition, p));
    return copy;
  };
  return face;
};

/** A face of the summary's typeface, parsed on first use and kept for the life of the process. */
export const font = (face: FontFace): ParsedFont => {
  const cached = parsed[face];
  if (cached) return cached;
  const loaded = keepShapes(fontkit.create(readFileSync(path.join(fontDir, FILES[face]))));
  parsed = { ...parsed, [face]: loaded };
  return loaded;
};

/**
 * Drops the parsed faces, and the shapes they kept, so the next document parses them again.
 * The throughput benchmark's naive loop calls it to measure rendering without either cache;
 * a test calls it to compare a summary with one made by fresh faces.
 */
export const forgetParsedFonts = (): void => {
  parsed = {};
};
