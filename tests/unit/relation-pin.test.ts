// Behind the front door, the draft guard pins every relation a filter follows to published
// rows (cms/src/security/draft-guard.ts): inside $and, $or and $not, through components, at any
// depth, for every target that has drafts; a target without drafts, and the row's own fields,
// are left as they were asked.
import { pinRelationsToPublished, type GuardModels } from '../../cms/src/security/draft-guard.js';

type Model = NonNullable<ReturnType<GuardModels>>;
const MODELS: GuardModels = (uid) =>
  (<Record<string, Model>>{
    'api::study.study': { options: { draftAndPublish: true }, attributes: { title: { type: 'string' }, axes: { type: 'relation', target: 'api::axis.axis' }, localizations: { type: 'relation', target: 'api::study.study' }, block: { type: 'component', component: 'shared.block' }, createdBy: { type: 'relation', target: 'admin::user' } } },
    'api::axis.axis': { options: { draftAndPublish: true }, attributes: { name: { type: 'string' }, studies: { type: 'relation', target: 'api::study.study' } } },
    'shared.block': { attributes: { study: { type: 'relation', target: 'api::study.study' } } },
    'admin::user': { attributes: { firstname: { type: 'string' } } },
  })[uid];

const PUBLISHED = { publishedAt: { $notNull: true } };

test('every relation into a type with drafts is pinned, at any depth and under every logical operator', () => {
  const asked = {
    title: { $contains: 'x' },
    localizations: { title: { $contains: 'secret' } },
    $or: [{ axes: { documentId: { $eq: 'a' } } }, { $not: { axes: { studies: { title: { $eq: 'y' } } } } }],
    block: { study: { title: { $eq: 'z' } } },
    createdBy: { firstname: { $eq: 'Ana' } },
  };
  expect(pinRelationsToPublished(asked, 'api::study.study', MODELS)).toEqual({
    title: { $contains: 'x' },
    localizations: { title: { $contains: 'secret' }, ...PUBLISHED },
    $or: [{ axes: { documentId: { $eq: 'a' }, ...PUBLISHED } }, { $not: { axes: { studies: { title: { $eq: 'y' }, ...PUBLISHED }, ...PUBLISHED } } }],
    block: { study: { title: { $eq: 'z' }, ...PUBLISHED } },
    // Admin users have no drafts.
    createdBy: { firstname: { $eq: 'Ana' } },
  });
});

test('the filters asked are not changed in place', () => {
  const asked = { axes: { documentId: { $eq: 'a' } } };
  pinRelationsToPublished(asked, 'api::study.study', MODELS);
  expect(asked).toEqual({ axes: { documentId: { $eq: 'a' } } });
});
