// pdfkit as this project uses it beyond its published API: its structure calls typed (its
// types lag behind 0.20), and the three patches a reproducible, accessible summary needs,
// gathered here and checked against the version they were written for.
import { RENDERER_VERSIONS } from './fonts.js';
import { escapeMarkup } from '../lib/escape.js';

/** The pdfkit these patches were written against; another one fails loudly here, not silently in a PDF. */
const PATCHED_PDFKIT = /^0\.20\./;

export const assertPatchedPdfkit = (version: string = RENDERER_VERSIONS.pdfkit): void => {
  if (!PATCHED_PDFKIT.test(version)) {
    throw new Error(`pdfkit ${version} is installed, but scripts/pdf/pdfkit-patches.ts patches the internals of 0.20 (the file ID, the XMP packet, link annotations): check them against the new version and update PATCHED_PDFKIT.`);
  }
};


export type Doc = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;
export type StructOptions = PDFKit.Mixins.StructureElementOptions & { bbox?: [number, number, number, number]; placement?: 'Block' | 'Inline' };

export interface DocInternals {
  /** The trailer's file ID; pdfkit derives it from the info dictionary. */
  _id: Uint8Array;
  info: Record<string, unknown>;
  endMetadata(): void;
  link(x: number, y: number, w: number, h: number, url: string, options?: Record<string, unknown>): Doc;
  /** Decodes an image once, for its size, before it is placed. */
  openImage(data: Buffer): { width: number; height: number };
}

/**
 * The patches every summary needs, on one document:
 * - the trailer's file ID is the content hash (`fileId`, hex), not pdfkit's hash of the info
 *   dictionary, which carries no content: equal inputs, equal bytes;
 * - pdfkit writes the title into the XMP packet without escaping it: it is escaped there only;
 * - PDF/UA wants every link annotation described (/Contents), which pdfkit leaves empty: each
 *   gets what `linkDescription` says at the moment the link is drawn.
 */
export const patchDocument = (doc: Doc, options: { fileId: string; linkDescription: () => string }): void => {
  assertPatchedPdfkit();
  const internals = doc as unknown as DocInternals;
  internals._id = new Uint8Array(Buffer.from(options.fileId, 'hex').subarray(0, 16));
  const endMetadata = internals.endMetadata;
  internals.endMetadata = function (this: DocInternals) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeMarkup(value) : value]));
    endMetadata.call(this);
    this.info = info;
  };
  const link = internals.link;
  internals.link = function (this: DocInternals, x, y, w, h, url, linkOptions = {}) {
    return link.call(this, x, y, w, h, url, { ...linkOptions, Contents: new String(options.linkDescription() || url) });
  };
};
