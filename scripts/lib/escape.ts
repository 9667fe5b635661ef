// Text into markup, one way for every writer of HTML and XML (rich text, feed bodies, the
// report, Open Graph cards' SVG, PDF metadata): the five characters markup gives a meaning,
// as entities both HTML and XML read the same.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeMarkup = (value: string): string => value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);

/** The entities escapeMarkup writes, read back. */
export const unescapeMarkup = (value: string): string => value.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => Object.entries(ENTITIES).find(([, written]) => written === entity)?.[0] ?? entity);
