// Characters that no output of the site may hold, taken out of every string of a document
// where Strapi's JSON enters normalise, so that every later stage (pages, feeds, calendars,
// the sitemap, PDFs) sees clean text. Editors paste them in without seeing them: Word's
// line break is a vertical tab, its page break a form feed, and text copied through a
// Windows-1252 to Latin-1 mix-up carries C1 controls where quotes and dashes were.
//
// Which characters, and why:
// - C0 controls U+0000–U+0008, U+000B, U+000C, U+000E–U+001F: XML 1.0 (Char, §2.2) forbids
//   them even as character references, so one of them makes a whole RSS or Atom feed (and
//   the PDF's XMP metadata) unreadable; RFC 5545's TEXT excludes CTLs; HTML's parser calls
//   them a parse error. TAB, LF and CR stay: XML and HTML hold them, the calendar writer
//   escapes line breaks and TEXT allows a tab.
// - DEL U+007F and the C1 controls U+0080–U+009F: XML 1.0 allows them but §2.2 asks authors
//   to avoid them (XML 1.1 admits them only as references), RFC 5545 counts DEL as a CTL,
//   HTML's parser calls them all a parse error, and no font draws them: in prose they are
//   always debris.
// - U+FFFE, U+FFFF: outside XML 1.0's Char. The other Unicode noncharacters (U+FDD0–U+FDEF
//   and the last two code points of planes 1–16) go too: XML 1.0 §2.2 asks authors to avoid
//   them and HTML's parser calls them a parse error; they are for a program's internal use,
//   never for text.
// - Lone surrogates (U+D800–U+DFFF not in a pair): not characters at all. XML's Char excludes
//   them, and UTF-8 cannot encode them (Node writes U+FFFD in their place).
// Vertical tab, form feed and NEL (U+0085) separate words (a line, a page, a line): in prose
// each becomes a space, so "line one<VT>line two" reads "line one line two", not "line
// oneline two". In a field that holds no spaces (a URL, a slug, a documentId) a space would
// break it (an unsafe link, a document left out), so there they are removed like the rest.
// Everything else, including every other invisible or unusual character (zero-width space,
// bidi controls, U+2028), is text that XML, HTML and iCalendar hold, and stays.
import type { ContentIssue } from '../../domain/model.js';
import type { Locale } from '../../domain/locales.js';

/**
 * A first, cheap look at a string: any C0 control but TAB/LF/CR, DEL, C1, a BMP noncharacter,
 * or any surrogate at all. One character class over code units runs at memory speed (about a
 * nanosecond a character); a string without a match is clean, which is nearly every string.
 * Surrogate pairs (emoji) match too, and are then looked at precisely.
 */
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]/;

/** The supplementary noncharacters U+1FFFE, U+1FFFF, … U+10FFFE, U+10FFFF as a class body. */
const ASTRAL_NONCHARACTERS = Array.from({ length: 16 }, (_, i) => `\\u{${(i + 1).toString(16)}fffe}\\u{${(i + 1).toString(16)}ffff}`).join('');

/**
 * Exactly the characters this module removes. With the u flag a well-formed pair is one code
 * point, so [\ud800-\udfff] matches only a lone surrogate.
 */
const FORBIDDEN = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff${ASTRAL_NONCHARACTERS}]`, 'u');
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'gu');

/** Characters that separate words: replaced by a space rather than removed, in prose. */
const BREAKS = new Set(['\u000b', '\u000c', '\u0085']);

/** Fields of Strapi's documents (and of rich text links) that hold no spaces. */
const UNSPACED_FIELD = /^(?:url|slug|documentId)$|Url$/;

/** True when the text holds a character no output may hold. */
export const hasForbiddenCharacters = (text: string): boolean => SUSPECT.test(text) && FORBIDDEN.test(text);

/**
 * The text without those characters. In prose a vertical tab, form feed or NEL becomes a
 * space; with `unspaced` (a URL, a slug) it is removed too.
 */
export const removeForbiddenCharacters = (text: string, unspaced = false): string =>
  hasForbiddenCharacters(text) ? text.replace(FORBIDDEN_ALL, (char) => (!unspaced && BREAKS.has(char) ? ' ' : '')) : text;

/** The first forbidden character of the text and where it is, or null when there is none. */
export const findForbiddenCharacter = (text: string): { index: number; name: string } | null => {
  if (!SUSPECT.test(text)) return null;
  const match = FORBIDDEN.exec(text);
  return match ? { index: match.index, name: codePointName(match[0].codePointAt(0) ?? 0) } : null;
};

/** Adds the code point of every forbidden character of the text to `into`. */
const forbiddenCodePoints = (text: string, into: Set<number>): Set<number> => {
  if (hasForbiddenCharacters(text)) for (const [char] of text.matchAll(FORBIDDEN_ALL)) into.add(char.codePointAt(0) ?? 0);
  return into;
};

const codePointNames = (codes: Set<number>): string[] => [...codes].sort((a, b) => a - b).map(codePointName);

const codePointName = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

export interface ScrubbedDocument<T> {
  /** The document itself when it was clean; otherwise a copy with clean strings, sharing its clean parts. */
  value: T;
  /** Dotted paths of the strings that held any ("title", "summary.2.children.0.text"). */
  fields: string[];
  /** The distinct characters taken out, as "U+000B", in order of code point. */
  characters: string[];
}

type Tree = unknown;

/** Whether any string in the tree is dirty: no copying, no allocation for a clean one. */
const isDirty = (node: Tree): boolean => {
  if (typeof node === 'string') return hasForbiddenCharacters(node);
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) {
    for (const item of node) if (isDirty(item)) return true;
    return false;
  }
  for (const key in node) if (isDirty((node as Record<string, unknown>)[key])) return true;
  return false;
};

/** A copy of a dirty tree: only the containers on the way to a dirty string are copied. */
const scrub = (node: Tree, path: string, key: string, found: { fields: string[]; codes: Set<number> }): Tree => {
  if (typeof node === 'string') {
    if (!hasForbiddenCharacters(node)) return node;
    found.fields.push(path);
    forbiddenCodePoints(node, found.codes);
    return removeForbiddenCharacters(node, UNSPACED_FIELD.test(key));
  }
  if (typeof node !== 'object' || node === null || !isDirty(node)) return node;
  const at = (child: string | number): string => (path === '' ? String(child) : `${path}.${child}`);
  if (Array.isArray(node)) return node.map((item, index) => scrub(item, at(index), key, found));
  const copy: Record<string, unknown> = {};
  for (const child in node) copy[child] = scrub((node as Record<string, unknown>)[child], at(child), child, found);
  return copy;
};

// The long-lived server normalises again after every edit, over the very objects of the last
// snapshot for documents that did not change (see parsedByRaw in normalise.ts): what was found
// for an object is kept beside it, so its strings are looked at once, and a dirty document's
// clean copy stays the same object, which normalise's own caches are keyed by.
const scrubbedByRaw = new WeakMap<object, ScrubbedDocument<unknown>>();

/**
 * The document with every forbidden character taken out of every string (object keys are
 * the CMS's field names, not content, and are left alone). A clean document is returned as
 * it is, not copied; the input is never changed.
 */
export const scrubDocument = <T>(raw: T): ScrubbedDocument<T> => {
  const cacheable = typeof raw === 'object' && raw !== null;
  const known = cacheable ? scrubbedByRaw.get(raw) : undefined;
  if (known) return known as ScrubbedDocument<T>;
  let result: ScrubbedDocument<T>;
  if (!isDirty(raw)) {
    result = { value: raw, fields: [], characters: [] };
  } else {
    const found = { fields: [] as string[], codes: new Set<number>() };
    const value = scrub(raw, '', '', found) as T;
    result = { value, fields: found.fields, characters: codePointNames(found.codes) };
  }
  if (cacheable) scrubbedByRaw.set(raw, result);
  return result;
};

/** Fields named in one report line; a long body could hold hundreds. */
const FIELDS_SHOWN = 10;

/** The editor's report line for a document that had characters taken out. */
export const forbiddenCharactersIssue = (type: string, documentId: string, locale: Locale, scrubbed: ScrubbedDocument<unknown>): ContentIssue => {
  const shown = scrubbed.fields.slice(0, FIELDS_SHOWN);
  const more = scrubbed.fields.length - shown.length;
  const fields = `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return {
    kind: 'control-characters',
    type,
    documentId,
    locale,
    field: fields,
    message:
      `${type} ${documentId} (${locale}): ${fields} held invisible control characters (${scrubbed.characters.join(', ')}) that no web page, feed or calendar may contain; ` +
      'they were removed (line and page breaks became spaces) and the rest published. They usually come from pasting from a word processor: ' +
      'retype the text around them in the CMS (or paste it as plain text) and publish again.',
  };
};
