// Every file under a directory, as site paths (forward slashes, relative to the directory).
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const listFiles = (dir: string, base = dir): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
