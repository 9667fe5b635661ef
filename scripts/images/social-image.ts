// A document's share image as Open Graph cards are shown: 1200×630, the size the generated
// cards have (og-card.ts), cropped from the centre of the editor's picture and enlarged if it
// is smaller. JPEG, because a share image is a photograph or artwork, not a flat card. Cached
// under a hash of the source bytes and the settings, like the responsive variants.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { linkOrCopy, type Ledger } from '../lib/link-or-copy.js';
import { writeFileAtomic } from '../lib/write-atomic.js';
import type { ResponsiveVariant } from '../../domain/model.js';
import { DECODE, ImageError, inSlot, message, readSource, sha256, sizeIfPresent } from './image-kit.js';

export const SOCIAL_WIDTH = 1200;
export const SOCIAL_HEIGHT = 630;
// Settings that change the bytes: a change here makes every cached share image stale.
const SOCIAL_SETTINGS = { v: 1, width: SOCIAL_WIDTH, height: SOCIAL_HEIGHT, jpeg: { quality: 82, mozjpeg: true } } as const;

/** Where a share image's card goes, beside the upload's other copies: /media/photo_ab12-og.jpg. */
export const socialCardPath = (sitePathBase: string): string => `${sitePathBase}-og.jpg`;

/**
 * Writes the 1200×630 card of `sourceFile` at socialCardPath(sitePathBase) under outDir,
 * from cacheDir when an earlier build made it. An upload sharp cannot read is an ImageError.
 */
export const processSocialImage = async (sourceFile: string, sitePathBase: string, outDir: string, cacheDir: string, ledger: Ledger | null): Promise<{ card: ResponsiveVariant; encoded: boolean }> => {
  const sitePath = socialCardPath(sitePathBase);
  try {
    const source = await readSource(sourceFile);
    const cached = path.join(cacheDir, `social-${sha256(JSON.stringify(SOCIAL_SETTINGS), source.bytes)}.jpg`);
    const encoded = (await sizeIfPresent(cached)) === null;
    if (encoded) {
      const data = await inSlot(() =>
        sharp(source.bytes, DECODE)
          .autoOrient()
          .resize(SOCIAL_WIDTH, SOCIAL_HEIGHT, { fit: 'cover', position: 'centre' })
          // JPEG has no alpha: transparent areas become white, as on the site's background.
          .flatten({ background: '#ffffff' })
          .jpeg(SOCIAL_SETTINGS.jpeg)
          .toBuffer(),
      );
      await mkdir(cacheDir, { recursive: true });
      await writeFileAtomic(cached, data);
    }
    const target = path.join(outDir, sitePath);
    await mkdir(path.dirname(target), { recursive: true });
    await linkOrCopy(cached, target, ledger);
    return { card: { format: 'jpeg', width: SOCIAL_WIDTH, height: SOCIAL_HEIGHT, sitePath }, encoded };
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError(`The share image ${sourceFile} could not be made into a ${SOCIAL_WIDTH}×${SOCIAL_HEIGHT} card (${message(error)}).`, { file: sourceFile }, { cause: error });
  }
};
