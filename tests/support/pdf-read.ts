// Reading a PDF the way a reader's software does, with pdfjs-dist: the text as copied, the
// structure tree, and which text sits in tagged content, artifacts or nowhere.
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructNode {
  role: string;
  alt?: string;
  children: (StructNode | { type: string; id: string })[];
}
export const isNode = (child: StructNode['children'][number]): child is StructNode => 'role' in child;

export interface Page {
  /** The page's text as copied: lines joined by newlines. */
  text: string;
  tree: StructNode;
  /** Text of each marked-content sequence, by pdfjs's id ("p12R_mc3"). */
  marked: Map<string, string>;
  /** Text drawn inside an Artifact, and text drawn outside any marked content. */
  artifactText: string[];
  untaggedText: string[];
}

export interface Read {
  bytes: Buffer;
  /** The file as Latin-1: dictionaries are not compressed, streams are. */
  raw: string;
  pdf: PDFDocumentProxy;
  pages: Page[];
}

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
  type?: string;
  id?: string | null;
  tag?: string;
}

export const readPdf = async (bytes: Buffer): Promise<Read> => {
  // pdfjs takes ownership of (and detaches) the array it is given: hand it a copy.
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: Page[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const marked = new Map<string, string>();
    const open: { id: string | null; tag: string }[] = [];
    const artifactText: string[] = [];
    const untaggedText: string[] = [];
    let text = '';
    for (const item of content.items as TextItemLike[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
        open.push({ id: item.id ?? null, tag: item.tag ?? '' });
      } else if (item.type === 'endMarkedContent') {
        open.pop();
      } else if (item.str !== undefined) {
        const piece = item.str + (item.hasEOL ? '\n' : '');
        text += piece;
        const current = open[open.length - 1];
        if (item.str.trim() !== '') {
          if (!current) untaggedText.push(item.str);
          else if (current.tag === 'Artifact') artifactText.push(item.str);
        }
        if (current?.id) marked.set(current.id, (marked.get(current.id) ?? '') + piece);
      }
    }
    pages.push({ text, tree: (await page.getStructTree()) as unknown as StructNode, marked, artifactText, untaggedText });
  }
  return { bytes, raw: bytes.toString('latin1'), pdf, pages };
};

/** Text as a reader copies it, lines rejoined: a line broken after a hyphen joins without a space. */
export const flat = (text: string): string => text.replace(/-\n/g, '-').replace(/\s+/g, ' ').trim();

export const allText = (read: Read): string => flat(read.pages.map((page) => page.text).join('\n'));

export const nodes = (node: StructNode): StructNode[] => [node, ...node.children.filter(isNode).flatMap(nodes)];
export const allNodes = (read: Read): StructNode[] => read.pages.flatMap((page) => nodes(page.tree));

/** The text inside a structure element, from the marked content it owns. */
export const textOf = (node: StructNode, page: Page): string =>
  flat(node.children.map((child) => (isNode(child) ? textOf(child, page) : (page.marked.get(child.id) ?? ''))).join(' '));
