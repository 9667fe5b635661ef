// Our own rich-text HTML (scripts/normalise/blocks-html.ts: p, h2–h6, ul/ol/li, strong/em,
// a, blockquote, pre/code, figure/img) back into blocks the PDF lays out as paragraphs,
// headings and lists. Text and links survive; images inside rich text are left out (the
// summary shows the cover only). Whitespace is collapsed as a browser would.
import { Parser } from 'htmlparser2';
import { absoluteUrl } from '../normalise/urls.js';

export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  /** Absolute http(s) or mailto URL; null for plain text. */
  href: string | null;
}

export interface ListItem {
  runs: Run[];
  /** Lists nested inside the item. */
  children: RichBlock[];
}

export type RichBlock =
  | { kind: 'heading'; /** The HTML level, 2–6. */ level: number; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[]; quote: boolean; preformatted: boolean }
  | { kind: 'list'; ordered: boolean; items: ListItem[] };

export interface RichTextOptions {
  /** Site root, to make site-relative links absolute: a PDF has no "current site". */
  siteUrl: string;
}

/** Site-relative links become absolute; fragments (which point into the web page) and anything odd lose their link but keep their words. */
const absoluteHref = (href: string, siteUrl: string): string | null => {
  const value = href.trim();
  if (value.startsWith('/') && !value.startsWith('//')) return absoluteUrl(siteUrl, value);
  if (/^(https?:\/\/|mailto:)/i.test(value)) return value;
  return null;
};

interface Container {
  /** Where inline runs go: the open paragraph, heading or list item. */
  runs: Run[];
}

const SKIPPED_TAGS = new Set(['figure', 'img', 'picture', 'svg', 'script', 'style', 'template']);
const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'li', 'figure', 'div']);

export const parseRichText = (html: string, options: RichTextOptions): RichBlock[] => {
  const root: RichBlock[] = [];
  // The block list new blocks go to: the root, or the children of the list item they sit in.
  const blockTargets: RichBlock[][] = [root];
  const lists: Extract<RichBlock, { kind: 'list' }>[] = [];
  const items: ListItem[] = [];
  let open: (Container & { block: RichBlock | null }) | null = null;
  let bold = 0;
  let italic = 0;
  let quote = 0;
  let pre = 0;
  let skip = 0;
  const links: (string | null)[] = [];

  const target = (): RichBlock[] => blockTargets[blockTargets.length - 1] ?? root;
  const closeOpen = (): void => {
    open = null;
  };
  const startParagraph = (): Container => {
    const block: RichBlock = { kind: 'paragraph', runs: [], quote: quote > 0, preformatted: pre > 0 };
    target().push(block);
    open = { runs: block.runs, block };
    return open;
  };
  // Loose text (after a nested list, or outside any block) gets a paragraph of its own.
  const currentRuns = (): Run[] => (open ? open.runs : startParagraph().runs);

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        // Images, with their captions, stay out of the summary; so does anything not text.
        if (skip > 0 || SKIPPED_TAGS.has(name)) {
          skip++;
          return;
        }
        if (BLOCK_TAGS.has(name)) closeOpen();
        switch (name) {
          case 'p':
            startParagraph();
            break;
          case 'h1':
          case 'h2':
          case 'h3':
          case 'h4':
          case 'h5':
          case 'h6': {
            const block: RichBlock = { kind: 'heading', level: Math.max(2, Number(name.slice(1))), runs: [] };
            target().push(block);
            open = { runs: block.runs, block };
            break;
          }
          case 'blockquote':
            quote++;
            break;
          case 'pre':
            pre++;
            startParagraph();
            break;
          case 'ul':
          case 'ol': {
            const list: RichBlock = { kind: 'list', ordered: name === 'ol', items: [] };
            target().push(list);
            lists.push(list);
            break;
          }
          case 'li': {
            const list = lists[lists.length - 1];
            if (!list) break;
            const item: ListItem = { runs: [], children: [] };
            list.items.push(item);
            items.push(item);
            blockTargets.push(item.children);
            open = { runs: item.runs, block: null };
            break;
          }
          case 'strong':
          case 'b':
            bold++;
            break;
          case 'em':
          case 'i':
            italic++;
            break;
          case 'a':
            links.push(attributes.href === undefined ? null : absoluteHref(attributes.href, options.siteUrl));
            break;
          case 'br':
            currentRuns().push({ text: '\n', bold: bold > 0, italic: italic > 0, href: null });
            break;
          default:
            break;
        }
      },
      ontext(data) {
        if (skip > 0) return;
        const text = pre > 0 ? data : data.replace(/\s+/g, ' ');
        if (text === '') return;
        // Whitespace between blocks (the renderer's newlines) carries nothing.
        if (!open && text.trim() === '') return;
        const href = links.length > 0 ? links[links.length - 1] ?? null : null;
        const runs = currentRuns();
        const last = runs[runs.length - 1];
        const run: Run = { text, bold: bold > 0, italic: italic > 0, href };
        if (last && last.bold === run.bold && last.italic === run.italic && last.href === run.href && last.text !== '\n') last.text += text;
        else runs.push(run);
      },
      onclosetag(name) {
        // htmlparser2 closes void elements (img) too, so this balances every opening above.
        if (skip > 0) {
          skip--;
          return;
        }
        switch (name) {
          case 'p':
          case 'h1':
          case 'h2':
          case 'h3':
          case 'h4':
          case 'h5':
          case 'h6':
            closeOpen();
            break;
          case 'pre':
            pre--;
            closeOpen();
            break;
          case 'blockquote':
            quote--;
            closeOpen();
            break;
          case 'ul':
          case 'ol':
            lists.pop();
            closeOpen();
            break;
          case 'li':
            if (items.pop()) blockTargets.pop();
            closeOpen();
            break;
          case 'strong':
          case 'b':
            bold--;
            break;
          case 'em':
          case 'i':
            italic--;
            break;
          case 'a':
            links.pop();
            break;
          default:
            break;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return tidy(root);
};

/** Trims the edges of every block's text and drops blocks left empty. */
const tidy = (blocks: RichBlock[]): RichBlock[] =>
  blocks.flatMap((block): RichBlock[] => {
    if (block.kind === 'list') {
      const items = block.items.map((item) => ({ runs: trimRuns(item.runs), children: tidy(item.children) })).filter((item) => item.runs.length > 0 || item.children.length > 0);
      return items.length > 0 ? [{ ...block, items }] : [];
    }
    const runs = block.kind === 'paragraph' && block.preformatted ? block.runs.filter((run) => run.text !== '') : trimRuns(block.runs);
    return runs.length > 0 ? [{ ...block, runs }] : [];
  });

const trimRuns = (runs: Run[]): Run[] => {
  const result = runs.map((run) => ({ ...run }));
  while (result[0] && result[0].text.trimStart() === '') result.shift();
  while (result[result.length - 1] && result[result.length - 1]!.text.trimEnd() === '') result.pop();
  const first = result[0];
  if (first) first.text = first.text.trimStart();
  const last = result[result.length - 1];
  if (last) last.text = last.text.trimEnd();
  // A space at a run boundary after a space: keep one.
  for (let i = 1; i < result.length; i++) {
    const previous = result[i - 1]!;
    const current = result[i]!;
    if (/\s$/.test(previous.text) && current.text.startsWith(' ')) current.text = current.text.slice(1);
  }
  return result.filter((run) => run.text !== '');
};

/** The plain text of runs, as a reader copying it would get it. */
export const runsText = (runs: Run[]): string => runs.map((run) => run.text).join('');
