// The cover of a study's PDF summary: a baseline JPEG at print width, which pdfkit embeds as
// it is, made once per source and cached under a hash of its bytes and the settings.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { DECODE, ImageError, inSlot, message, readSource, sha256, sizeIfPresent } from './image-kit.js';
import { writeFileAtomic } from '../lib/write-atomic.js';
import { SETTINGS_VERSION } from './variants.js';

const PRINT_MAX_WIDTH = 1600;
// Baseline (not progressive) JPEG with full chroma: what pdfkit embeds as is, sharp for print.
const PRINT_JPEG = { quality: 85, chromaSubsampling: '4:4:4', progressive: false, mozjpeg: false } as const;
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
    await writeFileAtomic(cached, data);
    return data;
  } catch (error) {
    throw new ImageError(`The cover ${sourceFile} could not be made into a print JPEG (${message(error)}); the PDF is made without it.`, { file: sourceFile }, { cause: error });
  }
};
