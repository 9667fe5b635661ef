// The content hash of every file of a release. A build links unchanged files into the next
// release, so a file's identity (device, inode, size, modification time) names its content: the
// hashes are kept beside the output under those identities, and a deploy after an edit reads
// only the files the edit wrote.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { logFailure } from '../lib/log.js';
import { scanTree, stampKey } from '../lib/tree-scan.js';
import { writeFileAtomicSync } from '../lib/write-atomic.js';

export interface HashedFile {
  sha256: string;
  size: number;
  /** Its absolute path. */
  file: string;
}

export const hashCacheOf = (outDir: string): string => path.join(path.dirname(outDir), `.${path.basename(outDir)}-deploy-hashes.json`);

export const sha256OfFile = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });

const readCache = (file: string): Record<string, string> => {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    // Missing or damaged: every file is read again, nothing worse.
    return {};
  }
};

/** Every file of the release at `root` (a resolved release directory), by its name in the release. */
export const hashRelease = async (root: string, cacheFile: string): Promise<Map<string, HashedFile>> => {
  const tree = scanTree(root);
  const cache = readCache(cacheFile);
  const kept: Record<string, string> = {};
  const hashed = new Map<string, HashedFile>();
  const pending = [...tree];
  const worker = async (): Promise<void> => {
    for (let entry = pending.pop(); entry; entry = pending.pop()) {
      const [name, stamp] = entry;
      const key = stampKey(stamp);
      const file = path.join(root, name);
      const sha256 = cache[key] ?? (await sha256OfFile(file));
      kept[key] = sha256;
      hashed.set(name, { sha256, size: stamp.size, file });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  try {
    // Only this release's files: the cache never outgrows the site.
    writeFileAtomicSync(cacheFile, JSON.stringify(kept));
  } catch (error) {
    logFailure('Could not save the deploy\'s file hashes (the next deploy reads every file again)', error);
  }
  return new Map([...hashed].sort(([a], [b]) => (a < b ? -1 : 1)));
};
