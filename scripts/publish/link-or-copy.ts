// Files the caches hold (image variants, Open Graph cards, PDFs, media originals) are never
// changed in place: they are written to a temporary name and renamed. A release can therefore
// share them by hard link instead of copying their bytes, and the publish step then sees the
// same inode in the live and the new release and need not read either. Across file systems,
// where a link cannot be made, the file is copied.
import { copyFileSync, linkSync, rmSync } from 'node:fs';
import { copyFile, link, rm } from 'node:fs/promises';

const cannotLink = (error: unknown): boolean => ['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? '');

export const linkOrCopySync = (source: string, target: string): void => {
  rmSync(target, { force: true });
  try {
    linkSync(source, target);
  } catch (error) {
    if (!cannotLink(error)) throw error;
    copyFileSync(source, target);
  }
};

export const linkOrCopy = async (source: string, target: string): Promise<void> => {
  await rm(target, { force: true });
  try {
    await link(source, target);
  } catch (error) {
    if (!cannotLink(error)) throw error;
    await copyFile(source, target);
  }
};
