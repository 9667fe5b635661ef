// Checks the staged site before it goes live: every internal link and asset resolves to a
// file, and every page names its translations with reciprocal hreflang alternates.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { VerificationError } from '../errors.js';
import { scanTree, stampKey, type FileStamp, type ScannedTree } from './tree-scan.js';

export interface VerifyResult {
  files: number;
  pages: number;
  linksChecked: number;
}

interface PageFacts {
  lang: string;
  alternates: Map<string, string>;
  /** Every id in the page: what #fragment links may point at. */
  ids: Set<string>;
}

type Anchor = { from: string; raw: string; page: string; fragment: string };

/**
 * What one file's parse established: kept while the file stays the same, known by its inode,
 * size and time (unchanged pages and feeds are linked from the live release).
 */
interface ParsedPage {
  stamp: string;
  /** Null for feeds and the sitemap, which are not pages. */
  facts: PageFacts | null;
  anchors: Anchor[];
}

/**
 * The last site that passed, as this process saw it. An incremental build hard-links the pages
 * that did not change, so a page whose inode, size and time are the same was parsed and
 * checked before and is not parsed again, as long as no file of that site has disappeared
 * (every link it made still resolves). Its hreflang facts and #fragment links still take part
 * in the checks across pages below.
 */
let lastPassed: { siteRoot: string; files: Set<string>; pages: Map<string, ParsedPage> } | null = null;

type Node = { type: string; name?: string; attribs?: Record<string, string>; children?: Node[] };

const walk = (node: Node, visit: (element: Node) => void): void => {
  if (node.type === 'tag' || node.type === 'script' || node.type === 'style') visit(node);
  for (const child of node.children ?? []) walk(child, visit);
};

export const listFiles = (dir: string, base = dir): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });

/** The site path a URL points at, or null when it leaves the site (external, mailto, fragment). */
const internalPath = (raw: string, siteRoot: string): string | null => {
  let url = raw.trim();
  if (url.startsWith(siteRoot)) url = url.slice(siteRoot.length) || '/';
  if (!url.startsWith('/') || url.startsWith('//')) return null;
  const pathname = url.split(/[?#]/)[0] ?? '/';
  try {
    return decodeURIComponent(pathname);
  } catch {
    // A broken percent-escape points nowhere; keep it as written so the check reports it.
    return pathname;
  }
};

const fileFor = (sitePath: string): string => (sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath).replace(/^\//, '');

export const verifySite = (dir: string, siteUrl: string, tree: ScannedTree = scanTree(dir)): VerifyResult => {
  const siteRoot = siteUrl.replace(/\/+$/, '');
  const files = [...tree.keys()];
  const existing = new Set(files);
  const problems: string[] = [];
  const pages = new Map<string, PageFacts>();
  let linksChecked = 0;

  /** Links to #fragments, checked once every page's ids are known. */
  const anchors: Anchor[] = [];
  const previous = lastPassed !== null && lastPassed.siteRoot === siteRoot && [...lastPassed.files].every((file) => existing.has(file)) ? lastPassed.pages : null;
  const parsedPages = new Map<string, ParsedPage>();
  const check = (from: string, raw: string | undefined): void => {
    if (!raw) return;
    const trimmed = raw.trim();
    const target = trimmed.startsWith('#') ? from : internalPath(trimmed, siteRoot);
    if (target === null) return;
    linksChecked += 1;
    if (!existing.has(fileFor(target))) {
      problems.push(`${from} links to ${raw}, which is not in the site`);
      return;
    }
    const rawFragment = trimmed.includes('#') ? trimmed.slice(trimmed.indexOf('#') + 1) : '';
    let fragment = rawFragment;
    try {
      fragment = decodeURIComponent(rawFragment);
    } catch {
      // kept as written; it will not match any id and is reported
    }
    if (fragment) anchors.push({ from, raw, page: target, fragment });
  };
  const textOf = (element: Node): string => (element.children ?? []).map((c) => (c as { data?: string }).data ?? '').join('');
  /** Feed items carry HTML as text; its links must resolve too. */
  const checkHtml = (from: string, html: string): void =>
    walk(parseDocument(html) as unknown as Node, (element) => {
      check(from, element.attribs?.href);
      check(from, element.attribs?.src);
    });

  /** The parse of a file that is as it was when the last site passed: its links were checked then. */
  const reuse = (file: string, stamp: string): ParsedPage | null => {
    const known = previous?.get(file);
    if (!known || known.stamp !== stamp) return null;
    anchors.push(...known.anchors);
    parsedPages.set(file, known);
    return known;
  };

  for (const file of files) {
    if (file.endsWith('.json') && /(^|\/)feed\.json$/.test(file)) {
      const stamp = stampKey(tree.get(file) as FileStamp);
      if (reuse(file, stamp)) continue;
      const text = readFileSync(path.join(dir, file), 'utf8');
      const anchorsBefore = anchors.length;
      const feed = JSON.parse(text) as { home_page_url?: string; feed_url?: string; items?: { url?: string; content_html?: string; attachments?: { url?: string }[] }[] };
      const from = `/${file}`;
      check(from, feed.home_page_url);
      check(from, feed.feed_url);
      for (const item of feed.items ?? []) {
        check(from, item.url);
        checkHtml(from, item.content_html ?? '');
        for (const attachment of item.attachments ?? []) check(from, attachment.url);
      }
      parsedPages.set(file, { stamp, facts: null, anchors: anchors.slice(anchorsBefore) });
      continue;
    }
    if (!file.endsWith('.html') && !file.endsWith('.xml')) continue;
    const xml = file.endsWith('.xml');
    const pageUrl = `/${file.replace(/index\.html$/, '')}`;
    const stamp = stampKey(tree.get(file) as FileStamp);
    const known = reuse(file, stamp);
    if (known) {
      if (known.facts) pages.set(pageUrl, known.facts);
      continue;
    }
    const anchorsBefore = anchors.length;
    const root = parseDocument(readFileSync(path.join(dir, file), 'utf8'), { xmlMode: xml }) as unknown as Node;
    const facts: PageFacts = { lang: '', alternates: new Map(), ids: new Set() };
    walk(root, (element) => {
      const a = element.attribs ?? {};
      if (!xml && a.id) facts.ids.add(a.id);
      switch (element.name) {
        case 'html':
          facts.lang = a.lang ?? '';
          break;
        case 'a':
        case 'area':
          check(pageUrl, a.href);
          break;
        case 'link':
          // RSS writes its links as text, Atom and HTML as href.
          check(pageUrl, xml && a.href === undefined ? textOf(element) : a.href);
          if (!xml && a.rel === 'alternate' && a.hreflang && a.href) facts.alternates.set(a.hreflang, internalPath(a.href, siteRoot) ?? a.href);
          break;
        case 'xhtml:link':
          check(pageUrl, a.href);
          break;
        case 'loc':
          check(pageUrl, textOf(element));
          break;
        case 'enclosure':
          check(pageUrl, a.url);
          break;
        case 'description':
        case 'content':
          if (xml) checkHtml(pageUrl, textOf(element));
          break;
        case 'img':
        case 'source':
        case 'script':
        case 'iframe':
          check(pageUrl, a.src);
          for (const candidate of (a.srcset ?? '').split(',')) check(pageUrl, candidate.trim().split(/\s+/)[0]);
          break;
        default:
      }
    });
    if (!xml) pages.set(pageUrl, facts);
    parsedPages.set(file, { stamp, facts: xml ? null : facts, anchors: anchors.slice(anchorsBefore) });
  }

  for (const { from, raw, page, fragment } of anchors) {
    const target = pages.get(page);
    if (target && !target.ids.has(fragment)) problems.push(`${from} links to ${raw}, but ${page} has no element with id "${fragment}"`);
  }

  for (const [url, facts] of pages) {
    if (url === '/' || url === '/404.html') continue;
    if (!facts.lang) problems.push(`${url} has no <html lang>`);
    if (facts.alternates.get(facts.lang) !== url) problems.push(`${url} does not list itself as its ${facts.lang || '?'} alternate`);
    if (!facts.alternates.has('x-default')) problems.push(`${url} has no x-default alternate`);
    for (const [lang, target] of facts.alternates) {
      if (lang === 'x-default' || target === url) continue;
      const other = pages.get(target);
      if (!other) problems.push(`${url} names ${target} as its ${lang} version, which is not a page of the site`);
      else if (other.alternates.get(facts.lang) !== url) problems.push(`${url} and its ${lang} version ${target} do not name each other (hreflang is not reciprocal)`);
    }
  }

  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`).join('\n');
    lastPassed = null;
    throw new VerificationError(`The built site failed verification (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was published:\n${shown}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`);
  }
  lastPassed = { siteRoot, files: existing, pages: parsedPages };
  return { files: files.length, pages: pages.size, linksChecked };
};
