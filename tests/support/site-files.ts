// Reading a built site the way a reader's tools would: files, hashes, parsed HTML.
import { createHash } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, DomUtils } from 'htmlparser2';
import { listFiles } from '../../scripts/lib/files.js';

/** Every file of a site with the SHA-256 of its bytes, and where the output link points. */
export const fingerprint = (outDir: string): { target: string; files: Record<string, string> } => {
  const files: Record<string, string> = {};
  for (const file of listFiles(outDir)) files[file] = createHash('sha256').update(readFileSync(path.join(outDir, file))).digest('hex');
  return { target: readlinkSync(outDir), files };
};

export interface PageFacts {
  lang: string | undefined;
  title: string;
  h1: string;
  alternates: Record<string, string>;
  canonical: string | undefined;
  /** The language switcher: its links, and its text. */
  switcherLinks: { hreflang: string; href: string }[];
  switcherText: string;
  html: string;
}

export const readPage = (outDir: string, url: string): PageFacts => {
  const html = readFileSync(path.join(outDir, url, 'index.html'), 'utf8');
  const doc = parseDocument(html);
  const all = DomUtils.getElementsByTagName(() => true, doc.children, true);
  const first = (name: string) => all.find((el) => el.name === name);
  const alternates: Record<string, string> = {};
  for (const link of all.filter((el) => el.name === 'link' && el.attribs.rel === 'alternate' && el.attribs.hreflang)) alternates[link.attribs.hreflang as string] = link.attribs.href as string;
  const switcher = all.find((el) => el.name === 'nav' && (el.attribs.class ?? '').split(' ').includes('language'));
  return {
    lang: first('html')?.attribs.lang,
    title: first('title') ? DomUtils.textContent(first('title')!) : '',
    h1: first('h1') ? DomUtils.textContent(first('h1')!).trim() : '',
    alternates,
    canonical: all.find((el) => el.name === 'link' && el.attribs.rel === 'canonical')?.attribs.href,
    switcherLinks: switcher ? DomUtils.getElementsByTagName('a', switcher.children, true).map((a) => ({ hreflang: a.attribs.hreflang ?? '', href: a.attribs.href ?? '' })) : [],
    switcherText: switcher ? DomUtils.textContent(switcher).replace(/\s+/g, ' ').trim() : '',
    html,
  };
};

/**
 * Each section's word in the address, as readers see it: written out here rather than taken
 * from the code under test, so a changed address fails the tests that read it.
 */
const SECTION_WORDS = {
  en: { studies: 'studies', events: 'events', news: 'news', axes: 'axes' },
  es: { studies: 'estudios', events: 'eventos', news: 'noticias', axes: 'ejes' },
} as const;

/** A section's list in a language: /en/news/, /es/noticias/. */
export const sectionPath = (locale: keyof typeof SECTION_WORDS, section: keyof (typeof SECTION_WORDS)['en']): string => `/${locale}/${SECTION_WORDS[locale][section]}/`;

/** Whether a file of the output is a page left at a Spanish section's former address (/es/studies/…), which only sends readers on. */
export const isAtFormerAddress = (file: string): boolean => /^\/?es\/(studies|events|news|axes)\//.test(file);
