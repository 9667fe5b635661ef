// The rich text of the content model, back to Markdown, so the Hugo side of the benchmark
// starts from what a Hugo site keeps in its content files. It handles the small HTML our
// blocks renderer (scripts/normalise/blocks-html.ts) produces: p, h1–h6, ul/ol/li (nested),
// blockquote, pre/code, a, strong/b, em/i, code, br. Anything else (figure, u, s) is kept as
// raw HTML, which Markdown allows and Hugo passes through with `unsafe` rendering; for s that
// keeps <s> (GFM's ~~ would make <del>). What Markdown cannot say the same way: a blockquote's
// text comes back inside a <p>, and a <br> that ends a paragraph is dropped.
import { DomUtils, parseDocument } from 'htmlparser2';

type Element = Parameters<typeof DomUtils.getAttributeValue>[0];
type Node = Element['children'][number];

/** Our HTML as CommonMark; blocks separated by blank lines. */
export const htmlToMarkdown = (html: string): string => blocksOf(parseDocument(html).children).join('\n\n');

// ---------------------------------------------------------------------------------------------
// Escaping. Every character that could start Markdown syntax inside a line is escaped; a
// backslash before ASCII punctuation is always a literal in CommonMark, so over-escaping is
// harmless. `#` too, because a trailing " #" would close an ATX heading, and `{` because
// Hugo reads "{#id}" at the end of a heading as attributes when that parser option is on.

const escapeText = (text: string): string => text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>&~|{}#]/g, '\\$&');

// What only means something at the start of a line: headings, quotes, list markers, setext
// underlines, definition lists. Leading spaces go too: four of them make a code block.
const escapeLineStart = (line: string): string =>
  line
    .replace(/^[ \t]+/, '')
    .replace(/^[-+=:>]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');

const escapeLineStarts = (text: string): string => text.split('\n').map(escapeLineStart).join('\n');

const HARD_BREAK = '\\\n';

/** Inline content as the lines of one block. A break at its end would print a backslash. */
const inlineBlockOf = (nodes: Node[]): string => escapeLineStarts(inlineOf(nodes).replace(/(?:\\\n)+$/, ''));

// ---------------------------------------------------------------------------------------------
// Blocks

const blocksOf = (nodes: Node[]): string[] => {
  const blocks: string[] = [];
  // The list just written, if the last block was one: its tag and whether it used the other markers.
  let listTag: string | null = null;
  let listAlternate = false;
  for (const node of nodes) {
    // The newlines between our blocks are not content, and do not separate two lists either.
    if (DomUtils.isText(node) && node.data.trim() === '') continue;
    if (DomUtils.isTag(node) && (node.name === 'ul' || node.name === 'ol')) {
      // Two lists in a row would merge into one loose list; a different marker keeps them apart.
      listAlternate = listTag === node.name ? !listAlternate : false;
      listTag = node.name;
      blocks.push(listOf(node, listAlternate));
      continue;
    }
    listTag = null;
    if (DomUtils.isText(node)) blocks.push(inlineBlockOf([node]));
    else if (DomUtils.isTag(node)) blocks.push(blockOf(node));
  }
  return blocks.filter((block) => block !== '');
};

const blockOf = (element: Element): string => {
  const heading = /^h([1-6])$/.exec(element.name);
  if (heading) return `${'#'.repeat(Number(heading[1]))} ${escapeLineStart(inlineOf(element.children).split(HARD_BREAK).join(' '))}`;
  switch (element.name) {
    case 'p':
      return inlineBlockOf(element.children);
    case 'blockquote':
      return prefixLines(inlineBlockOf(element.children), '> ', '> ');
    case 'pre':
      return codeBlockOf(element);
    default:
      // A figure, or a block we do not know: an HTML block, which must not contain a blank line.
      return DomUtils.getOuterHTML(element).replace(/\n\s*\n/g, '\n');
  }
};

const listOf = (list: Element, alternate: boolean): string => {
  const ordered = list.name === 'ol';
  const items = list.children.filter((child): child is Element => DomUtils.isTag(child) && child.name === 'li');
  return items
    .map((item, index) => {
      const marker = ordered ? `${index + 1}${alternate ? ')' : '.'} ` : `${alternate ? '*' : '-'} `;
      return prefixLines(listItemOf(item), marker, ' '.repeat(marker.length));
    })
    .join('\n');
};

// An item is inline text, possibly followed by a nested list (how our renderer nests them).
const listItemOf = (item: Element): string => {
  const parts: string[] = [];
  let inline: Node[] = [];
  const flush = (): void => {
    const text = inlineBlockOf(inline);
    if (text.trim() !== '') parts.push(text);
    inline = [];
  };
  for (const child of item.children) {
    if (DomUtils.isTag(child) && (child.name === 'ul' || child.name === 'ol' || child.name === 'p')) {
      flush();
      parts.push(child.name === 'p' ? inlineBlockOf(child.children) : listOf(child, false));
    } else {
      inline.push(child);
    }
  }
  flush();
  return parts.join('\n');
};

const codeBlockOf = (pre: Element): string => {
  const code = pre.children.find((child): child is Element => DomUtils.isTag(child) && child.name === 'code') ?? pre;
  const language = /(?:^|\s)language-(\S+)/.exec(DomUtils.getAttributeValue(code, 'class') ?? '')?.[1] ?? '';
  const text = DomUtils.textContent(code).replace(/\n$/, '');
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${language}\n${text}\n${fence}`;
};

/** The first line gets `first`, the others `rest` (the indentation that keeps them in the item). */
const prefixLines = (text: string, first: string, rest: string): string =>
  text
    .split('\n')
    .map((line, index) => (index === 0 ? first : line === '' ? '' : rest) + line)
    .join('\n');

// ---------------------------------------------------------------------------------------------
// Inline

const inlineOf = (nodes: Node[]): string => nodes.map(inlineNodeOf).join('');

const inlineNodeOf = (node: Node): string => {
  if (DomUtils.isText(node)) return escapeText(node.data);
  if (!DomUtils.isTag(node)) return '';
  switch (node.name) {
    case 'br':
      return HARD_BREAK;
    case 'strong':
    case 'b':
      return emphasis('**', node);
    case 'em':
    case 'i':
      return emphasis('*', node);
    case 'code':
      return codeSpanOf(DomUtils.textContent(node));
    case 'a':
      return linkOf(node);
    default:
      return rawInline(node);
  }
};

/**
 * `**text**`, with the spaces our renderer leaves inside marks moved outside ("**a **" is not
 * bold in CommonMark). When the text starts or ends with punctuation the delimiters may not
 * count as opening or closing next to a letter, so the HTML element is kept instead.
 */
const emphasis = (delimiter: string, element: Element): string => {
  const inner = inlineOf(element.children);
  const [, before = '', text = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner) ?? [];
  if (text === '') return inner;
  if (/^[\p{P}\p{S}]|[\p{P}\p{S}]$/u.test(text)) return rawInline(element);
  return `${before}${delimiter}${text}${delimiter}${after}`;
};

const codeSpanOf = (text: string): string => {
  const code = text.replace(/\r\n|\r|\n/g, ' ');
  const fence = '`'.repeat(longestRun(code, '`') + 1);
  // CommonMark strips one space on each side when both are there; pad so nothing is lost.
  const padded = /^[` ]|[` ]$/.test(code) ? ` ${code} ` : code;
  return `${fence}${padded}${fence}`;
};

const linkOf = (anchor: Element): string => {
  const href = DomUtils.getAttributeValue(anchor, 'href');
  if (href === undefined) return inlineOf(anchor.children);
  // Plain destinations stay readable; anything else goes between <…>, which allows spaces and
  // parentheses; < > \ become percent escapes there, which mean the same in a URL.
  const destination = /^[A-Za-z0-9\-._~:/?#@!$'*+,;=%]*$/.test(href) ? href : `<${href.replace(/[<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}>`;
  return `[${inlineOf(anchor.children)}](${destination})`;
};

/** An element Markdown has no syntax for, as inline HTML around its converted content. */
const rawInline = (element: Element): string => {
  const attributes = Object.entries(element.attribs)
    .map(([name, value]) => ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('');
  return `<${element.name}${attributes}>${inlineOf(element.children)}</${element.name}>`;
};

const longestRun = (text: string, char: string): number => Math.max(0, ...(text.match(new RegExp(`\\${char}+`, 'g')) ?? []).map((run) => run.length));
