// Text for iCalendar (RFC 5545): the plain text of our rendered HTML, TEXT values escaped, and
// content lines folded to 75 octets.


// Elements that separate words when the tags are gone; all others (strong, a, em…) join.
const BREAKING = new Set(
  'address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr img li main nav ol p pre section table tbody td tfoot th thead tr ul'.split(' '),
);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const decodeEntities = (text: string): string =>
  // One pass, so "&amp;lt;" becomes the text "&lt;" and is not decoded twice.
  text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/g, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\ufffd';
  });

/**
 * The text of our rendered HTML (blocks-html.ts): comments, scripts and styles dropped, tags
 * removed (block-level ones leave a space so words do not run together), entities decoded
 * after the tags are gone (so an escaped "&lt;b&gt;" stays text), whitespace collapsed.
 */
export const htmlToText = (html: string): string =>
  decodeEntities(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
      .replace(/<(script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
      .replace(/<\/?([a-zA-Z][a-zA-Z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g, (_tag, name: string) => (BREAKING.has(name.toLowerCase()) ? ' ' : ''))
      .replace(/<[!?][^>]*>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break as
 * \n; control characters, which TEXT may not hold, dropped (tab is allowed and kept).
 */
export const escapeText = (value: string): string =>
  value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));

/** A parameter value, quoted when it holds a character that would end it. */
export const paramValue = (value: string): string => (/[;:,]/.test(value) ? `"${value.replace(/"/g, '')}"` : value);

export const property = (name: string, value: string): string => `${name}:${value}`;

/**
 * Folds a content line (RFC 5545 §3.1): no physical line longer than 75 octets of UTF-8, not
 * counting the CRLF; a continuation starts with one space, which counts. Splits fall between
 * code points, never inside a multi-byte character or a surrogate pair.
 */
export const fold = (line: string): string => {
  const limit = 75;
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > limit) {
      out.push(current);
      current = ' ';
      bytes = 1;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n');
};
