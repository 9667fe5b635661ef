// Strapi 5 "blocks" rich text (the JSON of a `blocks` field) to HTML we trust: every text is
// escaped, links are limited to http(s), mailto, site-relative and #fragment, and whatever we
// refuse or find lacking (an unsafe link, an image without alternative text) is handed back
// as an issue so the editor can be told which field to fix. No HTML from the CMS is ever
// passed through, so there is nothing to sanitise afterwards.
import { z } from 'zod';
import { escapeMarkup, unescapeMarkup } from '../lib/escape.js';

// ---------------------------------------------------------------------------------------------
// Schema. Unknown properties are stripped (Strapi adds some, e.g. `indentLevel` on lists and
// the whole media record on images); the types of the properties we read are strict, and a
// node type we do not know fails with the path zod reports, rather than vanishing silently.

const textSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  underline: z.boolean().optional(),
  strikethrough: z.boolean().optional(),
  code: z.boolean().optional(),
});

const linkSchema = z.object({
  type: z.literal('link'),
  url: z.string(),
  children: z.array(textSchema),
});

const inlineSchema = z.discriminatedUnion('type', [textSchema, linkSchema]);

const paragraphSchema = z.object({ type: z.literal('paragraph'), children: z.array(inlineSchema) });

const headingSchema = z.object({
  type: z.literal('heading'),
  level: z.int().min(1).max(6),
  children: z.array(inlineSchema),
});

const listItemSchema = z.object({ type: z.literal('list-item'), children: z.array(inlineSchema) });

// A nested list sits beside the list items (Strapi's shape), hence the recursion.
const listSchema = z.object({
  type: z.literal('list'),
  format: z.enum(['ordered', 'unordered']),
  get children(): z.ZodArray<z.ZodDiscriminatedUnion<[typeof listItemSchema, typeof listSchema]>> {
    return z.array(z.discriminatedUnion('type', [listItemSchema, listSchema]));
  },
});

const quoteSchema = z.object({ type: z.literal('quote'), children: z.array(inlineSchema) });

const codeSchema = z.object({
  type: z.literal('code'),
  language: z.string().optional(),
  children: z.array(textSchema),
});

const imageSchema = z.object({
  type: z.literal('image'),
  image: z.object({
    url: z.string(),
    alternativeText: z.string().nullable().optional(),
    caption: z.string().nullable().optional(),
    // null for media without intrinsic size (an SVG, for one).
    width: z.number().nullable().optional(),
    height: z.number().nullable().optional(),
    name: z.string().optional(),
  }),
  // Always one empty text in Strapi's output; never rendered.
  children: z.array(inlineSchema).optional(),
});

const blockSchema = z.discriminatedUnion('type', [
  paragraphSchema,
  headingSchema,
  listSchema,
  quoteSchema,
  codeSchema,
  imageSchema,
]);

export const blocksSchema = z.array(blockSchema);

export type Blocks = z.infer<typeof blocksSchema>;
type Block = Blocks[number];
type TextNode = z.infer<typeof textSchema>;
type InlineNode = z.infer<typeof inlineSchema>;
type ListNode = z.infer<typeof listSchema>;
type ImageNode = z.infer<typeof imageSchema>;

// ---------------------------------------------------------------------------------------------
// Public API

export interface RenderOptions {
  /** Added to every heading level, then clamped to 2..6: the page title owns the h1. Default 1. */
  headingOffset?: number;
  /**
   * Maps an image URL of the CMS to its URL on the site; null drops the image. Default: keep
   * http(s) and site-relative URLs, drop anything else. What it returns must itself be http(s)
   * or site-relative, or the image is dropped.
   */
  resolveMediaUrl?: (url: string) => string | null;
}

export interface BlockIssue {
  kind: 'unsafe-link' | 'image-without-alt' | 'image-dropped';
  /** Index path of the node inside the blocks array, e.g. "3.children.1". */
  path: string;
  detail: string;
}

export interface RenderResult {
  html: string;
  issues: BlockIssue[];
}

interface Context {
  headingOffset: number;
  resolveMediaUrl: (url: string) => string | null;
  issues: BlockIssue[];
}

export const renderBlocks = (blocks: Blocks, options: RenderOptions = {}): RenderResult => {
  const headingOffset = options.headingOffset ?? 1;
  if (!Number.isInteger(headingOffset)) throw new RangeError(`headingOffset must be an integer, got ${headingOffset}`);
  const ctx: Context = {
    headingOffset,
    resolveMediaUrl: options.resolveMediaUrl ?? mediaUrlOrNull,
    issues: [],
  };
  const html = blocks
    .map((block, index) => renderBlock(block, String(index), ctx))
    .filter((part) => part !== '')
    .join('\n');
  return { html, issues: ctx.issues };
};

/** The text of the blocks: one line per block (and per list item), whitespace collapsed. */
export const blocksToPlainText = (blocks: Blocks): string =>
  blocks
    .flatMap(blockLines)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');

// ---------------------------------------------------------------------------------------------
// Escaping. All five characters, in text and attributes alike, so no context can be broken out of.


// ---------------------------------------------------------------------------------------------
// URLs. We decide on the string a browser would actually follow: the WHATWG parser drops
// leading and trailing C0 controls and spaces and removes tab, LF and CR anywhere, so
// " javascript:" and "java\tscript:" are javascript: to a browser and must be to us too.

type UrlVerdict =
  | { ok: true; href: string; kind: 'http' | 'mailto' | 'site-relative' | 'fragment' }
  | { ok: false; reason: string };

const asBrowserSeesIt = (url: string): string =>
  url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');

const checkUrl = (raw: string): UrlVerdict => {
  const url = asBrowserSeesIt(raw);
  // Any control character left is at best a typo and at worst a parser trick; refuse it.
  if (/[\u0000-\u001f\u007f]/.test(url)) return { ok: false, reason: 'contains control characters' };
  if (url.startsWith('#')) return { ok: true, href: url, kind: 'fragment' };
  if (url.startsWith('/')) {
    // "//host" is protocol-relative, and browsers read "\" as "/" in http(s) URLs: another site.
    if (url[1] === '/' || url[1] === '\\') return { ok: false, reason: 'is protocol-relative (points to another site)' };
    return { ok: true, href: url, kind: 'site-relative' };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Relative paths, entity-encoded schemes ("&#106;avascript:") and other non-URLs.
    return { ok: false, reason: 'is neither an absolute URL nor site-relative' };
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return { ok: true, href: url, kind: 'http' };
  if (parsed.protocol === 'mailto:') return { ok: true, href: url, kind: 'mailto' };
  return { ok: false, reason: `uses the ${parsed.protocol} scheme` };
};

// The default media resolver, and the check on any resolver's answer: an img src is fetched
// by the browser, so it gets the link rules minus mailto and #fragment, which name no file.
const mediaUrlOrNull = (url: string): string | null => {
  const verdict = checkUrl(url);
  return verdict.ok && (verdict.kind === 'http' || verdict.kind === 'site-relative') ? verdict.href : null;
};

// ---------------------------------------------------------------------------------------------
// Rendering

const renderBlock = (block: Block, path: string, ctx: Context): string => {
  switch (block.type) {
    case 'paragraph':
      // Editors leave empty paragraphs behind by pressing Enter; they carry no content.
      if (block.children.every((child) => child.type === 'text' && child.text === '')) return '';
      return `<p>${renderInline(block.children, path, ctx)}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(2, block.level + ctx.headingOffset));
      return `<h${level}>${renderInline(block.children, path, ctx)}</h${level}>`;
    }
    case 'list':
      return renderList(block, path, ctx);
    case 'quote':
      return `<blockquote>${renderInline(block.children, path, ctx)}</blockquote>`;
    case 'code': {
      // The language lands in a class attribute; a short, plain token or nothing at all.
      const language = block.language !== undefined && /^[a-z0-9+#-]{1,20}$/i.test(block.language) ? block.language : null;
      const open = language === null ? '<code>' : `<code class="language-${escapeMarkup(language)}">`;
      // Inside <pre> line breaks are kept as they are and formatting marks are meaningless.
      return `<pre>${open}${escapeMarkup(block.children.map((child) => child.text).join(''))}</code></pre>`;
    }
    case 'image':
      return renderImage(block, path, ctx);
    default:
      return assertNever(block);
  }
};

const renderInline = (nodes: InlineNode[], path: string, ctx: Context): string =>
  nodes
    .map((node, index) => (node.type === 'text' ? renderText(node) : renderLink(node, `${path}.children.${index}`, ctx)))
    .join('');

const renderText = (node: TextNode): string => {
  if (node.text === '') return '';
  let html = escapeMarkup(node.text).replace(/\r\n|\r|\n/g, '<br>');
  // Fixed nesting order, innermost first, so the same marks always give the same HTML.
  if (node.code) html = `<code>${html}</code>`;
  if (node.strikethrough) html = `<s>${html}</s>`;
  if (node.underline) html = `<u>${html}</u>`;
  if (node.italic) html = `<em>${html}</em>`;
  if (node.bold) html = `<strong>${html}</strong>`;
  return html;
};

const renderLink = (node: z.infer<typeof linkSchema>, path: string, ctx: Context): string => {
  const text = node.children.map(renderText).join('');
  const verdict = checkUrl(node.url);
  if (!verdict.ok) {
    // The words stay; only the link goes.
    ctx.issues.push({
      kind: 'unsafe-link',
      path,
      detail: `Link ${JSON.stringify(node.url)} ${verdict.reason}; only http(s), mailto, site-relative (/…) and #fragment links are published, so it is shown as plain text. Correct the URL in the CMS.`,
    });
    return text;
  }
  // Absolute http(s) links leave the site: give the target neither our window nor our URL.
  const rel = verdict.kind === 'http' ? ' rel="noopener noreferrer"' : '';
  return `<a href="${escapeMarkup(verdict.href)}"${rel}>${text}</a>`;
};

const renderList = (node: ListNode, path: string, ctx: Context): string => {
  const tag = node.format === 'ordered' ? 'ol' : 'ul';
  const items: string[] = [];
  node.children.forEach((child, index) => {
    const childPath = `${path}.children.${index}`;
    if (child.type === 'list-item') {
      items.push(renderInline(child.children, childPath, ctx));
      return;
    }
    // Strapi puts a nested list beside the items; HTML allows it only inside an <li>, so it
    // joins the item before it (or gets an <li> of its own when it comes first).
    const nested = renderList(child, childPath, ctx);
    if (items.length === 0) items.push(nested);
    else items[items.length - 1] += nested;
  });
  return `<${tag}>${items.map((item) => `<li>${item}</li>`).join('')}</${tag}>`;
};

const renderImage = (node: ImageNode, path: string, ctx: Context): string => {
  const { url, alternativeText, caption, width, height } = node.image;
  const resolved = ctx.resolveMediaUrl(url);
  const src = resolved === null ? null : mediaUrlOrNull(resolved);
  if (src === null) {
    ctx.issues.push({
      kind: 'image-dropped',
      path,
      detail: `Image ${JSON.stringify(url)} has no usable URL on the site, so it is left out. Re-upload the image in the CMS.`,
    });
    return '';
  }
  const alt = alternativeText?.trim() ?? '';
  if (alt === '') {
    ctx.issues.push({
      kind: 'image-without-alt',
      path,
      detail: `Image ${JSON.stringify(node.image.name ?? url)} has no alternative text; screen readers skip it. Add one in the media library.`,
    });
  }
  const size = [dimension('width', width), dimension('height', height)].join('');
  const img = `<img src="${escapeMarkup(src)}" alt="${escapeMarkup(alt)}"${size} loading="lazy" decoding="async">`;
  const figcaption = caption?.trim() ? `<figcaption>${escapeMarkup(caption.trim())}</figcaption>` : '';
  return `<figure>${img}${figcaption}</figure>`;
};

// Only a positive whole number is a size the browser can reserve space with.
const dimension = (name: string, value: number | null | undefined): string =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? ` ${name}="${value}"` : '';

// ---------------------------------------------------------------------------------------------
// Plain text

const inlineText = (nodes: InlineNode[]): string =>
  nodes.map((node) => (node.type === 'text' ? node.text : node.children.map((child) => child.text).join(''))).join('');

const blockLines = (block: Block | ListNode): string[] => {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
      return [inlineText(block.children)];
    case 'code':
      return [block.children.map((child) => child.text).join('')];
    case 'list':
      return block.children.flatMap((child) => (child.type === 'list-item' ? [inlineText(child.children)] : blockLines(child)));
    case 'image':
      return [];
    default:
      return assertNever(block);
  }
};

const assertNever = (value: never): never => {
  throw new TypeError(`Unknown block node ${JSON.stringify(value)}; validate with blocksSchema first.`);
};

// ---------------------------------------------------------------------------------------------
// Links in rendered HTML, after the fact. Only this module's own output is ever given here:
// renderLink writes every link as <a href="…"> with an escaped href and escaped text, and never
// nests one link in another, so a link is found, and rewritten, by its exact shape.

const LINK = /<a href="([^"]*)"( rel="noopener noreferrer")?>([\s\S]*?)<\/a>/g;

/** What becomes of one link: kept (with its href, possibly changed) or turned into its text. */
export type LinkDecision = { keep: true; href: string } | { keep: false };

/** Every link href in HTML that renderBlocks made, unescaped, in order. */
export const linksIn = (html: string): string[] => [...html.matchAll(LINK)].map((match) => unescapeMarkup(match[1] as string));

/** The same HTML with each link kept, re-pointed or made plain text, as `decide` says. */
export const rewriteLinks = (html: string, decide: (href: string) => LinkDecision): string =>
  html.replace(LINK, (whole, href: string, rel: string | undefined, text: string) => {
    const decision = decide(unescapeMarkup(href));
    if (!decision.keep) return text;
    return decision.href === unescapeMarkup(href) ? whole : `<a href="${escapeMarkup(decision.href)}"${rel ?? ''}>${text}</a>`;
  });

const FIGURE = /<figure><img src="([^"]*)"[^>]*>(?:<figcaption>[\s\S]*?<\/figcaption>)?<\/figure>/g;

/** Every image source in HTML that renderBlocks made, unescaped, in order. */
export const imagesIn = (html: string): string[] => [...html.matchAll(FIGURE)].map((match) => unescapeMarkup(match[1] as string));

/** The same HTML without the figures whose image `keep` refuses (a file that is not on the site). */
export const dropImages = (html: string, keep: (src: string) => boolean): string => html.replace(FIGURE, (whole, src: string) => (keep(unescapeMarkup(src)) ? whole : ''));
