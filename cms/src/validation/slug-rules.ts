// What a slug may be, for the CMS (refused when an editor saves it) and for the pipeline
// (a document that still gets through is left out with a report entry; the rest publish).
// A slug names a directory beside the files and folders its section writes itself: a study
// slugged `index.html` or `feed.xml` collided with the list page or its feed and stopped every
// later build. Kept free of Strapi imports: the pipeline imports this file too.

/**
 * Names a section uses for paths of its own, beside its documents' folders. Every name a list,
 * archive or feed of a section adds to its URL space belongs here (pages of a list: page/2/,
 * pagina/2/). Files need no entry: they have a dot, and slugs never do.
 */
export const RESERVED_SLUGS: Readonly<Record<string, string>> = {
  page: 'the pages of English lists (page/2/)',
  pagina: 'the pages of Spanish lists (pagina/2/)',
  archive: 'the yearly archives of English news and events (archive/2024/)',
  archivo: 'the yearly archives of Spanish news and events (archivo/2024/)',
};

/** Why the site cannot publish a document at this slug, or null when it can. */
export const slugProblem = (slug: string): string | null => {
  if (slug.includes('.')) return `a slug cannot contain a dot: "${slug}" could collide with a file the site writes (index.html, feed.xml)`;
  if (/^\d+$/.test(slug)) return `a slug cannot be only digits: "${slug}" is kept for page numbers and yearly archives`;
  const reserved = RESERVED_SLUGS[slug.toLowerCase()];
  if (reserved) return `"${slug}" is reserved for ${reserved}`;
  return null;
};

/**
 * What an editor may type: lowercase letters, digits and single hyphens (what the admin's
 * slug generator makes from a title), and nothing the site uses itself.
 */
export const editorSlugProblem = (slug: string): string | null => {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return `"${slug}" is not a slug: use lowercase letters, digits and single hyphens, e.g. smart-cities-study-2023`;
  return slugProblem(slug);
};
