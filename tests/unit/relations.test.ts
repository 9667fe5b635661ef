// One content model, written down in several places that must change together: the CMS's
// schema.json files, what the pipeline asks for (fetch/queries.ts), what an incremental build
// knows one type embeds of another (EMBEDS in fetch/incremental.ts), what the change feed
// answers for (FEED_TYPES) and what normalise checks (normalise/schemas.ts). This derives
// every relation from the schemas and fails when a place misses one: a relation added to a
// schema.json fails here until someone decides whether the site reads it.
import { FEED_TYPES } from '../../cms/src/api/change-feed/controllers/change-feed.js';
import { COLLECTION_QUERIES } from '../../scripts/fetch/queries.js';
import { EMBEDS } from '../../scripts/fetch/incremental.js';
import { articleSchema, axisSchema, eventSchema, goodPracticeSchema, siteSettingsSchema, studySchema } from '../../scripts/normalise/schemas.js';
import { contentTypeSchemas, relationsOf } from '../support/cms-schemas.js';

const TYPES = contentTypeSchemas();
const typeName = (uid: string): string => uid.replace(/^api::[^.]+\./, '');
const ZOD_SHAPES: Record<string, Record<string, unknown>> = {
  study: studySchema.shape,
  event: eventSchema.shape,
  article: articleSchema.shape,
  axis: axisSchema.shape,
  'good-practice': goodPracticeSchema.shape,
  'site-setting': siteSettingsSchema.shape,
};

/**
 * Relations the site does not read, each with why: the other side of a two-way relation, which
 * the pipeline reads from the side that owns it (and normalise joins), or one whose target the
 * site never shows.
 */
const NOT_READ: Record<string, string> = {
  'axis.studies': 'the other side of study.axes',
  'axis.goodPractices': 'the other side of good-practice.axis',
  'city.studies': 'the other side of study.cities',
  'city.events': 'the other side of event.city',
  'city.goodPractices': 'the other side of good-practice.city',
  'sdg.studies': 'the other side of study.sdgs',
  'sdg.goodPractices': 'the other side of good-practice.sdgs',
  'study.goodPractices': 'the other side of good-practice.study',
};

const cases = TYPES.flatMap((type) => relationsOf(type).filter((relation) => relation.declared).map((relation) => [`${typeName(type.uid)}.${relation.name}`, type, relation] as const));

test.each(cases)('%s is read by the pipeline, or listed as not read with a reason', (key, type, relation) => {
  const query = COLLECTION_QUERIES.find((q) => q.type === typeName(type.uid));
  const populated = query?.spec.populate?.[relation.name] !== undefined;
  if (!populated) {
    expect([key, NOT_READ[key]]).toEqual([key, expect.any(String)]);
    return;
  }
  expect([key, NOT_READ[key]]).toEqual([key, undefined]);
  // What the pipeline populates, normalise checks.
  expect([key, relation.name in (ZOD_SHAPES[typeName(type.uid)] ?? {})]).toEqual([key, true]);
  // A populated relation to another content type is a copy an incremental build must refresh
  // when the target changes: EMBEDS says so, with the right target.
  if (relation.kind === 'relation') expect([key, EMBEDS[typeName(type.uid)]?.[relation.name]?.target]).toEqual([key, typeName(relation.target)]);
});

test('every relation the pipeline populates or embeds exists in the schemas', () => {
  for (const query of COLLECTION_QUERIES) {
    const type = TYPES.find((t) => typeName(t.uid) === query.type);
    expect([query.type, type !== undefined]).toEqual([query.type, true]);
    for (const field of Object.keys(query.spec.populate ?? {})) expect([query.type, field, type?.attributes[field]?.type]).toEqual([query.type, field, expect.stringMatching(/^(relation|media|component)$/)]);
  }
  for (const [type, relations] of Object.entries(EMBEDS)) {
    for (const [field, { target }] of Object.entries(relations)) {
      const attribute = TYPES.find((t) => typeName(t.uid) === type)?.attributes[field];
      expect([type, field, attribute?.type, attribute?.target && typeName(attribute.target)]).toEqual([type, field, 'relation', target]);
    }
  }
});

test('the change feed answers for exactly the types the pipeline reads', () => {
  expect(Object.keys(FEED_TYPES).sort()).toEqual(COLLECTION_QUERIES.map((q) => q.type).sort());
  for (const [name, uid] of Object.entries(FEED_TYPES)) expect(TYPES.some((type) => type.uid === uid && typeName(uid) === name)).toBe(true);
});

test('every content type of the CMS is read by the pipeline', () => {
  expect(TYPES.map((type) => typeName(type.uid)).sort()).toEqual(COLLECTION_QUERIES.map((q) => q.type).sort());
});
