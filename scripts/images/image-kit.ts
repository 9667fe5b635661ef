// What every image of the pipeline is made with: sharp set up once for this machine, a cap on
// simultaneous encodes, and the reading and checking of a source (cache files are written
// whole through lib/write-atomic). The responsive variants (variants.ts), the PDF's print
// cover (print-cover.ts) and the Open Graph cards (og-card.ts) are made with it.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import sharp, { type SharpOptions } from 'sharp';
import { PipelineError } from '../errors.js';

/** An upload that is not an image sharp can decode, or an image that could not be written. */
export class ImageError extends PipelineError {
  override readonly name = 'ImageError';
}

// Decoding: stop at real decode errors (a truncated upload), not at every libjpeg warning a
// browser would shrug off; and refuse decompression bombs above 100 megapixels.
export const DECODE: SharpOptions = { failOn: 'error', limitInputPixels: 100_000_000 };

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
export const inSlot = async <T>(fn: () => Promise<T>): Promise<T> => {
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

export const sha256 = (...parts: (string | Buffer)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 40);
};

export const sizeIfPresent = async (file: string): Promise<number | null> => {
  try {
    const info = await stat(file);
    return info.isFile() && info.size > 0 ? info.size : null;
  } catch {
    return null;
  }
};

export const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface Source {
  bytes: Buffer;
  width: number;
  height: number;
}

/** Reads and checks a source once: its bytes and its size after EXIF orientation. */
export const readSource = async (sourceFile: string): Promise<Source> => {
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
