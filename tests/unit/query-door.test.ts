// The content API's front door, on the real schemas and the query-string parser Strapi uses:
// every query the pipeline sends gets through, and every way through a relation that could
// reach a draft row is refused, for every relation the schemas have (generated from them).
import qs from 'qs';
import { checkContentQuery, type DoorAttribute, type DoorModel, type ModelLookup } from '../../cms/src/security/query-door.js';
import { COLLECTION_QUERIES, localeQuery } from '../../scripts/fetch/queries.js';
import { ADMIN_USER, componentSchemas, contentTypeSchemas, relationsOf, UPLOAD_FILE, type ContentTypeSchema } from '../support/cms-schemas.js';

const TYPES = contentTypeSchemas();
const COMPONENTS = componentSchemas();

/** What Strapi adds to every content type's attributes at run time (see cms-schemas). */
const runtimeModel = (type: ContentTypeSchema): DoorModel => ({
  attributes: {
    ...(type.attributes as Record<string, DoorAttribute>),
    documentId: { type: 'string' },
    locale: { type: 'string' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
    publishedAt: { type: 'datetime' },
    createdBy: { type: 'relation', target: ADMIN_USER, private: true },
    updatedBy: { type: 'relation', target: ADMIN_USER, private: true },
    localizations: { type: 'relation', target: type.uid, unstable_virtual: true },
  },
});

const MODELS: ModelLookup = (uid) => {
  const type = TYPES.find((t) => t.uid === uid);
  if (type) return runtimeModel(type);
  const component = COMPONENTS.get(uid);
  if (component) return { attributes: component as Record<string, DoorAttribute> };
  if (uid === UPLOAD_FILE) return { attributes: { name: { type: 'string' }, alternativeText: { type: 'string' }, caption: { type: 'string' }, url: { type: 'string' }, hash: { type: 'string' }, ext: { type: 'string' }, mime: { type: 'string' }, width: { type: 'integer' }, height: { type: 'integer' }, size: { type: 'decimal' }, related: { type: 'relation', target: 'morph' } } };
  if (uid === ADMIN_USER) return { attributes: { firstname: { type: 'string' }, email: { type: 'email' }, password: { type: 'password', private: true } } };
  return undefined;
};

// As Strapi's query middleware parses a query string (core/dist/middlewares/query.js).
const parse = (query: string): Record<string, unknown> => qs.parse(query, { strictNullHandling: true, arrayLimit: 100, depth: 20 }) as Record<string, unknown>;
const check = (uid: string, query: string, shape: 'list' | 'one' = 'list') => checkContentQuery(parse(query), uid, shape, MODELS);
const uidOf = (type: string): string => `api::${type}.${type}`;

describe('the pipeline’s own queries all get through', () => {
  test.each(COLLECTION_QUERIES.map((q) => [q.type, q] as const))('%s: the build’s reads, keyset pages, change reads and relation reads', (_type, spec) => {
    const uid = uidOf(spec.type);
    const shape = spec.kind === 'collection' ? 'list' : 'one';
    const base = localeQuery(spec, 'es');
    expect(check(uid, base.toString(), shape)).toBeNull();
    if (spec.kind !== 'collection') return;
    const keyset = new URLSearchParams(base);
    keyset.set('sort[0]', 'documentId:asc');
    keyset.set('filters[documentId][$gt]', 'k3v8w0q1r9t2y5u7i4o6p0a2');
    keyset.set('pagination[pageSize]', '100');
    keyset.set('pagination[withCount]', 'false');
    expect(check(uid, keyset.toString())).toBeNull();
    const changed = new URLSearchParams(base);
    changed.set('filters[$or][0][updatedAt][$gt]', '2026-12-04T10:00:00.000Z');
    changed.set('filters[$or][1][publishedAt][$gt]', '2026-12-04T10:00:00.000Z');
    expect(check(uid, changed.toString())).toBeNull();
    // The documents that point at changed ones, 40 at a time, by every relation the query populates.
    const relations = Object.keys(spec.spec.populate ?? {}).filter((field) => TYPES.find((t) => t.uid === uid)?.attributes[field]?.type === 'relation');
    if (relations.length > 0) {
      const pointing = new URLSearchParams(base);
      for (let i = 0; i < 40; i += 1) pointing.set(`filters[$or][${i}][${relations[i % relations.length]}][documentId][$eq]`, `doc${i}xxxxxxxxxxxxxxxxxxxx`);
      expect(check(uid, pointing.toString())).toBeNull();
    }
    // The preview server reads one draft by documentId.
    const preview = new URLSearchParams(base);
    preview.set('status', 'draft');
    preview.set('filters[documentId][$eq]', 'k3v8w0q1r9t2y5u7i4o6p0a2');
    expect(check(uid, preview.toString())).toBeNull();
    expect(check(uid, 'fields[0]=updatedAt&locale=en&status=published')).toBeNull();
  });

  test('populate=* at the top, as a plain client asks, gets through; below the top it does not', () => {
    expect(check('api::study.study', 'populate=*&locale=en')).toBeNull();
    expect(check('api::study.study', 'populate[axes][populate]=*')?.param).toBe('populate[axes][populate]');
  });
});

describe('every relation of every type, generated from the schemas', () => {
  const cases = TYPES.flatMap((type) => relationsOf(type).map((relation) => [type.uid, relation.name, relation] as const));

  test.each(cases)('%s: %s is never followed to anything but a documentId, nor sorted, nor populated with conditions', (uid, name, relation) => {
    const refusedFilters = [
      `filters[${name}][name][$contains]=x`,
      `filters[${name}][title][$eq]=x`,
      `filters[${name}][publishedAt][$null]=true`,
      `filters[$or][0][${name}][text][$contains]=x`,
      `filters[$not][${name}][id][$gt]=0`,
      `filters[${name}][$null]=true`,
      `filters[${name}][documentId][$contains]=x`,
      `filters[${name}][documentId][$eq]=x&filters[${name}][name][$eq]=y`,
      `filters[${name}][localizations][documentId][$eq]=x`,
    ];
    for (const query of refusedFilters) expect([query, check(uid, query)?.status]).toEqual([query, 400]);
    for (const query of [`sort=${name}.name:asc`, `sort[0][${name}][name]=asc`, `sort[0]=${name}:asc`]) expect([query, check(uid, query)?.status]).toEqual([query, 400]);
    for (const query of [`populate[${name}][filters][name][$eq]=x`, `populate[${name}][sort]=name`, `populate[${name}][count]=true`, `populate[${name}][on][x]=true`, `populate[${name}]=*`]) {
      expect([query, check(uid, query)?.status]).toEqual([query, 400]);
    }
    // Only a relation schema.json declares, to a content type, may be named by documentId or populated.
    const followable = relation.declared && relation.kind === 'relation';
    expect([uid, name, check(uid, `filters[${name}][documentId][$eq]=abc`)]).toEqual([uid, name, followable ? null : expect.objectContaining({ status: 400 })]);
    expect([uid, name, check(uid, `populate[${name}]=true`)]).toEqual([uid, name, relation.declared ? null : expect.objectContaining({ status: 400 })]);
  });
});

describe('media inside components (the search-and-social fields’ share image), generated from the schemas', () => {
  const cases = TYPES.flatMap((type) =>
    relationsOf(type)
      .filter((relation) => relation.kind === 'component')
      .flatMap((relation) => Object.entries(COMPONENTS.get(relation.target) ?? {}).filter(([, a]) => a.type === 'media').map(([media]) => [type.uid, relation.name, media] as const)),
  );

  test('there is such a field (so the cases below run)', () => {
    expect(cases).toEqual(expect.arrayContaining([['api::study.study', 'seo', 'shareImage'], ['api::event.event', 'seo', 'shareImage'], ['api::article.article', 'seo', 'shareImage']]));
  });

  test.each(cases)('%s: %s.%s is read with fields only, never followed further, filtered or sorted', (uid, component, media) => {
    expect(check(uid, `populate[${component}][fields][0]=metaTitle&populate[${component}][populate][${media}][fields][0]=url&populate[${component}][populate][${media}][fields][1]=alternativeText`)).toBeNull();
    expect(check(uid, `populate[${component}][populate][${media}]=true`)).toBeNull();
    for (const query of [
      `populate[${component}][populate][${media}][populate][related]=true`,
      `populate[${component}][populate][${media}][populate]=*`,
      `populate[${component}][populate]=*`,
      `populate[${component}][populate][${media}][filters][name][$eq]=x`,
      `populate[${component}][filters][metaTitle][$eq]=x`,
      `filters[${component}][${media}][name][$contains]=x`,
      `filters[${component}][metaTitle][$eq]=x`,
      `sort=${component}.metaTitle:asc`,
      `fields[0]=${component}`,
    ]) {
      expect([query, check(uid, query)?.status]).toEqual([query, 400]);
    }
  });
});

describe('what reaches the database as a 500 is a 400 here', () => {
  test.each([
    ['filters[title][$eq][$ne]=x', 'filters[title][$eq]'],
    ['filters[year][$gt]=abc', 'filters[year][$gt]'],
    ['filters[year][$gt]=99999999999', 'filters[year][$gt]'],
    ['filters[year][$contains]=20', 'filters[year][$contains]'],
    ['filters[publicationDate][$eq]=2026-02-30', 'filters[publicationDate][$eq]'],
    ['filters[updatedAt][$gt]=yesterday', 'filters[updatedAt][$gt]'],
    ['filters[title][$in][0][$eq]=x', 'filters[title][$in]'],
    ['filters[title][$null]', 'filters[title][$null]'],
    ['filters[title][$between][0]=a', 'filters[title][$between]'],
    ['filters[$or]=x', 'filters[$or]'],
    ['filters[$or][0]=x', 'filters[$or][0]'],
    ['filters=notanobject', 'filters'],
    ['filters[summary][$contains]=x', 'filters[summary]'],
    ['filters[nope][$eq]=x', 'filters[nope]'],
    ['sort=title:sideways', 'sort'],
    ['sort=summary:asc', 'sort'],
    ['fields[0]=axes', 'fields[0]'],
    ['fields[0]=localizations', 'fields[0]'],
    ['_q=anything', '_q'],
    ['unknownParam=1', 'unknownParam'],
    ['status=maybe', 'status'],
  ])('%s is refused, naming %s', (query, param) => {
    expect(check('api::study.study', query)).toEqual(expect.objectContaining({ status: 400, param }));
  });

  test('draft selectors are refused as forbidden, whatever the token', () => {
    for (const query of ['publicationFilter=never-published', 'hasPublishedVersion=false', 'status=published&status=draft']) expect(check('api::study.study', query)?.status).toBe(403);
  });

  test('one document takes no filters, sorts or pages', () => {
    for (const query of ['filters[title][$eq]=x', 'sort=title', 'pagination[page]=2']) expect(check('api::site-setting.site-setting', query, 'one')?.status).toBe(400);
    expect(check('api::site-setting.site-setting', 'fields[0]=siteName&populate[chairCity][fields][0]=name&locale=es&status=published', 'one')).toBeNull();
  });

  test('a query holds a bounded number of conditions, nested a bounded number of times', () => {
    const many = Array.from({ length: 201 }, (_, i) => `filters[$or][${i}][title][$eq]=t${i}`).join('&');
    expect(check('api::study.study', many)?.status).toBe(400);
    const deep = `filters${'[$not]'.repeat(12)}[title][$eq]=x`;
    expect(check('api::study.study', deep)?.status).toBe(400);
    const fine = Array.from({ length: 150 }, (_, i) => `filters[$or][${i}][title][$eq]=t${i}`).join('&');
    expect(check('api::study.study', fine)).toBeNull();
  });

  test('operands that fit their field get through', () => {
    for (const query of [
      'filters[year][$between][0]=2020&filters[year][$between][1]=2023',
      'filters[year][$in][0]=2021&filters[year][$in][1]=2023',
      'filters[publicationDate][$lte]=2026-12-31',
      'filters[updatedAt][$gt]=2026-12-04T10:00:00Z',
      'filters[title][$not][$containsi]=smart',
      'filters[coverAlt][$null]=true',
      'sort[0]=year:desc&sort[1]=title',
      'sort=year:desc,title:asc',
      'fields=title,slug',
    ]) {
      expect([query, check('api::study.study', query)]).toEqual([query, null]);
    }
  });
});
