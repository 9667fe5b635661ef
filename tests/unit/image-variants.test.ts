// Responsive variants, the print cover and Open Graph cards, on images made here with sharp
// (no binary fixtures): exact widths and heights per source, the real format of every file,
// the cache that makes a rebuild encode nothing, and uploads that are not images failing
// with an ImageError that names them and leaves nothing half-written.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { ImageError } from '../../scripts/images/image-kit.js';
import { renderOgImage, wrapText } from '../../scripts/images/og-card.js';
import { printCover } from '../../scripts/images/print-cover.js';
import { processImage, type ProcessedImage } from '../../scripts/images/variants.js';

const run = promisify(execFile);

let root: string;
let sources: string;
beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'image-variants-test-'));
  sources = path.join(root, 'sources');
  mkdirSync(sources);
  await writeNoisyPng(path.join(sources, 'photo_1600.png'), 1600, 1000, 1);
  await writeNoisyPng(path.join(sources, 'banner_1000.png'), 1000, 600, 2);
  await writeNoisyPng(path.join(sources, 'logo_300.png'), 300, 200, 3);
  await writeNoisyPng(path.join(sources, 'poster_2000.png'), 2000, 1250, 4);
  // A portrait photo stored landscape with EXIF orientation 6 (rotate 90° clockwise to view).
  await sharp(await noisy(1600, 1000, 5), { raw: { width: 1600, height: 1000, channels: 3 } })
    .jpeg({ quality: 80 })
    .withMetadata({ orientation: 6 })
    .toFile(path.join(sources, 'portrait_exif6.jpg'));
  writeFileSync(path.join(sources, 'diagram.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="500" height="300"><rect width="500" height="300" fill="#2a6"/><circle cx="250" cy="150" r="100" fill="#fff"/></svg>');
  writeFileSync(path.join(sources, 'garbage.png'), Buffer.from('this is not a PNG at all, just text saved with the wrong name\n'.repeat(20)));
  // A real JPEG cut off half-way, as an interrupted upload leaves it: the header reads, the pixels do not.
  const whole = await sharp(await noisy(1600, 1000, 6), { raw: { width: 1600, height: 1000, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  writeFileSync(path.join(sources, 'truncated.jpg'), whole.subarray(0, Math.floor(whole.length / 2)));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** RGB pixels: a diagonal colour gradient plus seeded noise, so encoders do real work. */
const noisy = async (width: number, height: number, seed: number): Promise<Buffer> => {
  const pixels = Buffer.alloc(width * height * 3);
  let state = seed;
  const random = (): number => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      const n = random() * 40;
      pixels[i] = (x / width) * 215 + n;
      pixels[i + 1] = (y / height) * 215 + n;
      pixels[i + 2] = ((x + y) / (width + height)) * 215 + n;
    }
  }
  return pixels;
};
const writeNoisyPng = async (file: string, width: number, height: number, seed: number): Promise<void> => {
  await sharp(await noisy(width, height, seed), { raw: { width, height, channels: 3 } }).png().toFile(file);
};

const tempDir = (label: string): string => mkdtempSync(path.join(root, `${label}-`));
const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : []);
const source = (name: string): string => path.join(sources, name);

const expectVariants = (image: ProcessedImage, widths: number[], sourceWidth: number, sourceHeight: number): void => {
  expect(image.width).toBe(sourceWidth);
  expect(image.height).toBe(sourceHeight);
  expect(image.variants.map((v) => `${v.width}.${v.format}`)).toEqual(widths.flatMap((w) => [`${w}.avif`, `${w}.webp`, `${w}.jpeg`]));
  for (const v of image.variants) expect(v.height).toBe(Math.round((sourceHeight * v.width) / sourceWidth));
  expect(image.fallback).toEqual(image.variants.filter((v) => v.format === 'jpeg').at(-1));
};

/** Reads every variant back from outDir and checks what the file really is. */
const expectFilesMatch = async (image: ProcessedImage, outDir: string): Promise<void> => {
  for (const v of image.variants) {
    const file = path.join(outDir, v.sitePath);
    const meta = await sharp(file).metadata();
    expect([v.sitePath, meta.width, meta.height]).toEqual([v.sitePath, v.width, v.height]);
    expect(readFileSync(file).length).toBe(v.bytes);
    if (v.format === 'avif') expect([meta.format, meta.compression]).toEqual(['heif', 'av1']);
    else expect(meta.format).toBe(v.format);
  }
};

describe('processImage', () => {
  test('a 1600 px source gets 400, 800 and 1200 in AVIF, WebP and JPEG, at proportional heights', async () => {
    const outDir = tempDir('out');
    const started = performance.now();
    const { image, encoded, reused } = await processImage(source('photo_1600.png'), '/media/photo_1600', outDir, tempDir('cache'), null);
    const ms = performance.now() - started;
    expectVariants(image, [400, 800, 1200], 1600, 1000);
    expect(image.variants.map((v) => v.sitePath)).toEqual([
      '/media/photo_1600-400.avif', '/media/photo_1600-400.webp', '/media/photo_1600-400.jpg',
      '/media/photo_1600-800.avif', '/media/photo_1600-800.webp', '/media/photo_1600-800.jpg',
      '/media/photo_1600-1200.avif', '/media/photo_1600-1200.webp', '/media/photo_1600-1200.jpg',
    ]);
    expect(image.variants.map((v) => v.height)).toEqual([250, 250, 250, 500, 500, 500, 750, 750, 750]);
    expect(image.sourceSitePath).toBe('/media/photo_1600.png');
    expect(image.fallback.sitePath).toBe('/media/photo_1600-1200.jpg');
    expect([encoded, reused]).toEqual([9, 0]);
    await expectFilesMatch(image, outDir);
    expect(filesUnder(outDir)).toHaveLength(9);
    // Printed rather than asserted: a loaded CI machine is slow, not wrong.
    console.info(`processImage 1600x1000 PNG, 9 variants: ${ms.toFixed(0)} ms`);
  });

  test('a 1000 px source is never upscaled: 400 and 800 only', async () => {
    const outDir = tempDir('out');
    const { image } = await processImage(source('banner_1000.png'), '/media/banner_1000', outDir, tempDir('cache'), null);
    expectVariants(image, [400, 800], 1000, 600);
    expect(image.variants.map((v) => v.height)).toEqual([240, 240, 240, 480, 480, 480]);
    expect(existsSync(path.join(outDir, 'media/banner_1000-1200.jpg'))).toBe(false);
    await expectFilesMatch(image, outDir);
  });

  test('a source narrower than 400 px gets one variant at its own width', async () => {
    const outDir = tempDir('out');
    const { image } = await processImage(source('logo_300.png'), '/media/logo_300', outDir, tempDir('cache'), null);
    expectVariants(image, [300], 300, 200);
    expect(image.variants.map((v) => v.sitePath)).toEqual(['/media/logo_300-300.avif', '/media/logo_300-300.webp', '/media/logo_300-300.jpg']);
    await expectFilesMatch(image, outDir);
  });

  test('EXIF orientation is applied: a portrait stored sideways comes out portrait', async () => {
    const outDir = tempDir('out');
    const { image } = await processImage(source('portrait_exif6.jpg'), '/media/portrait', outDir, tempDir('cache'), null);
    expectVariants(image, [400, 800], 1000, 1600);
    expect(image.variants.map((v) => v.height)).toEqual([640, 640, 640, 1280, 1280, 1280]);
    await expectFilesMatch(image, outDir);
  });

  test('an SVG upload is rasterised at its own size', async () => {
    const outDir = tempDir('out');
    const { image } = await processImage(source('diagram.svg'), '/media/diagram', outDir, tempDir('cache'), null);
    expectVariants(image, [400], 500, 300);
    await expectFilesMatch(image, outDir);
  });

  test('a rebuild with the same cache encodes nothing and writes byte-identical files', async () => {
    const cacheDir = tempDir('cache');
    const first = tempDir('out');
    const second = tempDir('out');
    const a = await processImage(source('photo_1600.png'), '/media/photo_1600', first, cacheDir, null);
    const started = performance.now();
    const b = await processImage(source('photo_1600.png'), '/media/photo_1600', second, cacheDir, null);
    console.info(`processImage 1600x1000 PNG from cache: ${(performance.now() - started).toFixed(0)} ms`);
    expect([a.encoded, a.reused]).toEqual([9, 0]);
    expect([b.encoded, b.reused]).toEqual([0, 9]);
    expect(b.image).toEqual(a.image);
    for (const v of a.image.variants) {
      expect(readFileSync(path.join(second, v.sitePath)).equals(readFileSync(path.join(first, v.sitePath)))).toBe(true);
    }
  });

  test('a changed source at the same path is encoded again', async () => {
    const cacheDir = tempDir('cache');
    const file = path.join(tempDir('src'), 'cover.png');
    await writeNoisyPng(file, 1000, 600, 10);
    const before = await processImage(file, '/media/cover', tempDir('out'), cacheDir, null);
    await writeNoisyPng(file, 1000, 600, 11);
    const outDir = tempDir('out');
    const after = await processImage(file, '/media/cover', outDir, cacheDir, null);
    expect([before.encoded, after.encoded, after.reused]).toEqual([6, 6, 0]);
    await expectFilesMatch(after.image, outDir);
  });

  test('a file that is not an image throws an ImageError naming it, and writes nothing', async () => {
    const outDir = tempDir('out');
    const cacheDir = tempDir('cache');
    const attempt = processImage(source('garbage.png'), '/media/garbage', outDir, cacheDir, null);
    await expect(attempt).rejects.toThrow(ImageError);
    await expect(attempt).rejects.toThrow(/garbage\.png.*not an image/);
    await expect(attempt).rejects.toMatchObject({ name: 'ImageError', context: { file: source('garbage.png') } });
    expect(filesUnder(outDir)).toEqual([]);
    expect(filesUnder(cacheDir)).toEqual([]);
  });

  test('a truncated upload fails with an ImageError and leaves no partial outputs', async () => {
    const outDir = tempDir('out');
    const attempt = processImage(source('truncated.jpg'), '/media/truncated', outDir, tempDir('cache'), null);
    await expect(attempt).rejects.toThrow(ImageError);
    await expect(attempt).rejects.toThrow(/truncated\.jpg/);
    expect(filesUnder(outDir)).toEqual([]);
  });

  test('a failure after some variants were written removes those it wrote', async () => {
    const outDir = tempDir('out');
    // A directory where the 1200 px JPEG should go: that copy fails, the other eight succeed.
    mkdirSync(path.join(outDir, 'media/photo_1600-1200.jpg'), { recursive: true });
    const attempt = processImage(source('photo_1600.png'), '/media/photo_1600', outDir, tempDir('cache'), null);
    await expect(attempt).rejects.toThrow(ImageError);
    await expect(attempt).rejects.toThrow(/photo_1600\.png could not be converted/);
    expect(filesUnder(outDir)).toEqual([]);
  });

  test('a missing source file is an ImageError too', async () => {
    await expect(processImage(path.join(sources, 'missing.png'), '/media/missing', tempDir('out'), tempDir('cache'), null)).rejects.toThrow(/missing\.png could not be read/);
  });

  test('a site path that could escape outDir is refused', async () => {
    await expect(processImage(source('logo_300.png'), '/media/../../etc/x', tempDir('out'), tempDir('cache'), null)).rejects.toThrow(ImageError);
    await expect(processImage(source('logo_300.png'), 'media/x', tempDir('out'), tempDir('cache'), null)).rejects.toThrow(ImageError);
  });
});

describe('printCover', () => {
  test('is a baseline JPEG at most 1600 px wide, reused from the cache the second time', async () => {
    const cacheDir = tempDir('cache');
    const cover = await printCover(source('poster_2000.png'), cacheDir);
    const meta = await sharp(cover).metadata();
    expect([meta.format, meta.width, meta.height, meta.isProgressive]).toEqual(['jpeg', 1600, 1000, false]);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('-print.jpg'))).toHaveLength(1);
    expect((await printCover(source('poster_2000.png'), cacheDir)).equals(cover)).toBe(true);
  });

  test('keeps a narrower source at its own width', async () => {
    const meta = await sharp(await printCover(source('logo_300.png'), tempDir('cache'))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 300, 200]);
  });

  test('a broken upload throws an ImageError', async () => {
    await expect(printCover(source('garbage.png'), tempDir('cache'))).rejects.toThrow(ImageError);
  });
});

describe('renderOgImage', () => {
  const siteName = 'Red de Ciudades Inteligentes';
  const pixels = async (file: string): Promise<Buffer> => sharp(file).removeAlpha().raw().toBuffer();
  /** Pixels near white: the title's colour, absent from the blue background. */
  const whitePixels = (raw: Buffer): number => {
    let count = 0;
    for (let i = 0; i < raw.length; i += 3) if ((raw[i] ?? 0) > 230 && (raw[i + 1] ?? 0) > 230 && (raw[i + 2] ?? 0) > 230) count += 1;
    return count;
  };

  test('writes a 1200×630 PNG with the title drawn, and reuses it the second time', async () => {
    const cacheDir = tempDir('cache');
    const outDir = tempDir('og');
    const file = path.join(outDir, 'en/studies/study-2023/og.png');
    const input = { title: 'Smart Cities Network Study 2023', siteName, locale: 'en' };
    expect(await renderOgImage(input, file, cacheDir, null)).toBe('encoded');
    const meta = await sharp(file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
    const stats = await sharp(file).stats();
    for (const channel of stats.channels.slice(0, 3)) expect(channel.stdev).toBeGreaterThan(25);
    expect(whitePixels(await pixels(file))).toBeGreaterThan(5000);

    const again = path.join(outDir, 'again.png');
    expect(await renderOgImage(input, again, cacheDir, null)).toBe('reused');
    expect(readFileSync(again).equals(readFileSync(file))).toBe(true);
  });

  test('different titles draw different pixels; JPEG when the file name says so', async () => {
    const cacheDir = tempDir('cache');
    const a = path.join(cacheDir, '..', `${path.basename(cacheDir)}-a.png`);
    const b = path.join(cacheDir, '..', `${path.basename(cacheDir)}-b.jpg`);
    await renderOgImage({ title: 'Estudio 2021', siteName, locale: 'es' }, a, cacheDir, null);
    await renderOgImage({ title: 'Estudio 2023', siteName, locale: 'es' }, b, cacheDir, null);
    const meta = await sharp(b).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 630]);
    const [pa, pb] = [await pixels(a), await pixels(b)];
    let differing = 0;
    for (let i = 0; i < pa.length; i += 1) if (Math.abs((pa[i] ?? 0) - (pb[i] ?? 0)) > 40) differing += 1;
    expect(differing).toBeGreaterThan(500);
  });

  test('markup in a title is text, not SVG: it renders without throwing', async () => {
    const file = path.join(tempDir('og'), 'x.png');
    const title = `<script>alert("x")</script> & "quotes" 'apostrophes' ]]> \u0007 Über-long-Donaudampfschifffahrtsgesellschaftskapitänswitwe`;
    expect(await renderOgImage({ title, siteName: '<b>Site & "name"</b>', locale: 'es"><x' }, file, tempDir('cache'), null)).toBe('encoded');
    expect(whitePixels(await pixels(file))).toBeGreaterThan(5000);
  });

  test('the font comes from node_modules: a process with no system fonts draws the same card', async () => {
    const dir = tempDir('nofonts');
    // A fontconfig with no font directories at all: only what the renderer registers exists.
    writeFileSync(path.join(dir, 'fonts.conf'), `<?xml version="1.0"?>\n<fontconfig><cachedir>${dir}/fc-cache</cachedir></fontconfig>\n`);
    const input = { title: 'Webinar: datos abiertos en las ciudades inteligentes', siteName, locale: 'es' };
    const here = path.join(dir, 'here.png');
    const there = path.join(dir, 'there.png');
    await renderOgImage(input, here, path.join(dir, 'cache-here'), null);
    const module = path.resolve('scripts/images/og-card.ts');
    const script = `const { renderOgImage } = await import(${JSON.stringify(module)}); await renderOgImage(${JSON.stringify(input)}, ${JSON.stringify(there)}, ${JSON.stringify(path.join(dir, 'cache-there'))}, null);`;
    await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, FONTCONFIG_FILE: path.join(dir, 'fonts.conf') } });
    const [ph, pt] = [await pixels(here), await pixels(there)];
    expect(whitePixels(pt)).toBeGreaterThan(5000);
    let differing = 0;
    for (let i = 0; i < ph.length; i += 1) if (Math.abs((ph[i] ?? 0) - (pt[i] ?? 0)) > 40) differing += 1;
    expect(differing / ph.length).toBeLessThan(0.01);
  });
});

describe('wrapText', () => {
  const chars = (line: string): number => Array.from(line).length;

  test('wraps at spaces into at most three lines and ends a cut title with an ellipsis', () => {
    expect(wrapText('one two three', 20, 3, chars)).toEqual({ lines: ['one two three'], truncated: false });
    expect(wrapText('alpha beta gamma delta epsilon zeta eta theta', 11, 3, chars)).toEqual({ lines: ['alpha beta', 'gamma delta', 'epsilon…'], truncated: true });
  });

  test('breaks after hyphens, and inside a word longer than a line', () => {
    expect(wrapText('smart-city network', 12, 3, chars).lines).toEqual(['smart-city', 'network']);
    expect(wrapText('abcdefghijklmnop', 6, 3, chars).lines).toEqual(['abcdef', 'ghijkl', 'mnop']);
  });

  test('collapses whitespace and drops control characters', () => {
    expect(wrapText('  a\n\tb \u0000 c  ', 20, 3, chars).lines).toEqual(['a b c']);
  });
});
