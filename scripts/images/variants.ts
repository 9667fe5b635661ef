// Every cover the site shows, made responsive with sharp: 400, 800 and 1200 px wide (never
// upscaled) in AVIF, WebP and JPEG for <picture>/srcset. Each output is cached under a hash of
// its input bytes and the encoder settings, so a rebuild encodes only what changed. An upload
// sharp cannot read fails with an ImageError naming the file; the caller reports it and
// publishes the page without the image.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { linkOrCopy, type Ledger } from '../lib/link-or-copy.js';
import { DECODE, ImageError, inSlot, message, readSource, sha256, sizeIfPresent, type Source } from './image-kit.js';
import { writeFileAtomic } from '../lib/write-atomic.js';

const VARIANT_WIDTHS = [400, 800, 1200];
const FORMATS = ['avif', 'webp', 'jpeg'] as const;
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
export const SETTINGS_VERSION = 1;
const ENCODERS = {
  // effort 3 of 9: AVIF's slow encoder kept to a fraction of a second per variant on 2 cores.
  avif: { quality: 50, effort: 3, chromaSubsampling: '4:2:0' },
  webp: { quality: 76, effort: 4 },
  jpeg: { quality: 78, mozjpeg: true },
} as const;
/** Widths to make: the standard ones the source covers, or the source's own if narrower. */
const variantWidths = (sourceWidth: number): number[] => {
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
export const processImage = async (sourceFile: string, sitePathBase: string, outDir: string, cacheDir: string, ledger: Ledger | null): Promise<{ image: ProcessedImage; encoded: number; reused: number }> => {
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
      await writeFileAtomic(cached, data);
      bytes = data.length;
      encoded += 1;
    } else reused += 1;
    await mkdir(path.dirname(target), { recursive: true });
    written.push(target);
    await linkOrCopy(cached, target, ledger);
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
