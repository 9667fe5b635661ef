// The Open Graph card of every page: 1200×630, its title in its language beside the site's
// name, drawn as SVG by librsvg inside sharp, cached under a hash of what it shows.
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { escapeMarkup } from '../lib/escape.js';
import { linkOrCopy, type Ledger } from '../lib/link-or-copy.js';
import { loadFontMetrics, type FontMetrics } from './font-metrics.js';
import { ImageError, inSlot, message, sha256, sizeIfPresent } from './image-kit.js';
import { writeFileAtomic } from '../lib/write-atomic.js';

// 2: PNG at zlib level 6, not 9. Measured here (CPU time per card, one thread): 42 ms at 9,
// 21 ms at 6, for 60 KB against 70 KB; drawing the SVG is about 13 ms of it. At 10,000
// documents a cold build draws 20,000 cards, so level 9 cost minutes for 10 KB a card.
const OG_VERSION = 2;
const OG_WIDTH = 1200;
const OG_HEIGHT = 630;

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
const ogSvg = (input: { title: string; siteName: string; locale: string }, fonts: { regular: FontMetrics; bold: FontMetrics }): string => {
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
    .map((line, i) => `<tspan x="${OG.margin}" y="${(top + size * 0.73 + i * lineStep).toFixed(1)}">${escapeMarkup(line)}</tspan>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}" xml:lang="${escapeMarkup(input.locale)}">`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${OG.background[0]}"/><stop offset="1" stop-color="${OG.background[1]}"/></linearGradient></defs>`,
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="url(#bg)"/>`,
    networkSvg(),
    `<rect x="${OG.margin}" y="92" width="64" height="8" rx="4" fill="${OG.accent}"/>`,
    `<text x="${OG.margin}" y="148" font-family="${FONT_FAMILY}" font-weight="bold" font-size="${OG.siteNameSize}" letter-spacing="2" fill="${OG.siteNameColor}">${escapeMarkup(siteName)}</text>`,
    `<text font-family="${FONT_FAMILY}" font-weight="bold" font-size="${size}" fill="${OG.titleColor}">${tspans}</text>`,
    `<rect y="${OG_HEIGHT - 14}" width="${OG_WIDTH}" height="14" fill="${OG.accent}"/>`,
    '</svg>',
  ].join('');
};

/**
 * The page's Open Graph image, 1200×630: PNG, or JPEG when outFile ends in .jpg/.jpeg.
 * Cached in cacheDir under a hash of the inputs and the design version.
 */
export const renderOgImage = async (input: { title: string; siteName: string; locale: string }, outFile: string, cacheDir: string, ledger: Ledger | null): Promise<'encoded' | 'reused'> => {
  const jpeg = /\.jpe?g$/i.test(outFile);
  const key = sha256(JSON.stringify({ v: OG_VERSION, jpeg, title: input.title, siteName: input.siteName, locale: input.locale }));
  const cached = path.join(cacheDir, `og-${key}.${jpeg ? 'jpg' : 'png'}`);
  try {
    let result: 'encoded' | 'reused' = 'reused';
    if ((await sizeIfPresent(cached)) === null) {
      const svg = ogSvg(input, await loadFonts());
      const data = await inSlot(() => {
        const card = sharp(Buffer.from(svg), { density: 72 });
        return (jpeg ? card.flatten({ background: OG.background[0] }).jpeg({ quality: 86, mozjpeg: true }) : card.png({ compressionLevel: 6 })).toBuffer();
      });
      await writeFileAtomic(cached, data);
      result = 'encoded';
    }
    await mkdir(path.dirname(outFile), { recursive: true });
    await linkOrCopy(cached, outFile, ledger);
    return result;
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError(`The Open Graph image ${outFile} for "${input.title}" (${input.locale}) could not be made (${message(error)}).`, { file: outFile, locale: input.locale }, { cause: error });
  }
};
