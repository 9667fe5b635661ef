// Loads the sample content into an empty database, once. A marker in Strapi's store records
// that it ran, so documents an editor later deletes are not brought back; a database that
// already holds content is never seeded.
import type { Core } from '@strapi/strapi';
import { toStrapiBlocks, toTextItems } from './blocks';
import { sampleContent } from './content';
import { uploadCover } from './covers';
import type { Locale, Localized, SampleContent, SeedSeo } from './types';

type ContentUid =
  | 'api::axis.axis'
  | 'api::sdg.sdg'
  | 'api::city.city'
  | 'api::study.study'
  | 'api::event.event'
  | 'api::article.article'
  | 'api::site-setting.site-setting';

// The generated types (types/generated) name each content type, so no cast is needed.
const documents = (strapi: Core.Strapi, uid: ContentUid) => strapi.documents(uid);

const MARKER = { type: 'core', name: 'sample-content', key: 'seeded-at' } as const;
const CONTENT_TYPES: ContentUid[] = ['api::study.study', 'api::event.event', 'api::article.article', 'api::axis.axis', 'api::sdg.sdg', 'api::city.city'];

/**
 * Creates one document in English, adds its Spanish version, and publishes both. `shared`
 * holds the fields both languages have in common (numbers, dates, relations, media).
 */
const createBilingual = async (
  strapi: Core.Strapi,
  uid: ContentUid,
  shared: Record<string, unknown>,
  localized: Localized<Record<string, unknown>>,
): Promise<string> => {
  const repository = documents(strapi, uid);
  const { documentId } = await repository.create({ locale: 'en', data: { ...shared, ...localized.en } });
  await repository.update({ documentId, locale: 'es', data: { ...shared, ...localized.es } });
  await repository.publish({ documentId, locale: '*' });
  return documentId;
};

/** Picks one language out of every Localized field named in `fields`. */
const pick = <T extends object, K extends keyof T>(source: T, fields: K[], locale: Locale): Record<string, unknown> =>
  Object.fromEntries(fields.map((field) => [field, (source[field] as Localized<unknown> | null)?.[locale] ?? null]));

const bothLocales = (make: (locale: Locale) => Record<string, unknown>): Localized<Record<string, unknown>> => ({ en: make('en'), es: make('es') });

const lookup = (ids: Map<string, string>, kind: string, key: string): string => {
  const id = ids.get(key);
  if (!id) throw new Error(`Sample content refers to the unknown ${kind} "${key}"`);
  return id;
};

const time = (value: string | null): string | null => (value ? `${value}:00.000` : null);

/**
 * The search-and-social fields of each language, where the sample sets them: the picture is
 * drawn and uploaded once, and both languages point at it with their own description.
 */
const seoOf = async (strapi: Core.Strapi, key: string, seo: SeedSeo | undefined): Promise<Localized<Record<string, unknown>>> => {
  if (!seo) return { en: {}, es: {} };
  const shareImage = await uploadCover(strapi, `share-${key}`, seo.image, seo.imageAlt.en);
  return bothLocales((l) => ({ seo: { metaTitle: seo.metaTitle[l], metaDescription: seo.metaDescription[l], shareImage, shareImageAlt: seo.imageAlt[l] } }));
};

const seed = async (strapi: Core.Strapi, content: SampleContent): Promise<Record<string, number>> => {
  const cities = new Map<string, string>();
  for (const city of content.cities) {
    cities.set(city.key, await createBilingual(strapi, 'api::city.city', { countryCode: city.countryCode }, bothLocales((l) => pick(city, ['name', 'country'], l))));
  }
  const axes = new Map<string, string>();
  for (const axis of content.axes) {
    axes.set(axis.key, await createBilingual(strapi, 'api::axis.axis', { position: axis.position }, bothLocales((l) => pick(axis, ['name', 'slug', 'description'], l))));
  }
  const sdgs = new Map<string, string>();
  for (const sdg of content.sdgs) {
    sdgs.set(String(sdg.number), await createBilingual(strapi, 'api::sdg.sdg', { number: sdg.number, color: sdg.color }, bothLocales((l) => ({ name: sdg.name[l] }))));
  }

  const studies = new Map<string, string>();
  for (const study of content.studies) {
    const cover = await uploadCover(strapi, `cover-${study.key}`, study.cover, study.coverAlt.en);
    const shared = {
      edition: study.edition,
      year: study.year,
      publicationDate: study.publicationDate,
      cityCount: study.cityCount,
      countryCount: study.countryCount,
      availableLanguages: study.availableLanguages.map((code) => ({ code })),
      cover,
      axes: study.axisKeys.map((key) => lookup(axes, 'axis', key)),
      sdgs: study.sdgNumbers.map((n) => lookup(sdgs, 'SDG', String(n))),
      cities: study.cityKeys.map((key) => lookup(cities, 'city', key)),
    };
    const seo = await seoOf(strapi, study.key, study.seo);
    const localized = bothLocales((l) => ({
      ...pick(study, ['title', 'slug', 'theme', 'regions', 'coverAlt'], l),
      ...seo[l],
      summary: toStrapiBlocks(study.summary[l]),
      objectives: toTextItems(study.objectives[l]),
      barriers: toTextItems(study.barriers[l]),
      enablers: toTextItems(study.enablers[l]),
    }));
    studies.set(study.key, await createBilingual(strapi, 'api::study.study', shared, localized));
  }

  const events = new Map<string, string>();
  for (const event of content.events) {
    const cover = await uploadCover(strapi, `cover-${event.key}`, event.cover, event.coverAlt.en);
    const shared = {
      kind: event.kind,
      startDate: event.startDate,
      endDate: event.endDate,
      startTime: time(event.startTime),
      endTime: time(event.endTime),
      timeZone: event.timeZone,
      format: event.format,
      city: event.cityKey ? lookup(cities, 'city', event.cityKey) : null,
      accessibility: event.accessibility,
      cover,
    };
    const seo = await seoOf(strapi, event.key, event.seo);
    const localized = bothLocales((l) => ({
      ...pick(event, ['title', 'slug', 'venue', 'coverAlt'], l),
      ...seo[l],
      description: toStrapiBlocks(event.description[l]),
      highlights: toTextItems(event.highlights[l]),
      organisers: toTextItems(event.organisers[l]),
    }));
    events.set(event.key, await createBilingual(strapi, 'api::event.event', shared, localized));
  }

  for (const article of content.articles) {
    const cover = await uploadCover(strapi, `cover-${article.key}`, article.cover, article.coverAlt.en);
    const shared = {
      date: article.date,
      cover,
      studies: article.studyKeys.map((key) => lookup(studies, 'study', key)),
      events: article.eventKeys.map((key) => lookup(events, 'event', key)),
    };
    const seo = await seoOf(strapi, article.key, article.seo);
    const localized = bothLocales((l) => ({ ...pick(article, ['title', 'slug', 'excerpt', 'coverAlt'], l), ...seo[l], body: toStrapiBlocks(article.body[l]) }));
    await createBilingual(strapi, 'api::article.article', shared, localized);
  }

  const { settings } = content;
  await createBilingual(
    strapi,
    'api::site-setting.site-setting',
    { chairCity: lookup(cities, 'city', settings.chairCityKey) },
    bothLocales((l) => pick(settings, ['siteName', 'communityName', 'description', 'footer'], l)),
  );

  return {
    cities: cities.size,
    axes: axes.size,
    sdgs: sdgs.size,
    studies: studies.size,
    events: events.size,
    articles: content.articles.length,
    'site settings': 1,
  };
};

export const seedSampleContent = async (strapi: Core.Strapi, content: SampleContent = sampleContent): Promise<void> => {
  const marker = strapi.store(MARKER);
  if (await marker.get({})) return;
  for (const uid of CONTENT_TYPES) {
    if ((await documents(strapi, uid).count({})) > 0) {
      strapi.log.info(`The database already holds ${uid} content: the sample content is not loaded`);
      await marker.set({ value: new Date().toISOString() });
      return;
    }
  }
  const started = Date.now();
  // One transaction: a seed that fails half-way leaves an empty database, so the next
  // start tries again instead of finding "content" and skipping.
  const counts = await strapi.db.transaction(() => seed(strapi, content));
  await marker.set({ value: new Date().toISOString() });
  const summary = Object.entries(counts).map(([type, n]) => `${n} ${type}`).join(', ');
  strapi.log.info(`Loaded the sample content in ${Date.now() - started} ms: ${summary}, each in English and Spanish`);
};
