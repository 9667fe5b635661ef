// Cover artwork is drawn at seed time (an SVG rendered by sharp) so the sample content has
// real images in the media library without shipping binaries or inventing photographs.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Core } from '@strapi/strapi';
import type { CoverSpec } from './types';

const WIDTH = 1600;
const HEIGHT = 1000;

const escapeXml = (value: string): string => value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

const coverSvg = ({ label, palette: [from, to] }: CoverSpec): string => {
  // A quiet grid of circles, like city blocks seen from above; same input, same picture.
  const dots: string[] = [];
  for (let row = 0; row < 10; row += 1) {
    for (let col = 0; col < 16; col += 1) {
      const r = 8 + ((row * 7 + col * 13) % 5) * 6;
      dots.push(`<circle cx="${50 + col * 100}" cy="${50 + row * 100}" r="${r}" fill="#fff" fill-opacity="0.16"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  ${dots.join('')}
  <text x="96" y="${HEIGHT - 110}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="220" fill="#fff">${escapeXml(label)}</text>
</svg>`;
};

interface UploadedFile {
  id: number;
}

interface UploadService {
  upload(input: {
    data: { fileInfo: { name: string; alternativeText: string; caption: string } };
    files: { filepath: string; originalFilename: string; mimetype: string; size: number };
  }): Promise<UploadedFile[]>;
}

/** Renders the cover and uploads it; the media library's own alt text is the English one. */
export const uploadCover = async (strapi: Core.Strapi, fileName: string, spec: CoverSpec, alternativeText: string): Promise<number> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seed-cover-'));
  try {
    const filepath = path.join(dir, `${fileName}.png`);
    writeFileSync(filepath, await sharp(Buffer.from(coverSvg(spec))).png({ compressionLevel: 9 }).toBuffer());
    const upload = strapi.plugin('upload').service('upload') as unknown as UploadService;
    const [file] = await upload.upload({
      data: { fileInfo: { name: `${fileName}.png`, alternativeText, caption: '' } },
      files: { filepath, originalFilename: `${fileName}.png`, mimetype: 'image/png', size: statSync(filepath).size },
    });
    if (!file) throw new Error(`Uploading the cover ${fileName} returned no file`);
    return file.id;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
