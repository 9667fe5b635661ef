// The seed writes rich text as plain paragraphs, headings and lists; Strapi stores it as
// its "blocks" JSON. This is the one place that knows that shape.
import type { SeedBlock } from './types';

type TextNode = { type: 'text'; text: string };
export type StrapiBlock =
  | { type: 'paragraph'; children: TextNode[] }
  | { type: 'heading'; level: 2; children: TextNode[] }
  | { type: 'list'; format: 'unordered'; children: { type: 'list-item'; children: TextNode[] }[] };

const text = (value: string): TextNode[] => [{ type: 'text', text: value }];

export const toStrapiBlocks = (blocks: SeedBlock[]): StrapiBlock[] =>
  blocks.map((block): StrapiBlock => {
    if (typeof block === 'string') return { type: 'paragraph', children: text(block) };
    if ('heading' in block) return { type: 'heading', level: 2, children: text(block.heading) };
    return { type: 'list', format: 'unordered', children: block.list.map((item) => ({ type: 'list-item' as const, children: text(item) })) };
  });

export const toTextItems = (items: string[]): { text: string }[] => items.map((item) => ({ text: item }));
