// Every image the site shows, made responsive with sharp: 400, 800 and 1200 px wide (never
// upscaled) in AVIF, WebP and JPEG for <picture>/srcset; a JPEG at print size for the PDF
// cover; and an Open Graph card per page drawn from its title. Each output is cached under a
// hash of its input bytes and the encoder settings, so a rebuild encodes only what changed.
// An upload sharp cannot read fails with an ImageError naming the file; the caller reports
// it and publishes the page without the image.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { linkOrCopy } from '../publish/link-or-copy.js';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp, { type SharpOptions } from 'sharp';
import { PipelineError } from '../errors.js';
import { loadFontMetrics, type FontMetrics } from './font-metrics.js';

/** An upload that is not an image sharp can decode, or an image that could not be written. */
export class ImageError extends PipelineError {
  override readonly name = 'ImageError';
}

export const VARIANT_WIDTHS = [400, 800, 1200];
export const FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type ImageFormat = (typeof FORMATS)[number];

export interface ImageVariant {
  format: ImageFormat;
  width: number;
  height: number;
  /** Site-relative URL, e.g. /media/cover_ab12-800.webp. */
  sitePath: string;
  bytes: number;
}

export interface ProcessedImage {
  /** Where copy-media put the original: sitePathBase plus the source file's extension. */
  sourceSitePath: string;
  /** The source's size after EXIF orientation. */
  width: number;
  height: number;
  /** Narrowest first; within one width, AVIF, WebP, JPEG. */
  variants: ImageVariant[];
  /** largest JPEG, for og:image fallback */
  fallback: ImageVariant;
}

const EXTENSIONS: Record<ImageFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

// Settings that change the encoded bytes. Any change here, or a bump of the version, makes
// every cached variant stale (its cache key changes) and the next build re-encodes.
const SETTINGS_VERSION = 1;
const ENCODERS = {
  // effort 3 of 9: AVIF's slow encoder kept to a fraction of a second per variant on 2 cores.
  avif: { quality: 50, effort: 3, chromaSubsampling: '4:2:0' },
  webp: { quality: 76, effort: 4 },
  jpeg: { quality: 78, mozjpeg: true },
} as const;
const PRINT_MAX_WIDTH = 1600;
// Baseline (not progressive) JPEG with full chroma: what pdfkit embeds as is, sharp for print.
const PRINT_JPEG = { quality: 85, chromaSubsampling: '4:4:4', progressive: false, mozjpeg: false } as const;
const OG_VERSION = 1;
const OG_WIDTH = 1200;
const OG_HEIGHT = 630;

// Decoding: stop at real decode errors (a truncated upload), not at every libjpeg warning a
// browser would shrug off; and refuse decompression bombs above 100 megapixels.
const DECODE: SharpOptions = { failOn: 'error', limitInputPixels: 100_000_000 };

// One libvips thread per encode, and as many encodes at once as there are cores (at most 4,
// the size of libuv's pool that runs them). On the 2-core machines this runs on, two
// single-threaded encodes side by side keep both cores busy with less memory than threaded
// ones, and measured no slower. It also keeps AVIF bytes the same on every machine: aom's
// output depends on its thread count. sharp.concurrency is process-wide.
sharp.concurrency(1);
// libvips keeps recent operations and their buffers (up to 50 MB) in case the same input comes
// again; here every card and every variant is a different image, so that cache only holds
// memory through a build of thousands of them.
sharp.cache(false);
const ENCODE_SLOTS = Math.min(Math.max(1, os.availableParallelism()), 4);

let running = 0;
const waiting: (() => void)[] = [];
/** Runs fn when one of ENCODE_SLOTS is free: the module-wide cap on simultaneous encodes. */
const inSlot = async <T>(fn: () => Promise<T>): Promise<T> => {
  if (running >= ENCODE_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
};

const sha256 = (...parts: (string | Buffer)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 40);
};

/** Writes through a temporary name and a rename, so a crash never leaves half a file. */
const writeAtomic = async (file: string, data: Buffer): Promise<void> => {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    await writeFile(partial, data);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
};

const sizeIfPresent = async (file: string): Promise<number | null> => {
  try {
    const info = await stat(file);
    return info.isFile() && info.size > 0 ? info.size : null;
  } catch {
    return null;
  }
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface Source {
  bytes: Buffer;
  width: number;
  height: number;
}

/** Reads and checks a source once: its bytes and its size after EXIF orientation. */
const readSource = async (sourceFile: string): Promise<Source> => {
  let bytes: Buffer;
  try {
    bytes = await readFile(sourceFile);
  } catch (error) {
    throw new ImageError(`The image ${sourceFile} could not be read (${message(error)}); check that the media copy step downloaded it.`, { file: sourceFile }, { cause: error });
  }
  try {
    const meta = await sharp(bytes, DECODE).metadata();
    const { width, height } = meta.autoOrient;
    if (!width || !height) throw new Error('no pixel dimensions');
    return { bytes, width, height };
  } catch (error) {
    throw new ImageError(
      `The upload ${sourceFile} is not an image this build can read (${message(error)}); it is left out. Replace it in the CMS media library with a JPEG, PNG, WebP or AVIF file.`,
      { file: sourceFile },
      { cause: error },
    );
  }
};

/** Widths to make: the standard ones the source covers, or the source's own if narrower. */
export const variantWidths = (sourceWidth: number): number[] => {
  const widths = VARIANT_WIDTHS.filter((width) => width <= sourceWidth);
  return widths.length > 0 ? widths : [sourceWidth];
};

const encode = (source: Source, width: number, height: number, format: ImageFormat): Promise<Buffer> =>
  inSlot(() => {
    const pipeline = sharp(source.bytes, DECODE).autoOrient().resize(width, height, { fit: 'fill' });
    if (format === 'avif') return pipeline.avif(ENCODERS.avif).toBuffer();
    if (format === 'webp') return pipeline.webp(ENCODERS.webp).toBuffer();
    // JPEG has no alpha: transparent areas become white, as on the site's background.
    return pipeline.flatten({ background: '#ffffff' }).jpeg(ENCODERS.jpeg).toBuffer();
  });

const checkSitePathBase = (sitePathBase: string, sourceFile: string): void => {
  const segments = sitePathBase.split('/');
  if (!sitePathBase.startsWith('/') || sitePathBase.endsWith('/') || segments.some((s) => s === '..' || s === '.') || /[\\\0]/.test(sitePathBase)) {
    throw new ImageError(`The site path ${JSON.stringify(sitePathBase)} for ${sourceFile} is not a plain site-relative path like /media/cover_ab12.`, { file: sourceFile });
  }
};

/**
 * Writes `${sitePathBase}-${width}.${ext}` under outDir for every width the source covers and
 * every format, each taken from cacheDir (`<hash>-<width>.<ext>`) when an earlier build made
 * it, otherwise encoded and stored there. On failure nothing it wrote to outDir is left.
 */
export const processImage = async (sourceFile: string, sitePathBase: string, outDir: string, cacheDir: string): Promise<{ image: ProcessedImage; encoded: number; reused: number }> => {
  checkSitePathBase(sitePathBase, sourceFile);
  const source = await readSource(sourceFile);
  const key = sha256(JSON.stringify({ v: SETTINGS_VERSION, ENCODERS }), source.bytes);
  let encoded = 0;
  let reused = 0;
  const written: string[] = [];
  const one = async (width: number, format: ImageFormat): Promise<ImageVariant> => {
    const height = Math.max(1, Math.round((source.height * width) / source.width));
    const ext = EXTENSIONS[format];
    const cached = path.join(cacheDir, `${key}-${width}.${ext}`);
    const sitePath = `${sitePathBase}-${width}.${ext}`;
    const target = path.join(outDir, sitePath);
    let bytes = await sizeIfPresent(cached);
    if (bytes === null) {
      const data = await encode(source, width, height, format);
      await writeAtomic(cached, data);
      bytes = data.length;
      encoded += 1;
    } else reused += 1;
    await mkdir(path.dirname(target), { recursive: true });
    written.push(target);
    await linkOrCopy(cached, target);
    return { format, width, height, sitePath, bytes };
  };
  try {
    await mkdir(cacheDir, { recursive: true });
    // All variants are queued at once; inSlot keeps ENCODE_SLOTS of them encoding together.
    // allSettled, not all: on a failure nothing may still be writing when the cleanup runs.
    const settled = await Promise.allSettled(variantWidths(source.width).flatMap((width) => FORMATS.map((format) => one(width, format))));
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
    const variants = settled.map((s) => (s as PromiseFulfilledResult<ImageVariant>).value);
    const fallback = variants.filter((v) => v.format === 'jpeg').at(-1);
    if (!fallback) throw new Error('no JPEG variant was made');
    const image: ProcessedImage = { sourceSitePath: `${sitePathBase}${path.extname(sourceFile)}`, width: source.width, height: source.height, variants, fallback };
    return { image, encoded, reused };
  } catch (error) {
    // Files only (rm without recursive): whatever else sits at a target path is not ours.
    await Promise.all(written.map((file) => rm(file, { force: true }).catch(() => undefined)));
    if (error instanceof ImageError) throw error;
    throw new ImageError(`The image ${sourceFile} could not be converted (${message(error)}); it is left out. Re-upload it in the CMS if it looks broken.`, { file: sourceFile }, { cause: error });
  }
};

// Many studies share a cover, and a long-lived process makes PDFs build after build: each
// source file (by path, size and time) is read and converted once. Buffers handed out are
// shared, so callers must not write into them.
const printCovers = new Map<string, { stamp: string; bytes: Promise<Buffer> }>();

/** The PDF cover: a baseline JPEG at most 1600 px wide (the source's width if narrower). */
export const printCover = async (sourceFile: string, cacheDir: string): Promise<Buffer> => {
  const stats = await stat(sourceFile).catch(() => null);
  const key = `${cacheDir}\n${sourceFile}`;
  const stamp = stats ? `${stats.ino}:${stats.size}:${stats.mtimeMs}` : '';
  const known = printCovers.get(key);
  if (stats && known && known.stamp === stamp) return known.bytes;
  const bytes = makePrintCover(sourceFile, cacheDir);
  if (stats) printCovers.set(key, { stamp, bytes });
  bytes.catch(() => printCovers.delete(key));
  return bytes;
};

const makePrintCover = async (sourceFile: string, cacheDir: string): Promise<Buffer> => {
  const source = await readSource(sourceFile);
  const key = sha256(JSON.stringify({ v: SETTINGS_VERSION, PRINT_MAX_WIDTH, PRINT_JPEG }), source.bytes);
  const cached = path.join(cacheDir, `${key}-print.jpg`);
  if ((await sizeIfPresent(cached)) !== null) return readFile(cached);
  try {
    const width = Math.min(PRINT_MAX_WIDTH, source.width);
    const data = await inSlot(() =>
      sharp(source.bytes, DECODE).autoOrient().resize({ width, withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg(PRINT_JPEG).toBuffer(),
    );
    await writeAtomic(cached, data);
    return data;
  } catch (error) {
    throw new ImageError(`The cover ${sourceFile} could not be made into a print JPEG (${message(error)}); the PDF is made without it.`, { file: sourceFile }, { cause: error });
  }
};

// ---------------------------------------------------------------------------------------
// Open Graph cards. The SVG is drawn by librsvg inside sharp, which finds fonts through
// fontconfig. librsvg ignores @font-face, and FONTCONFIG_FILE is read once per process (and
// jest's process.env never reaches native code), so instead DejaVu Sans from the
// dejavu-fonts-ttf package is registered with fontconfig as an application font: sharp's text
// input with `fontfile` does exactly that. After it, "DejaVu Sans" resolves even on a machine
// with no system fonts at all.

const fontDir = (): string => path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FAMILY = 'DejaVu Sans';
const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

let fontsReady: Promise<{ regular: FontMetrics; bold: FontMetrics }> | undefined;
const loadFonts = (): Promise<{ regular: FontMetrics; bold: FontMetrics }> => {
  fontsReady ??= (async () => {
    try {
      const dir = fontDir();
      await sharp({ text: { text: '.', font: FONT_FAMILY, fontfile: path.join(dir, FONT_FILES.regular) } }).raw().toBuffer();
      await sharp({ text: { text: '.', font: `${FONT_FAMILY} Bold`, fontfile: path.join(dir, FONT_FILES.bold) } }).raw().toBuffer();
      return { regular: loadFontMetrics(path.join(dir, FONT_FILES.regular)), bold: loadFontMetrics(path.join(dir, FONT_FILES.bold)) };
    } catch (error) {
      fontsReady = undefined;
      throw new ImageError(`The DejaVu fonts for Open Graph images could not be loaded (${message(error)}); run npm install so node_modules/dejavu-fonts-ttf is present.`, {}, { cause: error });
    }
  })();
  return fontsReady;
};

export const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch);

/** One line of plain text: no control characters (XML forbids most), no runs of spaces. */
const cleanText = (text: string): string =>
  text
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const ELLIPSIS = '…';

/** Cuts text to fit maxWidth, ending in an ellipsis, at a word boundary where there is one. */
const truncate = (text: string, fits: (line: string) => boolean): string => {
  let words = text.split(' ');
  while (words.length > 1 && !fits(`${words.join(' ')}${ELLIPSIS}`)) words = words.slice(0, -1);
  let line = words.join(' ').replace(/[\s,;:.\-–—]+$/u, '');
  let chars = Array.from(line);
  while (chars.length > 0 && !fits(`${chars.join('')}${ELLIPSIS}`)) chars = chars.slice(0, -1);
  line = chars.join('').trimEnd();
  return `${line}${ELLIPSIS}`;
};

/**
 * Greedy word wrap into at most maxLines lines of maxWidth. Lines break at spaces and after
 * hyphens and slashes; a piece wider than a whole line is broken between characters. Returns
 * the lines and whether text was cut (then the last line ends in "…").
 */
export const wrapText = (text: string, maxWidth: number, maxLines: number, width: (line: string) => number): { lines: string[]; truncated: boolean } => {
  const fits = (line: string): boolean => width(line) <= maxWidth;
  const pieces = cleanText(text)
    .split(' ')
    .filter(Boolean)
    .flatMap((word) => word.split(/(?<=[-‐–—/])(?=.)/u).map((piece, i) => ({ piece, space: i === 0 })));
  const lines: string[] = [];
  let current = '';
  for (const { piece, space } of pieces) {
    const candidate = current ? `${current}${space ? ' ' : ''}${piece}` : piece;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    if (fits(piece)) {
      current = piece;
      continue;
    }
    for (const ch of piece) {
      if (current && !fits(current + ch)) {
        lines.push(current);
        current = '';
      }
      current += ch;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(kept[maxLines - 1] ?? '', fits);
  return { lines: kept, truncated: true };
};

const OG = {
  margin: 80,
  titleSizes: [76, 66, 56],
  maxLines: 3,
  lineHeight: 1.18,
  siteNameSize: 30,
  background: ['#0c3550', '#15607c'],
  accent: '#f4b63f',
  siteNameColor: '#cfe8f1',
  titleColor: '#ffffff',
} as const;

// A faint "network of cities", dots joined by lines, top right: beside the site name and
// above the title, so it never sits behind text.
const NETWORK_NODES: [number, number, number][] = [
  [1010, 110, 9], [1110, 60, 6], [1090, 190, 11], [960, 200, 5], [1170, 140, 5], [1040, 235, 4], [900, 120, 4], [1160, 225, 7],
];
const NETWORK_EDGES: [number, number][] = [[0, 1], [0, 2], [0, 3], [1, 4], [2, 4], [2, 5], [3, 5], [0, 6], [3, 6], [2, 7], [4, 7], [5, 7]];

const networkSvg = (): string => {
  const node = (i: number): [number, number, number] => NETWORK_NODES[i] ?? [0, 0, 0];
  const edges = NETWORK_EDGES.map(([a, b]) => `<line x1="${node(a)[0]}" y1="${node(a)[1]}" x2="${node(b)[0]}" y2="${node(b)[1]}"/>`).join('');
  const dots = NETWORK_NODES.map(([x, y, r]) => `<circle cx="${x}" cy="${y}" r="${r}"/>`).join('');
  return `<g stroke="#ffffff" stroke-opacity="0.16" stroke-width="2">${edges}</g><g fill="#ffffff" fill-opacity="0.22">${dots}</g>`;
};

/** The card as SVG: site name above, the title in up to three lines, sized to fit. */
export const ogSvg = (input: { title: string; siteName: string; locale: string }, fonts: { regular: FontMetrics; bold: FontMetrics }): string => {
  const maxWidth = OG_WIDTH - 2 * OG.margin;
  const title = cleanText(input.title) || cleanText(input.siteName);
  let size: number = OG.titleSizes[OG.titleSizes.length - 1] ?? 56;
  let wrapped = wrapText(title, maxWidth, OG.maxLines, (line) => fonts.bold.measure(line, size));
  for (const candidate of OG.titleSizes) {
    const attempt = wrapText(title, maxWidth, OG.maxLines, (line) => fonts.bold.measure(line, candidate));
    if (!attempt.truncated) {
      size = candidate;
      wrapped = attempt;
      break;
    }
  }
  const siteName = wrapText(cleanText(input.siteName).toUpperCase(), maxWidth, 1, (line) => fonts.bold.measure(line, OG.siteNameSize) + line.length * 2).lines[0] ?? '';
  // The title block is centred between the site name (ends ~y 160) and the bottom band.
  const lineStep = size * OG.lineHeight;
  const blockHeight = (wrapped.lines.length - 1) * lineStep + size * 0.73;
  const top = 175 + (560 - 175 - blockHeight) / 2;
  const tspans = wrapped.lines
    .map((line, i) => `<tspan x="${OG.margin}" y="${(top + size * 0.73 + i * lineStep).toFixed(1)}">${escapeXml(line)}</tspan>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}" xml:lang="${escapeXml(input.locale)}">`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${OG.background[0]}"/><stop offset="1" stop-color="${OG.background[1]}"/></linearGradient></defs>`,
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="url(#bg)"/>`,
    networkSvg(),
    `<rect x="${OG.margin}" y="92" width="64" height="8" rx="4" fill="${OG.accent}"/>`,
    `<text x="${OG.margin}" y="148" font-family="${FONT_FAMILY}" font-weight="bold" font-size="${OG.siteNameSize}" letter-spacing="2" fill="${OG.siteNameColor}">${escapeXml(siteName)}</text>`,
    `<text font-family="${FONT_FAMILY}" font-weight="bold" font-size="${size}" fill="${OG.titleColor}">${tspans}</text>`,
    `<rect y="${OG_HEIGHT - 14}" width="${OG_WIDTH}" height="14" fill="${OG.accent}"/>`,
    '</svg>',
  ].join('');
};

/**
 * The page's Open Graph image, 1200×630: PNG, or JPEG when outFile ends in .jpg/.jpeg.
 * Cached in cacheDir under a hash of the inputs and the design version.
 */
export const renderOgImage = async (input: { title: string; siteName: string; locale: string }, outFile: string, cacheDir: string): Promise<'encoded' | 'reused'> => {
  const jpeg = /\.jpe?g$/i.test(outFile);
  const key = sha256(JSON.stringify({ v: OG_VERSION, jpeg, title: input.title, siteName: input.siteName, locale: input.locale }));
  const cached = path.join(cacheDir, `og-${key}.${jpeg ? 'jpg' : 'png'}`);
  try {
    let result: 'encoded' | 'reused' = 'reused';
    if ((await sizeIfPresent(cached)) === null) {
      const svg = ogSvg(input, await loadFonts());
      const data = await inSlot(() => {
        const card = sharp(Buffer.from(svg), { density: 72 });
        return (jpeg ? card.flatten({ background: OG.background[0] }).jpeg({ quality: 86, mozjpeg: true }) : card.png({ compressionLevel: 9 })).toBuffer();
      });
      await writeAtomic(cached, data);
      result = 'encoded';
    }
    await mkdir(path.dirname(outFile), { recursive: true });
    await linkOrCopy(cached, outFile);
    return result;
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError(`The Open Graph image ${outFile} for "${input.title}" (${input.locale}) could not be made (${message(error)}).`, { file: outFile, locale: input.locale }, { cause: error });
  }
};
