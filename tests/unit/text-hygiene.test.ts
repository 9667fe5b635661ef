// The characters normalise takes out of every string of a document, by class of code point:
// each class that is removed, each neighbour that must stay, every other code point of every
// plane kept as it is, and a strict XML parser (saxes) agreeing that what is left always
// parses. Then whole documents: a clean one is handed back untouched (no copy), a dirty one as
// a copy that shares its clean parts, with the dotted path of every field that held any.
import { SaxesParser } from 'saxes';
import { hasForbiddenCharacters, removeForbiddenCharacters, scrubDocument } from '../../scripts/normalise/text-hygiene.js';

const hex = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The error a strict XML 1.0 parser gives for `text` as element content and as an attribute value, or null. */
const xmlError = (text: string): string | null => {
  for (const xml of [`<a>${text}</a>`, `<a b="${text}"/>`]) {
    const parser = new SaxesParser({ xmlns: true });
    try {
      parser.write(xml).close();
    } catch (error) {
      return (error as Error).message;
    }
  }
  return null;
};

// Classes of code points, as the module's comment defines them.
const C0_REMOVED = [...range(0x00, 0x08), 0x0e, 0x0f, ...range(0x10, 0x1f)];
/** Vertical tab (Word's line break), form feed (its page break) and NEL separate words: a space. */
const BREAKS = [0x0b, 0x0c, 0x85];
const DEL_AND_C1 = [0x7f, ...range(0x80, 0x9f).filter((code) => code !== 0x85)];
const NONCHARACTERS_BMP = [...range(0xfdd0, 0xfdef), 0xfffe, 0xffff];
const NONCHARACTERS_ASTRAL = range(1, 16).flatMap((plane) => [plane * 0x10000 + 0xfffe, plane * 0x10000 + 0xffff]);

describe('removeForbiddenCharacters: each class of code point', () => {
  test.each(C0_REMOVED.map((code) => [hex(code), code]))('C0 control %s is removed', (_name, code) => {
    const text = `a${String.fromCharCode(code)}b`;
    expect(hasForbiddenCharacters(text)).toBe(true);
    expect(removeForbiddenCharacters(text)).toBe('ab');
  });

  test.each(BREAKS.map((code) => [hex(code), code]))('the line or page break %s becomes a space, so the words around it stay apart', (_name, code) => {
    const text = `line one${String.fromCharCode(code)}line two`;
    expect(hasForbiddenCharacters(text)).toBe(true);
    expect(removeForbiddenCharacters(text)).toBe('line one line two');
  });

  test('in a field without spaces (a URL, a slug) the breaks are removed, not made spaces', () => {
    expect(removeForbiddenCharacters('https://example.org/a\u000bb\u000cc\u0085d\u0000e', true)).toBe('https://example.org/abcde');
    const scrubbed = scrubDocument({ slug: 'smart\u000b-cities', infoUrl: 'https://example.org/\u000bx', title: 'Smart\u000bCities', link: { url: 'https://example.org/\u000cy', children: [{ text: 'a\u000bb' }] } });
    expect(scrubbed.value).toEqual({ slug: 'smart-cities', infoUrl: 'https://example.org/x', title: 'Smart Cities', link: { url: 'https://example.org/y', children: [{ text: 'a b' }] } });
  });

  test.each([['TAB', 0x09], ['LF', 0x0a], ['CR', 0x0d]])('%s is kept: XML, HTML and iCalendar (escaped) all hold it', (_name, code) => {
    const text = `a${String.fromCharCode(code as number)}b`;
    expect(hasForbiddenCharacters(text)).toBe(false);
    expect(removeForbiddenCharacters(text)).toBe(text);
  });

  test.each(DEL_AND_C1.map((code) => [hex(code), code]))('DEL or C1 control %s is removed', (_name, code) => {
    const text = `a${String.fromCharCode(code)}b`;
    expect(hasForbiddenCharacters(text)).toBe(true);
    expect(removeForbiddenCharacters(text)).toBe('ab');
  });

  test.each([...NONCHARACTERS_BMP, ...NONCHARACTERS_ASTRAL].map((code) => [hex(code), code]))('noncharacter %s is removed', (_name, code) => {
    const text = `a${String.fromCodePoint(code)}b`;
    expect(hasForbiddenCharacters(text)).toBe(true);
    expect(removeForbiddenCharacters(text)).toBe('ab');
  });

  test('lone surrogates are removed wherever they stand; pairs are kept', () => {
    const cases: [string, string][] = [
      ['\ud800', ''],
      ['a\ud83d', 'a'],
      ['\ud83da', 'a'],
      ['a\ude00b', 'ab'],
      ['\ude00\ud83d', ''],
      ['\ud83d\ud83d\ude00', '\ud83d\ude00'],
      ['\ud83d\ude00\ude00', '\ud83d\ude00'],
      ['x\udbff\udfffy', 'xy'], // U+10FFFF: a pair, but a noncharacter
    ];
    for (const [text, clean] of cases) {
      expect([text, hasForbiddenCharacters(text)]).toEqual([text, true]);
      expect([text, removeForbiddenCharacters(text)]).toEqual([text, clean]);
    }
    for (const kept of ['😀', '\u{10000}', '\u{1fffd}', '\u{10fffd}', 'Niños 🏙️ ciudades']) {
      expect(hasForbiddenCharacters(kept)).toBe(false);
      expect(removeForbiddenCharacters(kept)).toBe(kept);
    }
  });

  test('their neighbours stay: space, "~", U+00A0, U+00FF, U+D7FF, U+E000, U+FDCF, U+FDF0, U+FFFD, U+2028', () => {
    const text = ' ~\u00a0\u00ff\ud7ff\ue000\ufdcf\ufdf0\ufffd\u2028';
    expect(hasForbiddenCharacters(text)).toBe(false);
    expect(removeForbiddenCharacters(text)).toBe(text);
  });

  test('every other code point of every plane is kept as it is', () => {
    const removed = new Set([...C0_REMOVED, ...BREAKS, ...DEL_AND_C1, ...NONCHARACTERS_BMP, ...NONCHARACTERS_ASTRAL]);
    let kept = 0;
    for (let plane = 0; plane <= 16; plane += 1) {
      const chars: string[] = [];
      for (let code = plane * 0x10000; code < (plane + 1) * 0x10000; code += 1) {
        if (removed.has(code) || (code >= 0xd800 && code <= 0xdfff)) continue;
        chars.push(String.fromCodePoint(code));
      }
      const text = chars.join('');
      // One failing plane should say which one.
      expect([plane, hasForbiddenCharacters(text)]).toEqual([plane, false]);
      expect([plane, removeForbiddenCharacters(text) === text]).toEqual([plane, true]);
      kept += chars.length;
    }
    expect(kept).toBe(0x110000 - 2048 - removed.size);
  });

  test('what is left of any BMP code point (lone surrogates included) parses as XML 1.0', () => {
    const rejected: string[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      // Markup characters are escaped, as every writer of the site does; the rest stand as they are.
      const char = String.fromCharCode(code).replace(/[&<"]/, (c) => `&#${c.charCodeAt(0)};`);
      const error = xmlError(`x${removeForbiddenCharacters(char)}y`);
      if (error) rejected.push(`${hex(code)}: ${error}`);
    }
    expect(rejected).toEqual([]);
    // And the parser does reject what the module takes out, so the check above can fail.
    expect(xmlError('x\u000by')).toMatch(/disallowed character/);
    expect(xmlError('x\ufffey')).toMatch(/disallowed character/);
  });

  test('several at once, and a text without any comes back as the same string', () => {
    expect(removeForbiddenCharacters('\u0000T\u001bi\u0008t\u007fl\u0093e\ufffe\u000bend\ud800')).toBe('Title end');
    const clean = 'Estudio de Ciudades Inteligentes 2023: ¿qué aprendieron?';
    expect(removeForbiddenCharacters(clean)).toBe(clean);
  });
});

describe('scrubDocument: whole documents', () => {
  const cleanDoc = () => ({
    documentId: 'abc',
    title: 'Smart Cities Study 2023',
    year: 2023,
    published: true,
    cover: null,
    summary: [{ type: 'paragraph', children: [{ type: 'text', text: 'Clean text.' }] }],
    axes: [{ documentId: 'x1', name: 'Smart Economy' }],
  });

  test('a clean document is handed back as the very same object, with nothing to report', () => {
    const doc = cleanDoc();
    const scrubbed = scrubDocument(doc);
    expect(scrubbed.value).toBe(doc);
    expect(scrubbed.fields).toEqual([]);
    expect(scrubbed.characters).toEqual([]);
  });

  test('a dirty one comes back as a copy: the input untouched, clean parts shared, every dirty field named', () => {
    const doc = {
      ...cleanDoc(),
      title: 'Smart\u000bCities\u001b',
      summary: [
        { type: 'paragraph', children: [{ type: 'text', text: 'Clean.' }] },
        { type: 'paragraph', children: [{ type: 'text', text: 'Dirty\u0008.' }, { type: 'link', url: 'https://example.org/\u007f', children: [{ type: 'text', text: 'ok' }] }] },
      ],
      axes: [{ documentId: 'x1', name: 'Economy\ufffe' }],
      cover: { url: '/uploads/a.png', alternativeText: 'Alt\ud800' },
    };
    const before = structuredClone(doc);
    const scrubbed = scrubDocument(doc);
    expect(doc).toEqual(before);
    expect(scrubbed.value).not.toBe(doc);
    expect(scrubbed.value).toEqual({
      ...before,
      title: 'Smart Cities',
      summary: [before.summary[0], { type: 'paragraph', children: [{ type: 'text', text: 'Dirty.' }, { type: 'link', url: 'https://example.org/', children: [{ type: 'text', text: 'ok' }] }] }],
      axes: [{ documentId: 'x1', name: 'Economy' }],
      cover: { url: '/uploads/a.png', alternativeText: 'Alt' },
    });
    expect(scrubbed.value.summary[0]).toBe(doc.summary[0]);
    expect(scrubbed.value.summary[1]?.children[1]?.children).toBe(doc.summary[1]?.children[1]?.children);
    // In the order of the document's own fields.
    expect(scrubbed.fields).toEqual(['title', 'cover.alternativeText', 'summary.1.children.0.text', 'summary.1.children.1.url', 'axes.0.name']);
    expect(scrubbed.characters).toEqual(['U+0008', 'U+000B', 'U+001B', 'U+007F', 'U+D800', 'U+FFFE']);
  });

  test('the same object asked again is answered from memory: the very same copy', () => {
    const doc = { ...cleanDoc(), title: 'T\u000bitle' };
    const first = scrubDocument(doc);
    expect(scrubDocument(doc)).toBe(first);
    expect(scrubDocument(structuredClone(doc)).value).not.toBe(first.value);
  });

  test('null, strings and numbers pass through', () => {
    expect(scrubDocument(null).value).toBeNull();
    expect(scrubDocument(7).value).toBe(7);
    expect(scrubDocument('a\u000bb')).toEqual({ value: 'a b', fields: [''], characters: ['U+000B'] });
  });
});
