// What the pipeline asks Strapi for, type by type: explicit fields and populate, never
// `populate=*`, so a field added in the CMS reaches the site only when the code knows it.

/** Strapi's nested query shape (what the qs library would encode). */
export interface QuerySpec {
  fields?: string[];
  populate?: Record<string, true | QuerySpec>;
}

export interface CollectionQuery {
  /** Content type name, as in api::<type>.<type>. */
  type: string;
  path: string;
  kind: 'collection' | 'single';
  spec: QuerySpec;
}

const MEDIA: QuerySpec = { fields: ['url', 'hash', 'ext', 'mime', 'width', 'height', 'size', 'alternativeText', 'name'] };
const PLACE: QuerySpec = { fields: ['name', 'country', 'countryCode'] };
const SDG: QuerySpec = { fields: ['number', 'name', 'color'] };
const TITLE_REF: QuerySpec = { fields: ['title', 'slug'] };
const STAMPS = ['updatedAt', 'publishedAt', 'locale'];
/** The search-and-social fields (component shared.seo) of a page-bearing type. */
const SEO: QuerySpec = { fields: ['metaTitle', 'metaDescription', 'shareImageAlt'], populate: { shareImage: MEDIA } };

export const COLLECTION_QUERIES: CollectionQuery[] = [
  {
    type: 'study',
    path: '/api/studies',
    kind: 'collection',
    spec: {
      fields: ['title', 'slug', 'edition', 'year', 'theme', 'summary', 'cityCount', 'countryCount', 'regions', 'fullStudyUrl', 'coverAlt', 'publicationDate', ...STAMPS],
      populate: {
        objectives: true,
        barriers: true,
        enablers: true,
        availableLanguages: true,
        axes: { fields: ['name', 'slug', 'position'] },
        cities: PLACE,
        sdgs: SDG,
        cover: MEDIA,
        fullStudyFile: MEDIA,
        seo: SEO,
      },
    },
  },
  {
    type: 'event',
    path: '/api/events',
    kind: 'collection',
    spec: {
      fields: ['title', 'slug', 'kind', 'startDate', 'endDate', 'startTime', 'endTime', 'timeZone', 'format', 'venue', 'description', 'infoUrl', 'registrationUrl', 'coverAlt', ...STAMPS],
      populate: { highlights: true, organisers: true, accessibility: { populate: { captions: true } }, city: PLACE, cover: MEDIA, seo: SEO },
    },
  },
  {
    type: 'article',
    path: '/api/articles',
    kind: 'collection',
    spec: {
      fields: ['title', 'slug', 'date', 'excerpt', 'body', 'coverAlt', ...STAMPS],
      populate: { cover: MEDIA, studies: TITLE_REF, events: TITLE_REF, seo: SEO },
    },
  },
  { type: 'axis', path: '/api/axes', kind: 'collection', spec: { fields: ['name', 'slug', 'position', 'description', ...STAMPS] } },
  {
    type: 'good-practice',
    path: '/api/good-practices',
    kind: 'collection',
    spec: {
      fields: ['title', 'description', ...STAMPS],
      populate: { city: PLACE, axis: { fields: ['name', 'slug'] }, sdgs: SDG, study: { fields: ['title'] } },
    },
  },
  { type: 'sdg', path: '/api/sdgs', kind: 'collection', spec: { fields: ['number', 'name', 'color', ...STAMPS] } },
  { type: 'city', path: '/api/cities', kind: 'collection', spec: { fields: ['name', 'country', 'countryCode', ...STAMPS] } },
  {
    type: 'site-setting',
    path: '/api/site-setting',
    kind: 'single',
    spec: { fields: ['siteName', 'communityName', 'description', 'footer', ...STAMPS], populate: { chairCity: PLACE } },
  },
];

/**
 * Where the pipeline reads a type: collections through the CMS's bulk export
 * (/api/export/<plural>: find without the per-document output pass, for the build token
 * only; see cms/src/content-api/export-controller.ts), single types through find.
 */
export const readPathOf = (query: Pick<CollectionQuery, 'path' | 'kind'>): string => (query.kind === 'collection' ? query.path.replace(/^\/api\//, '/api/export/') : query.path);

/** Encodes a spec the way Strapi reads it: fields[0]=a&populate[x][fields][0]=b. */
const encodeSpec = (spec: QuerySpec, params = new URLSearchParams(), prefix = ''): URLSearchParams => {
  const key = (name: string): string => (prefix ? `${prefix}[${name}]` : name);
  spec.fields?.forEach((field, i) => params.append(`${key('fields')}[${i}]`, field));
  for (const [relation, nested] of Object.entries(spec.populate ?? {})) {
    if (nested === true) params.append(`${key('populate')}[${relation}]`, 'true');
    else encodeSpec(nested, params, `${key('populate')}[${relation}]`);
  }
  return params;
};

/** The query of one locale: published content only, asked for explicitly on every request. */
export const localeQuery = (query: CollectionQuery, locale: string): URLSearchParams => {
  const params = encodeSpec(query.spec);
  params.set('locale', locale);
  params.set('status', 'published');
  return params;
};
