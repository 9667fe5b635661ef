// Links that editors write are the linking document's business, never the build's. A news item
// that linked to a study which was then unpublished failed verification, "nothing was
// published", and the unpublished study stayed live: a takedown blocked by another document.
// So before anything is rendered, every site link in rich text is checked against what this
// build will publish: a link to a page or file that is not there becomes plain text, a link
// without its trailing slash gets it, a link to an address that moved gets the new one, an #anchor (rich text has none to point at) is dropped,
// an image whose file is not on the site is left out, and each is reported to the editor with
// the document, locale and link. Verification then fails only for faults of the pipeline
// itself: a template linking to a page it did not make, an asset that is missing.
import { listFiles } from '../lib/files.js';
import { dropImages, imagesIn, linksIn, rewriteLinks, type LinkDecision } from '../normalise/blocks-html.js';
import type { ContentIssue, ContentModel, Document, GoodPractice, Study } from '../../domain/model.js';
import type { SiteView } from '../../domain/site-view.js';
import { currentAddressOf, ogImagePath, ownsCard } from '../normalise/urls.js';
import { movedSectionsOf } from './redirects.js';

/** What the site will hold, as paths a link can name (a page by its URL, a file by its path). */
export type SitePaths = ReadonlySet<string>;

/**
 * Every path this build publishes: the pages of the view (and their index.html, Open Graph
 * card and calendar), its feeds, the summary PDFs made, the media copied, the static assets,
 * the root chooser, the 404 pages, robots.txt, _headers, _redirects and the sitemap's files. A unit test
 * renders the sample site and checks that every file it writes is in here.
 */
export const sitePathsOf = (view: SiteView, model: ContentModel, assetsDir: string): Set<string> => {
  const paths = new Set<string>(['/', '/index.html', '/sitemap.xml', '/robots.txt', '/_headers', '/_redirects', '/404.html', ...view.notFound.map((page) => page.url), ...view.sitemaps.map((file) => file.path)]);
  for (const page of view.pages) {
    paths.add(page.url).add(`${page.url}index.html`);
    if (ownsCard(page)) paths.add(ogImagePath(page.url));
    if (page.calendar) paths.add(page.calendar);
  }
  for (const feed of view.feeds) paths.add(feed.paths.rss).add(feed.paths.atom).add(feed.paths.json);
  for (const study of model.studies) if (study.summaryPdf) paths.add(study.summaryPdf.sitePath);
  for (const [sitePath, media] of model.media) if (media.inSite) paths.add(sitePath);
  for (const asset of listFiles(assetsDir)) paths.add(`/assets/${asset}`);
  return paths;
};

export interface CheckedLinks {
  /** The model with every document whose rich text changed replaced by a corrected copy. */
  model: ContentModel;
  issues: ContentIssue[];
  /** Whether any document changed (the views made from the old model are then stale). */
  changed: boolean;
}

/** Who wrote a piece of rich text: the document it belongs to. */
interface Author {
  type: string;
  documentId: string;
  locale: ContentIssue['locale'];
  field: string;
}

const decodePath = (value: string): string | null => {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
};

export const checkContentLinks = (model: ContentModel, sitePaths: SitePaths, siteUrl: string): CheckedLinks => {
  const siteRoot = siteUrl.replace(/\/+$/, '');
  const moved = movedSectionsOf(model.locales);
  const issues = new Map<string, ContentIssue>();
  const has = (sitePath: string): boolean => sitePaths.has(sitePath) || sitePaths.has(decodePath(sitePath) ?? sitePath);
  const warn = (author: Author, href: string, message: string): void => {
    const key = [author.type, author.documentId, author.locale, author.field, href].join('\n');
    if (!issues.has(key)) issues.set(key, { kind: 'broken-link', type: author.type, documentId: author.documentId, locale: author.locale, field: author.field, message: `${author.type} ${author.documentId} (${author.locale}) ${author.field}: ${message}` });
  };

  /** The site path an href names, with what follows it, or null when it leaves the site. */
  const onSite = (href: string): { prefix: string; pathname: string; query: string; fragment: string } | null => {
    let prefix = '';
    let rest = href;
    if (siteRoot !== '' && (href === siteRoot || href.startsWith(`${siteRoot}/`))) {
      prefix = siteRoot;
      rest = href.slice(siteRoot.length) || '/';
    } else if (!href.startsWith('/') || href.startsWith('//')) {
      return href.startsWith('#') ? { prefix: '', pathname: '', query: '', fragment: href.slice(1) } : null;
    }
    const hash = rest.indexOf('#');
    const fragment = hash === -1 ? '' : rest.slice(hash + 1);
    const beforeHash = hash === -1 ? rest : rest.slice(0, hash);
    const question = beforeHash.indexOf('?');
    return { prefix, pathname: question === -1 ? beforeHash : beforeHash.slice(0, question), query: question === -1 ? '' : beforeHash.slice(question), fragment };
  };

  const decideLink = (author: Author, href: string): LinkDecision => {
    const target = onSite(href);
    if (target === null) return { keep: true, href };
    if (target.pathname === '') {
      warn(author, href, `the link to "${href}" points at an anchor, and pages have none that rich text can name; it is shown as plain text.`);
      return { keep: false };
    }
    let { pathname } = target;
    // An address that moved would still answer (a redirect), but the page is one hop nearer.
    if (!has(pathname)) pathname = currentAddressOf(pathname, moved);
    if (!has(pathname) && !pathname.endsWith('/') && has(`${pathname}/`)) pathname = `${pathname}/`;
    if (!has(pathname)) {
      warn(author, href, `the link to "${href}" names nothing on the site (unpublished, renamed or mistyped), so it is shown as plain text. Correct or remove it in the CMS.`);
      return { keep: false };
    }
    if (target.fragment !== '') warn(author, href, `the link to "${href}" keeps its page but loses "#${target.fragment}": pages have no anchors that rich text can name.`);
    return { keep: true, href: `${target.prefix}${pathname}${target.query}` };
  };

  const imageMissing = (src: string): boolean => {
    const target = onSite(src);
    return target !== null && target.pathname !== '' && !has(target.pathname);
  };
  const linkNeedsWork = (href: string): boolean => {
    const target = onSite(href);
    return target !== null && (target.pathname === '' || target.fragment !== '' || !has(target.pathname));
  };

  /** The rich text as it will be published, or the very same string when it needs nothing. */
  const fix = (html: string, author: Author): string => {
    // Most rich text has no site link and no image: one scan each says so.
    if (!html.includes('<a href="') && !html.includes('<img src="')) return html;
    if (!linksIn(html).some(linkNeedsWork) && !imagesIn(html).some(imageMissing)) return html;
    const keepImage = (src: string): boolean => {
      if (!imageMissing(src)) return true;
      warn(author, src, `the image "${src}" is not on the site (its file could not be copied), so it is left out.`);
      return false;
    };
    return dropImages(rewriteLinks(html, (href) => decideLink(author, href)), keepImage);
  };

  const fixPractices = (practices: GoodPractice[], locale: ContentIssue['locale']): GoodPractice[] => {
    let changed = false;
    const fixed = practices.map((practice) => {
      const descriptionHtml = fix(practice.descriptionHtml, { type: 'good-practice', documentId: practice.documentId, locale, field: 'description' });
      if (descriptionHtml === practice.descriptionHtml) return practice;
      changed = true;
      return { ...practice, descriptionHtml };
    });
    return changed ? fixed : practices;
  };

  let changed = false;
  const each = <T extends Document>(docs: T[], correct: (doc: T) => T): T[] => {
    let any = false;
    const out = docs.map((doc) => {
      const corrected = correct(doc);
      if (corrected !== doc) any = true;
      return corrected;
    });
    changed ||= any;
    return any ? out : docs;
  };
  const author = (doc: Document, field: string): Author => ({ type: doc.type, documentId: doc.documentId, locale: doc.locale, field });

  const studies = each(model.studies, (study): Study => {
    const summaryHtml = fix(study.summaryHtml, author(study, 'summary'));
    const goodPractices = fixPractices(study.goodPractices, study.locale);
    return summaryHtml === study.summaryHtml && goodPractices === study.goodPractices ? study : { ...study, summaryHtml, goodPractices };
  });
  const events = each(model.events, (event) => {
    const descriptionHtml = fix(event.descriptionHtml, author(event, 'description'));
    return descriptionHtml === event.descriptionHtml ? event : { ...event, descriptionHtml };
  });
  const articles = each(model.articles, (article) => {
    const bodyHtml = fix(article.bodyHtml, author(article, 'body'));
    return bodyHtml === article.bodyHtml ? article : { ...article, bodyHtml };
  });
  const axes = each(model.axes, (axis) => {
    const goodPractices = fixPractices(axis.goodPractices, axis.locale);
    return goodPractices === axis.goodPractices ? axis : { ...axis, goodPractices };
  });
  return { model: changed ? { ...model, studies, events, articles, axes } : model, issues: [...issues.values()], changed };
};
