// Checks the staged site before it goes live: every internal link and asset resolves to a
// file, and every page names its translations with reciprocal hreflang alternates. Every
// file a reader's software parses must parse: feeds and the sitemap as XML 1.0 (saxes, which
// refuses forbidden characters and malformed markup), JSON Feed as JSON, calendars by a strict
// check of RFC 5545's characters, line ends, content lines and nesting; and no page may hold a
// character no reader can be shown. Normalise takes such characters out of the content
// (text-hygiene.ts), so a file that fails here is a fault of the pipeline: the build fails and
// the live site stays.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { SaxesParser } from 'saxes';
import { VerificationError } from '../errors.js';
import { findForbiddenCharacter, scrubDocument } from '../normalise/text-hygiene.js';
import { scanTree, stampKey, type FileStamp, type ScannedTree } from '../lib/tree-scan.js';

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
  /** A page left at an address that moved: it sends readers on, and is no page of the site. */
  movedAway: boolean;
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

type Node = { type: string; name?: string; attribs?: Record<string, string>; children?: Node[]; data?: string };

const walk = (node: Node, visit: (element: Node) => void): void => {
  if (node.type === 'tag' || node.type === 'script' || node.type === 'style') visit(node);
  for (const child of node.children ?? []) walk(child, visit);
};


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

/** Thrown inside this module for a file that does not parse; becomes one problem of the list. */
class Malformed extends Error {}

// Bytes that are not UTF-8 would be read as U+FFFD and pass unseen; every file here says it is UTF-8.
const utf8 = new TextDecoder('utf-8', { fatal: true });
const readText = (dir: string, file: string): string => {
  const bytes = readFileSync(path.join(dir, file));
  try {
    return utf8.decode(bytes);
  } catch (error) {
    throw new Malformed(`/${file} is not UTF-8 (${(error as Error).message})`, { cause: error });
  }
};

/** The 1-based line of a position in a text. */
const lineAt = (text: string, index: number): number => {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
};

/**
 * A strict XML 1.0 parse (namespaces checked) into the tree htmlparser2 makes, so the link
 * checks below read feeds and the sitemap as before. Element names are the qualified names
 * ("xhtml:link"); text and CDATA are text nodes with their entities decoded.
 */
const parseXml = (text: string, from: string): Node => {
  const root: Node = { type: 'root', children: [] };
  const open: Node[] = [root];
  const parser = new SaxesParser({ xmlns: true });
  const append = (node: Node): void => {
    open[open.length - 1]?.children?.push(node);
  };
  parser.on('opentag', (tag) => {
    const attribs: Record<string, string> = {};
    for (const name in tag.attributes) attribs[name] = tag.attributes[name]?.value ?? '';
    const element: Node = { type: 'tag', name: tag.name, attribs, children: [] };
    append(element);
    open.push(element);
  });
  parser.on('closetag', () => {
    open.pop();
  });
  // Whitespace between elements is no element's text (a sitemap is mostly that); text is kept whole.
  parser.on('text', (data) => {
    if (data.trim() !== '') append({ type: 'text', data });
  });
  parser.on('cdata', (data) => append({ type: 'text', data }));
  try {
    parser.write(text).close();
  } catch (error) {
    // saxes says "line:column: reason." (the column of the offending character, 1-based).
    const message = (error as Error).message;
    const where = /^(\d+):(\d+): (.*?)\.?$/s.exec(message);
    const detail = where ? `line ${where[1]}, column ${where[2]}: ${where[3]}` : message;
    throw new Malformed(`${from} is not well-formed XML (${detail})`, { cause: error });
  }
  return root;
};

// Lines are found by CRLF, not with the m flag: its ^ and $ also match at U+2028 and U+2029,
// which a TEXT value may hold.

/** BEGIN and END lines, with their names; a calendar's structure without splitting it into lines. */
const CALENDAR_MARKERS = /(?<=^|\n)(BEGIN|END):([^\r\n]*)\r\n/gi;

/**
 * A line that starts neither a continuation (a space or tab: RFC 5545 §3.1 folding) nor a
 * content line: a name, its parameters (quoted or plain values) and the colon before the value.
 * Every property our writer makes puts its name and parameters well within the first 75
 * octets, before any fold.
 */
const NOT_A_CONTENT_LINE = /(?<=^|\n)(?![ \t]|[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=(?:"[^"\r\n]*"|[^";:,\r\n]*)(?:,(?:"[^"\r\n]*"|[^";:,\r\n]*))*)*:)(?=[^\n])/;

/**
 * An iCalendar file as RFC 5545 has it: CRLF line ends, no control character in any line,
 * every line a content line or a continuation, BEGIN and END nested and matched, one VCALENDAR
 * that is the whole file. Each check runs over the whole text (at ten thousand documents the
 * calendars are some 20 MB); a line number is worked out only for a fault.
 *
 * Not ical.js: measured on a site of 10,000 documents (6,002 calendars, 22 MB), parsing them
 * all with it cost about 0.5 s of CPU on top of these checks (which cost about 0.05 s), and it
 * accepts exactly the faults that matter here (control characters, bare line feeds, an END
 * that closes the wrong BEGIN, two calendars in one file). The tests read every calendar the
 * writer makes with ical.js instead.
 */
const checkCalendar = (text: string, from: string): void => {
  const fail = (detail: string, index?: number): never => {
    throw new Malformed(`${from} is not a valid iCalendar file (${index === undefined ? '' : `line ${lineAt(text, index)}: `}${detail})`);
  };
  const bare = /\r(?!\n)|(?<!\r)\n/.exec(text);
  if (bare) fail('a line that does not end in CRLF', bare.index);
  if (!text.endsWith('\r\n')) fail('the last line does not end in CRLF', text.length);
  // RFC 5545's CTLs but TAB (CR and LF only as line ends, checked above), and the rest normalise removes.
  const forbidden = findForbiddenCharacter(text);
  if (forbidden) fail(`${forbidden.name}, a control character or noncharacter that no calendar may hold`, forbidden.index);
  if (!/^BEGIN:VCALENDAR\r\n/i.test(text)) fail('it does not begin with BEGIN:VCALENDAR', 0);
  const stray = NOT_A_CONTENT_LINE.exec(text);
  if (stray) fail('not a content line (NAME, parameters, a colon and the value)', stray.index);
  const open: { name: string; index: number }[] = [];
  for (const marker of text.matchAll(CALENDAR_MARKERS)) {
    const name = (marker[2] ?? '').toUpperCase();
    if ((marker[1] ?? '').toUpperCase() === 'BEGIN') {
      open.push({ name, index: marker.index });
      continue;
    }
    const current = open.pop();
    if (current?.name !== name) fail(`END:${name} ${current ? `closes BEGIN:${current.name} of line ${lineAt(text, current.index)}` : 'without a BEGIN'}`, marker.index);
    // The VCALENDAR that ends here must end the file: nothing may follow it.
    if (open.length === 0 && marker.index + marker[0].length !== text.length) fail('something after END:VCALENDAR, where the file should end', marker.index + marker[0].length);
  }
  const unclosed = open.at(-1);
  if (unclosed) fail(`BEGIN:${unclosed.name} is never ended (no END:${unclosed.name})`, unclosed.index);
};

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

  /** Set when a file does not parse or holds a forbidden character: the pipeline's fault, said once below. */
  let unreadable = false;
  const checkFile = (file: string): void => {
    if (file.endsWith('.ics')) {
      const stamp = stampKey(tree.get(file) as FileStamp);
      if (reuse(file, stamp)) return;
      checkCalendar(readText(dir, file), `/${file}`);
      parsedPages.set(file, { stamp, facts: null, anchors: [] });
      return;
    }
    if (file.endsWith('.json') && /(^|\/)feed\.json$/.test(file)) {
      const stamp = stampKey(tree.get(file) as FileStamp);
      if (reuse(file, stamp)) return;
      const from = `/${file}`;
      const text = readText(dir, file);
      const anchorsBefore = anchors.length;
      let feed: { home_page_url?: string; feed_url?: string; items?: { url?: string; content_html?: string; attachments?: { url?: string }[] }[] };
      try {
        feed = JSON.parse(text) as typeof feed;
      } catch (error) {
        throw new Malformed(`${from} is not valid JSON (${(error as Error).message})`, { cause: error });
      }
      // JSON escapes controls, so the file parses; a feed reader then puts them into HTML or XML.
      const { fields, characters } = scrubDocument(feed);
      if (fields.length > 0) {
        unreadable = true;
        problems.push(`${from} holds ${characters.join(', ')} at ${fields.slice(0, 5).join(', ')}${fields.length > 5 ? ' and more' : ''}, which no reader can be shown`);
      }
      check(from, feed.home_page_url);
      check(from, feed.feed_url);
      for (const item of feed.items ?? []) {
        check(from, item.url);
        checkHtml(from, item.content_html ?? '');
        for (const attachment of item.attachments ?? []) check(from, attachment.url);
      }
      parsedPages.set(file, { stamp, facts: null, anchors: anchors.slice(anchorsBefore) });
      return;
    }
    if (!file.endsWith('.html') && !file.endsWith('.xml')) return;
    const xml = file.endsWith('.xml');
    const pageUrl = `/${file.replace(/index\.html$/, '')}`;
    const stamp = stampKey(tree.get(file) as FileStamp);
    const known = reuse(file, stamp);
    if (known) {
      if (known.facts) pages.set(pageUrl, known.facts);
      return;
    }
    const anchorsBefore = anchors.length;
    const text = readText(dir, file);
    if (!xml) {
      // XML's parser refuses these itself; HTML's only calls them parse errors, and readers would get them.
      const forbidden = findForbiddenCharacter(text);
      if (forbidden) {
        unreadable = true;
        problems.push(`${pageUrl} holds ${forbidden.name} (line ${lineAt(text, forbidden.index)}), which no reader can be shown`);
      }
    }
    const root = xml ? parseXml(text, pageUrl) : (parseDocument(text) as unknown as Node);
    const facts: PageFacts = { lang: '', alternates: new Map(), ids: new Set(), movedAway: false };
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
        case 'meta':
          if (!xml && a['http-equiv']?.toLowerCase() === 'refresh') facts.movedAway = true;
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
  };

  for (const file of files) {
    try {
      checkFile(file);
    } catch (error) {
      if (!(error instanceof Malformed)) throw error;
      unreadable = true;
      problems.push(error.message);
    }
  }

  for (const { from, raw, page, fragment } of anchors) {
    const target = pages.get(page);
    if (target && !target.ids.has(fragment)) problems.push(`${from} links to ${raw}, but ${page} has no element with id "${fragment}"`);
  }

  for (const [url, facts] of pages) {
    if (url === '/' || url === '/404.html') continue;
    if (!facts.lang) problems.push(`${url} has no <html lang>`);
    // A language's 404 page is served at addresses that have no page, and a page at a moved
    // address only sends readers on: neither names alternates.
    if (url.endsWith('/404.html') || facts.movedAway) continue;
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
    // Content cannot make a file unreadable (normalise removes what would), so the pipeline did.
    const fault = unreadable ? '\nA file that does not parse, or holds a character no reader can be shown, is a fault of the pipeline, not of the content: fix the template or writer that made it.' : '';
    throw new VerificationError(`The built site failed verification (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was published:\n${shown}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}${fault}`);
  }
  lastPassed = { siteRoot, files: existing, pages: parsedPages };
  return { files: files.length, pages: pages.size, linksChecked };
};
