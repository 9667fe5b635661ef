// The normalise stage: raw snapshot in, content model out. Each document is checked on its
// own; one that does not fit is reported (type, documentId, locale, field) and left out,
// and the others publish. Translations are linked by documentId.
import type { z } from 'zod';
import { PipelineError } from '../errors.js';
import { localesOf, type RawSnapshot } from '../fetch/snapshot.js';
import { formerAddressesOf, HistoryEnvelope, overdueScheduleIssues, staleTranslationIssues, type Addressed } from './history.js';
import { compareText, LOCALES, type Locale } from '../../domain/locales.js';
import { blocksToPlainText, renderBlocks, type BlockIssue, type Blocks } from './blocks-html.js';
import type { Article, Axis, ContentIssue, ContentModel, Document, DocumentRef, DocumentType, Event, FormerAddress, GoodPractice, Image, MediaFile, MediaSource, Seo, SiteSettings, Study, TranslationMap } from '../../domain/model.js';
import {
  articleSchema,
  axisSchema,
  eventSchema,
  goodPracticeSchema,
  seoAdvice,
  seoSchema,
  siteSettingsSchema,
  studySchema,
  type RawArticle,
  type RawAxis,
  type RawEvent,
  type RawGoodPractice,
  type RawMedia,
  type RawStudy,
} from './schemas.js';
import { forbiddenCharactersIssue, scrubDocument } from './text-hygiene.js';
import { slugProblem } from '../../cms/src/validation/slug-rules.js';
import { documentUrl, mediaSitePath } from './urls.js';
import { mediaSourceUrl } from './media-source.js';

export interface NormaliseOptions {
  /** Base URL of the CMS, to turn its relative upload URLs into downloadable ones. */
  cmsUrl: string;
  /**
   * Public addresses of the bucket the CMS keeps media in (S3_BUCKET), besides its own
   * /uploads/: media anywhere else are not downloaded (see media-source).
   */
  mediaBaseUrls?: readonly string[];
  /**
   * What this caller's builds remember of the texts of the one before (see TextMemo). A
   * process that normalises for two purposes (the builds, and previews of drafts) gives each
   * its own, so that neither makes the other forget. Default: the builds'.
   */
  memo?: NormaliseMemo;
}

type Parsed<T> = Record<Locale, T[]>;

const DESCRIPTION_LENGTH = 200;

/** First sentence-ish of a text, for meta descriptions and cards. */
const summarise = (value: string, max = DESCRIPTION_LENGTH): string => {
  const clean = value.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:.–—-]+$/, '')}…`;
};

const documentIdOf = (raw: unknown): string => {
  const id = (raw as { documentId?: unknown } | null)?.documentId;
  return typeof id === 'string' ? id : '(no documentId)';
};

// A long-lived process (the webhook server) normalises again after every edit, and an
// incremental fetch hands back the very objects of the last snapshot for documents that did
// not change. What was worked out for those objects is kept beside them (weakly: it goes when
// they go) and used again, documents included (see Normaliser.build): no later stage writes into
// the model (they return what they make, and render/published-model joins it into copies).
const parsedByRaw = new WeakMap<object, { schema: z.ZodType; data: unknown }>();
const renderedByBlocks = new WeakMap<object, { mediaPlaces: string; html: string; issues: BlockIssue[]; media: [string, string][] }>();
const plainTextByBlocks = new WeakMap<object, string>();

const plainText = (blocks: Blocks): string => {
  if (typeof blocks !== 'object' || blocks === null) return blocksToPlainText(blocks);
  let text = plainTextByBlocks.get(blocks);
  if (text === undefined) {
    text = blocksToPlainText(blocks);
    plainTextByBlocks.set(blocks, text);
  }
  return text;
};

/** Only successful parses are kept: a misfit is parsed (and reported) again every time. */
const parseOnce = <S extends z.ZodType>(schema: S, raw: unknown): ReturnType<S['safeParse']> | { success: true; data: z.infer<S> } => {
  const known = typeof raw === 'object' && raw !== null ? parsedByRaw.get(raw) : undefined;
  if (known && known.schema === schema) return { success: true, data: known.data as z.infer<S> };
  const parsed = schema.safeParse(raw) as ReturnType<S['safeParse']>;
  if (parsed.success && typeof raw === 'object' && raw !== null) parsedByRaw.set(raw, { schema, data: parsed.data });
  return parsed;
};

/**
 * Text → what was worked out from it, for this build and the one before. The long-lived
 * process sees the very same strings build after build (an unchanged document's fields), and
 * looking one up is cheaper than cleaning up a news item's whole body again to summarise it.
 * What no build asked for since the one before is forgotten.
 */
export class TextMemo {
  private previous = new Map<string, string>();
  private current = new Map<string, string>();

  nextBuild(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  get(key: string, compute: (key: string) => string): string {
    let value = this.current.get(key);
    if (value === undefined) {
      value = this.previous.get(key) ?? compute(key);
      this.current.set(key, value);
    }
    return value;
  }
}

/** The texts one line of builds remembers from each build to the next. */
export interface NormaliseMemo {
  descriptions: TextMemo;
  mediaSitePaths: TextMemo;
}

export const newNormaliseMemo = (): NormaliseMemo => ({ descriptions: new TextMemo(), mediaSitePaths: new TextMemo() });

const BUILDS_MEMO = newNormaliseMemo();

/** ISO dates and times order the same by code unit as by collation, at a fraction of the cost. */
const compareIso = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What building one document reported and registered, to do again when it is reused. */
interface Effects {
  issues: ContentIssue[];
  media: [sitePath: string, sourceUrl: string, inSite: boolean][];
}

/**
 * A document as the last build made it, with what it was made from besides its own parsed
 * data: other documents' URLs and objects it shows (an axis's URL, a study's good practices).
 * Kept beside the parsed data (weakly, like the parse) and reused while all of that is the same.
 */
interface BuiltDocument {
  cmsUrl: string;
  inputs: unknown[];
  doc: Document;
  effects: Effects;
}
const builtByParsed = new WeakMap<object, BuiltDocument>();

const sameInputs = (a: unknown[], b: unknown[]): boolean => a.length === b.length && a.every((value, i) => value === b[i]);

class Normaliser {
  readonly issues: ContentIssue[] = [];
  readonly media = new Map<string, MediaSource>();
  readonly translations: TranslationMap = new Map();
  private recording: Effects | null = null;
  /** The languages this build publishes (see normalise): documents in others are not read. */
  locales: Locale[] = [];

  constructor(
    private readonly snapshot: RawSnapshot,
    private readonly options: NormaliseOptions,
    private readonly memo: NormaliseMemo,
  ) {
    this.mediaPlaces = [options.cmsUrl, ...(options.mediaBaseUrls ?? [])].join(' ');
  }

  report(issue: ContentIssue): void {
    this.issues.push(issue);
    this.recording?.issues.push(issue);
  }

  /**
   * The raw document without the characters no page, feed or calendar may hold, reported when
   * it had any. A clean document is the very object it was (and a dirty one's copy is kept
   * beside it), so the caches keyed by raw objects below still hit.
   */
  clean(type: string, locale: Locale, raw: unknown): unknown {
    const scrubbed = scrubDocument(raw);
    if (scrubbed.fields.length > 0) this.report(forbiddenCharactersIssue(type, documentIdOf(scrubbed.value), locale, scrubbed));
    return scrubbed.value;
  }

  /** Registers a file to download; it goes into the site if any use of it does. */
  addMedia(sitePath: string, sourceUrl: string, inSite: boolean): void {
    this.media.set(sitePath, { sourceUrl, inSite: inSite || this.media.get(sitePath)?.inSite === true });
    this.recording?.media.push([sitePath, sourceUrl, inSite]);
  }

  /**
   * The document `make` builds from `parsed` and `inputs`, or the one the last build made from
   * the very same parsed object and inputs, with its issues and media registered again in the
   * same order. After one edit that is nearly every document of the site.
   */
  build<T extends Document>(parsed: object, inputs: unknown[], make: () => T): T {
    const kept = builtByParsed.get(parsed);
    if (kept && kept.cmsUrl === this.options.cmsUrl && sameInputs(kept.inputs, inputs)) {
      for (const issue of kept.effects.issues) this.report(issue);
      for (const [sitePath, sourceUrl, inSite] of kept.effects.media) this.addMedia(sitePath, sourceUrl, inSite);
      return kept.doc as T;
    }
    const effects: Effects = { issues: [], media: [] };
    this.recording = effects;
    try {
      const doc = make();
      builtByParsed.set(parsed, { cmsUrl: this.options.cmsUrl, inputs, doc, effects });
      return doc;
    } finally {
      this.recording = null;
    }
  }

  /** The URL of a document in a locale, when it has one there. */
  urlOf(documentId: string, locale: Locale): string | null {
    return this.translations.get(documentId)?.[locale] ?? null;
  }

  /** Parses every document of one type in every locale; misfits are reported and dropped. */
  parse<S extends z.ZodType>(type: string, schema: S): Parsed<z.infer<S>> {
    const result = Object.fromEntries(LOCALES.map((locale) => [locale, []])) as unknown as Parsed<z.infer<S>>;
    for (const locale of this.locales) {
      result[locale] = [];
      const seenSlugs = new Map<string, string>();
      for (const raw of this.snapshot.collections[type]?.[locale] ?? []) {
        const parsed = parseOnce(schema, this.clean(type, locale, raw));
        if (!parsed.success) {
          const first = parsed.error.issues[0];
          const field = first?.path.join('.') || null;
          this.report({
            kind: 'invalid-document',
            type,
            documentId: documentIdOf(raw),
            locale,
            field,
            message: `${type} ${documentIdOf(raw)} (${locale}) is left out: ${field ?? 'document'}: ${first?.message ?? 'does not fit the content model'}. Fix it in the CMS and publish again.`,
          });
          continue;
        }
        const doc = parsed.data as z.infer<S> & { documentId: string; slug?: string };
        const slugTrouble = doc.slug === undefined ? null : slugProblem(doc.slug);
        if (slugTrouble) {
          this.report({ kind: 'unusable-slug', type, documentId: doc.documentId, locale, field: 'slug', message: `${type} ${doc.documentId} (${locale}) is left out: ${slugTrouble}. Change its slug in the CMS and publish again.` });
          continue;
        }
        if (doc.slug !== undefined) {
          const owner = seenSlugs.get(doc.slug);
          if (owner) {
            this.report({ kind: 'duplicate-slug', type, documentId: doc.documentId, locale, field: 'slug', message: `${type} ${doc.documentId} (${locale}) is left out: its slug "${doc.slug}" is already used by ${owner}.` });
            continue;
          }
          seenSlugs.set(doc.slug, doc.documentId);
        }
        result[locale].push(doc);
      }
    }
    return result;
  }

  register(type: DocumentType, parsed: Parsed<{ documentId: string; slug: string }>): void {
    for (const locale of this.locales) {
      for (const doc of parsed[locale]) {
        const entry = this.translations.get(doc.documentId) ?? {};
        entry[locale] = documentUrl(type, locale, doc.slug);
        this.translations.set(doc.documentId, entry);
      }
    }
  }

  /**
   * A relation to another document, as a link when that document is published in this locale.
   * One that is not (left out for a fault of its own, or never translated) is shown as its title
   * alone, and the linking document's report entry says so: a relation is the editor's to mend.
   */
  ref(documentId: string, title: string, locale: Locale, from: { type: string; documentId: string; field: string }): DocumentRef {
    const url = this.urlOf(documentId, locale);
    if (url === null) {
      this.report({ kind: 'broken-link', type: from.type, documentId: from.documentId, locale, field: from.field, message: `${from.type} ${from.documentId} (${locale}) ${from.field}: "${title}" (${documentId}) is not published in ${locale}, so it is shown without a link. Publish it in ${locale}, or remove the relation.` });
    }
    return { documentId, title, url };
  }

  /** Where media may be downloaded from (see media-source): one key for the blocks cache, made once. */
  private readonly mediaPlaces: string;

  /**
   * Registers a file to download; `inSite` when pages link the original itself. A file the
   * CMS places outside its uploads and the media bucket is not downloaded: reported, and null.
   */
  mediaFile(raw: RawMedia, where: { type: string; documentId: string; locale: Locale; field: string }, inSite = true): MediaFile | null {
    const sourceUrl = mediaSourceUrl(raw.url, this.options.cmsUrl, this.options.mediaBaseUrls ?? []);
    if (sourceUrl === null) {
      this.report({ kind: 'image-dropped', ...where, message: `${where.type} ${where.documentId} (${where.locale}) ${where.field}: the file ${JSON.stringify(raw.url)} is neither in the CMS's uploads nor in its media bucket, so the build does not download it and pages show the document without it.` });
      return null;
    }
    const sitePath = this.memo.mediaSitePaths.get(raw.url, mediaSitePath);
    this.addMedia(sitePath, sourceUrl, inSite);
    return { sourceUrl, sitePath, hash: raw.hash, ext: raw.ext, mime: raw.mime, width: raw.width, height: raw.height, sizeBytes: raw.size, alternativeText: raw.alternativeText, name: raw.name };
  }

  /** A cover with its alternative text in the page's language; reported when there is none. */
  cover(type: string, doc: { documentId: string; cover: RawMedia | null; coverAlt: string | null }, locale: Locale): Image | null {
    if (!doc.cover) return null;
    if (!doc.cover.mime.startsWith('image/')) {
      this.report({ kind: 'image-dropped', type, documentId: doc.documentId, locale, field: 'cover', message: `${type} ${doc.documentId} (${locale}): the cover is a ${doc.cover.mime} file, not an image, and is not shown.` });
      return null;
    }
    // The media library's alternative text has no language; it is only right for the default one.
    const alt = doc.coverAlt ?? (locale === 'en' ? doc.cover.alternativeText ?? '' : '');
    if (alt.trim() === '') {
      this.report({ kind: 'image-without-alt', type, documentId: doc.documentId, locale, field: 'coverAlt', message: `${type} ${doc.documentId} (${locale}): the cover has no alternative text in this language; fill in coverAlt.` });
    }
    const file = this.mediaFile(doc.cover, { type, documentId: doc.documentId, locale, field: 'cover' }, false);
    return file && { file, alt: alt.trim() };
  }

  /**
   * The search and social fields of a document in one locale, or null when none is set. A
   * value that does not fit is not used (the page falls back to its own title, description or
   * card) and is reported; one that is too long, or a picture without alternative text, is
   * used and reported. Never the document's fault: it publishes either way.
   */
  seo(type: string, doc: { documentId: string; seo?: unknown }, locale: Locale): Seo | null {
    const where = `${type} ${doc.documentId} (${locale})`;
    const parsed = seoSchema.safeParse(doc.seo);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const field = ['seo', ...(first?.path ?? [])].join('.');
      this.report({ kind: 'seo-field', type, documentId: doc.documentId, locale, field, message: `${where} ${field}: ${first?.message ?? 'does not fit the content model'}; the search and social fields are not used until it is fixed in the CMS.` });
      return null;
    }
    const raw = parsed.data;
    if (raw === null || (raw.metaTitle === null && raw.metaDescription === null && raw.shareImage === null)) return null;
    const advice = seoAdvice.safeParse(raw);
    for (const issue of advice.success ? [] : advice.error.issues) {
      const field = ['seo', ...issue.path].join('.');
      const kind = issue.path[0] === 'shareImageAlt' ? 'image-without-alt' : 'seo-field';
      this.report({ kind, type, documentId: doc.documentId, locale, field, message: `${where} ${field}: ${issue.message}.` });
    }
    let image: Seo['image'] = null;
    if (raw.shareImage && !raw.shareImage.mime.startsWith('image/')) {
      this.report({ kind: 'image-dropped', type, documentId: doc.documentId, locale, field: 'seo.shareImage', message: `${where} seo.shareImage: it is a ${raw.shareImage.mime} file, not an image; the page is shared with its generated card.` });
    } else if (raw.shareImage) {
      const file = this.mediaFile(raw.shareImage, { type, documentId: doc.documentId, locale, field: 'seo.shareImage' }, false);
      image = file && { file, alt: raw.shareImageAlt?.trim() ?? '' };
    }
    return { title: raw.metaTitle?.trim() ?? null, description: raw.metaDescription?.trim() ?? null, image };
  }

  html(type: string, documentId: string, locale: Locale, field: string, blocks: Blocks): string {
    const cacheable = typeof blocks === 'object' && blocks !== null;
    let result = cacheable ? renderedByBlocks.get(blocks) : undefined;
    const mediaPlaces = this.mediaPlaces;
    if (!result || result.mediaPlaces !== mediaPlaces) {
      const media: [string, string][] = [];
      const rendered = renderBlocks(blocks, {
        headingOffset: 1,
        // An image elsewhere than the CMS's uploads or its bucket is dropped and reported, never fetched.
        resolveMediaUrl: (url) => {
          const sourceUrl = mediaSourceUrl(url, this.options.cmsUrl, this.options.mediaBaseUrls ?? []);
          if (sourceUrl === null) return null;
          const sitePath = mediaSitePath(url);
          media.push([sitePath, sourceUrl]);
          return sitePath;
        },
      });
      result = { mediaPlaces, html: rendered.html, issues: rendered.issues, media };
      if (cacheable) renderedByBlocks.set(blocks, result);
    }
    for (const [sitePath, sourceUrl] of result.media) this.addMedia(sitePath, sourceUrl, true);
    for (const issue of result.issues) {
      this.report({ kind: issue.kind, type, documentId, locale, field: `${field}.${issue.path}`, message: `${type} ${documentId} (${locale}) ${field}: ${issue.detail}` });
    }
    return result.html;
  }
}

const byText = compareText;

export const normalise = (snapshot: RawSnapshot, options: NormaliseOptions): ContentModel => {
  const memo = options.memo ?? BUILDS_MEMO;
  memo.descriptions.nextBuild();
  memo.mediaSitePaths.nextBuild();
  const n = new Normaliser(snapshot, options, memo);

  /** The fields every page-bearing document shares, from its raw form. */
  const baseOf = <T extends DocumentType>(
    type: T,
    raw: { documentId: string; slug: string; updatedAt: string; publishedAt: string },
    locale: Locale,
    title: string,
    description: string,
  ) => ({ type, documentId: raw.documentId, locale, slug: raw.slug, title, url: documentUrl(type, locale, raw.slug), description: memo.descriptions.get(description, (text) => summarise(text)), updatedAt: raw.updatedAt, publishedAt: raw.publishedAt });

  // A language is published when the CMS has it and its site settings are published: every
  // page shows them. One without them is left out, with a report entry, and the others publish.
  const settings: Partial<Record<Locale, SiteSettings>> = {};
  for (const locale of localesOf(snapshot)) {
    const raw = n.clean('site-setting', locale, snapshot.singles['site-setting']?.[locale] ?? null);
    const parsed = siteSettingsSchema.safeParse(raw);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || null;
      n.report({
        kind: 'invalid-document',
        type: 'site-setting',
        documentId: raw === null ? '(site settings)' : documentIdOf(raw),
        locale,
        field,
        message:
          raw === null
            ? `The ${locale} site is not published: its site settings are not published in "${locale}". Publish them in the CMS (Content Manager → Site settings).`
            : `The ${locale} site is not published: its site settings do not fit the content model at ${field ?? 'document'}: ${parsed.error.issues[0]?.message}. Fix them in the CMS.`,
      });
      continue;
    }
    const { siteName, communityName, description, footer, chairCity } = parsed.data;
    settings[locale] = { siteName, communityName, description, footer, chairCity: chairCity && { documentId: chairCity.documentId, name: chairCity.name, country: chairCity.country, countryCode: chairCity.countryCode } };
    n.locales.push(locale);
  }
  if (n.locales.length === 0) {
    throw new PipelineError(`No language can be published: ${localesOf(snapshot).length === 0 ? 'the CMS has none of the site\'s languages' : 'none has published site settings'}. Publish the site settings (Content Manager → Site settings) in at least one language.`, { type: 'site-setting' });
  }

  const rawStudies = n.parse('study', studySchema);
  const rawEvents = n.parse('event', eventSchema);
  const rawArticles = n.parse('article', articleSchema);
  const rawAxes = n.parse('axis', axisSchema);
  const rawPractices = n.parse('good-practice', goodPracticeSchema);
  n.register('study', rawStudies);
  n.register('event', rawEvents);
  n.register('article', rawArticles);
  n.register('axis', rawAxes);

  // Grouped once by the study and the axis they belong to: looked up per study and per axis.
  const practicesBy = (locale: Locale, keyOf: (p: RawGoodPractice) => string | undefined): Map<string, RawGoodPractice[]> => {
    const groups = new Map<string, RawGoodPractice[]>();
    for (const p of rawPractices[locale]) {
      const key = keyOf(p);
      if (key === undefined) continue;
      const group = groups.get(key);
      if (group) group.push(p);
      else groups.set(key, [p]);
    }
    return groups;
  };
  const { locales } = n;
  const practicesOfStudy = Object.fromEntries(locales.map((locale) => [locale, practicesBy(locale, (p) => p.study?.documentId)])) as Record<Locale, Map<string, RawGoodPractice[]>>;
  const practicesOfAxis = Object.fromEntries(locales.map((locale) => [locale, practicesBy(locale, (p) => p.axis?.documentId)])) as Record<Locale, Map<string, RawGoodPractice[]>>;
  const practices = (locale: Locale, group: RawGoodPractice[] | undefined): GoodPractice[] =>
    (group ?? [])
      .map((p) => ({
        documentId: p.documentId,
        title: p.title,
        descriptionHtml: n.html('good-practice', p.documentId, locale, 'description', p.description),
        city: p.city && { documentId: p.city.documentId, name: p.city.name, country: p.city.country, countryCode: p.city.countryCode },
        axis: p.axis && n.ref(p.axis.documentId, p.axis.name, locale, { type: 'good-practice', documentId: p.documentId, field: 'axis' }),
        sdgs: p.sdgs.map(({ number, name, color }) => ({ number, name, color })),
      }))
      .sort((a, b) => byText(a.title, b.title));

  const studies: Study[] = locales.flatMap((locale) =>
    rawStudies[locale].map((s: RawStudy): Study => {
      const group = practicesOfStudy[locale].get(s.documentId) ?? [];
      // Besides its own fields, a study shows its axes' URLs and its good practices (with their axes' URLs).
      const inputs = [locale, ...s.axes.map((axis) => n.urlOf(axis.documentId, locale)), ...group, ...group.map((p) => p.axis && n.urlOf(p.axis.documentId, locale))];
      return n.build(s, inputs, (): Study => ({
        ...baseOf('study', s, locale, s.title, s.theme),
        cover: n.cover('study', s, locale),
        seo: n.seo('study', s, locale),
        edition: s.edition,
        year: s.year,
        theme: s.theme,
        summaryHtml: n.html('study', s.documentId, locale, 'summary', s.summary),
        objectives: s.objectives,
        axes: [...s.axes].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((axis) => n.ref(axis.documentId, axis.name, locale, { type: 'study', documentId: s.documentId, field: 'axes' })),
        cityCount: s.cityCount,
        countryCount: s.countryCount,
        regions: s.regions,
        cities: s.cities.map(({ documentId, name, country, countryCode }) => ({ documentId, name, country, countryCode })).sort((a, b) => byText(a.name, b.name)),
        sdgs: s.sdgs.map(({ number, name, color }) => ({ number, name, color })).sort((a, b) => a.number - b.number),
        goodPractices: practices(locale, group),
        barriers: s.barriers,
        enablers: s.enablers,
        availableLanguages: s.availableLanguages,
        fullStudy: s.fullStudyFile && n.mediaFile(s.fullStudyFile, { type: 'study', documentId: s.documentId, locale, field: 'fullStudyFile' }),
        fullStudyUrl: s.fullStudyUrl,
        publicationDate: s.publicationDate,
      }));
    }),
  ).sort((a, b) => b.year - a.year || byText(a.title, b.title));

  const events: Event[] = locales.flatMap((locale) =>
    // An event shows nothing of other documents.
    rawEvents[locale].map((e: RawEvent): Event => n.build(e, [locale], (): Event => ({
      ...baseOf('event', e, locale, e.title, plainText(e.description)),
      cover: n.cover('event', e, locale),
      seo: n.seo('event', e, locale),
      kind: e.kind,
      startDate: e.startDate,
      endDate: e.endDate,
      startTime: e.startTime,
      endTime: e.endTime,
      timeZone: e.timeZone,
      format: e.format,
      venue: e.venue,
      city: e.city && { documentId: e.city.documentId, name: e.city.name, country: e.city.country, countryCode: e.city.countryCode },
      descriptionHtml: n.html('event', e.documentId, locale, 'description', e.description),
      highlights: e.highlights,
      organisers: e.organisers,
      infoUrl: e.infoUrl,
      registrationUrl: e.registrationUrl,
      accessibility: e.accessibility,
    }))),
  ).sort((a, b) => compareIso(b.startDate ?? '', a.startDate ?? '') || byText(a.title, b.title));

  const articles: Article[] = locales.flatMap((locale) =>
    // An article shows the URLs of the studies and events it links to (their titles are its own fields).
    rawArticles[locale].map((a: RawArticle): Article => n.build(a, [locale, ...a.studies.map((ref) => n.urlOf(ref.documentId, locale)), ...a.events.map((ref) => n.urlOf(ref.documentId, locale))], (): Article => ({
      ...baseOf('article', a, locale, a.title, a.excerpt ?? plainText(a.body)),
      cover: n.cover('article', a, locale),
      seo: n.seo('article', a, locale),
      date: a.date,
      excerpt: a.excerpt,
      bodyHtml: n.html('article', a.documentId, locale, 'body', a.body),
      studies: a.studies.map((ref) => n.ref(ref.documentId, ref.title, locale, { type: 'article', documentId: a.documentId, field: 'studies' })),
      events: a.events.map((ref) => n.ref(ref.documentId, ref.title, locale, { type: 'article', documentId: a.documentId, field: 'events' })),
    }))),
  ).sort((a, b) => compareIso(b.date, a.date) || byText(a.title, b.title));

  const axes: Axis[] = locales.flatMap((locale) =>
    rawAxes[locale].map((x: RawAxis): Axis => ({
      ...baseOf('axis', x, locale, x.name, x.description ?? x.name),
      cover: null,
      seo: null,
      name: x.name,
      position: x.position,
      axisDescription: x.description,
      studies: studies.filter((s) => s.locale === locale && s.axes.some((ref) => ref.documentId === x.documentId)).map((s) => n.ref(s.documentId, s.title, locale, { type: 'axis', documentId: x.documentId, field: 'studies' })),
      goodPractices: practices(locale, practicesOfAxis[locale].get(x.documentId)),
    })),
  ).sort((a, b) => a.position - b.position);

  // A translation that is missing gets no empty page; the editor hears about it once.
  const checked = new Set<string>();
  for (const [type, docs] of [['study', studies], ['event', events], ['article', articles], ['axis', axes]] as const) {
    for (const doc of docs) {
      if (checked.has(doc.documentId)) continue;
      checked.add(doc.documentId);
      const present = n.translations.get(doc.documentId) ?? {};
      for (const locale of locales.filter((l) => !present[l])) {
        n.report({ kind: 'missing-translation', type, documentId: doc.documentId, locale, field: null, message: `${type} "${doc.title}" (${doc.documentId}) is published in ${doc.locale} only; it has no ${locale} version.` });
      }
    }
  }

  const formerAddresses = followHistory(snapshot.history, [...studies, ...events, ...articles, ...axes], locales, n.issues);
  return { locales, settings, studies, events, articles, axes, translations: n.translations, media: n.media, issues: n.issues, formerAddresses };
};

/**
 * The former addresses and stale translations of the CMS's history, their issues added to
 * `issues`. A snapshot without history (a preview, an older state) has no former addresses; a
 * history that does not parse is a warning, never a failed build: every page still publishes.
 */
const followHistory = (raw: unknown, documents: readonly Addressed[], locales: readonly Locale[], issues: ContentIssue[]): FormerAddress[] => {
  if (raw === undefined) return [];
  const parsed = HistoryEnvelope.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    issues.push({
      kind: 'no-history', type: 'history', documentId: '(history)', locale: null, field: issue ? issue.path.join('.') || null : null,
      message: `The CMS's history of addresses and translations ${raw === null ? 'is not available (an older CMS?)' : `did not parse (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape'})`}: addresses that changed do not redirect in this build, and stale translations are not listed.`,
    });
    return [];
  }
  const former = formerAddressesOf(parsed.data.data, documents, locales);
  issues.push(...former.issues, ...staleTranslationIssues(parsed.data.data, documents), ...overdueScheduleIssues(parsed.data.data));
  return former.addresses;
};
