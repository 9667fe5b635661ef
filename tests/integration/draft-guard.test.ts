// The draft guard against every query shape a token holder can build from the schemas: every
// relation of every content type (those schema.json declares and those Strapi adds: i18n's
// localizations, createdBy, updatedBy), media and components, one and two relations deep,
// inside $or and $not, as filters, sorts and populates, through find and the export, in both
// locales, with the pipeline's build token and with Strapi's read-only and full-access token
// types. Every document's drafts carry a sentinel; no answer may contain it, and a filter
// that looks for it must answer exactly what the same filter answers for a word that appears
// nowhere: not even the count may tell that a draft matched.
import { loadCmsInstances, type CmsInstance } from '../support/cms-instances.js';
import { componentSchemas, contentTypeSchemas, relationsOf, textFieldsOf, UPLOAD_FILE, type ContentTypeSchema } from '../support/cms-schemas.js';
import { contentApi, documentIdOf, signInEditor, type Editor, type HttpResult } from '../support/strapi-http.js';

const LOCALES = ['en', 'es'] as const;
const SENTINEL = `zqdraft${Date.now().toString(36)}`;
// Looked for in place of the sentinel: a word no document holds, draft or published.
const CONTROL = `zqnowhere${Date.now().toString(36)}`;
const TYPES = contentTypeSchemas();
const COMPONENTS = componentSchemas();
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
// A 1×1 PNG: the smallest image the media library takes as one.
const PNG_1X1 = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
const collectionPath = (uid: string) => `/content-manager/collection-types/${uid}`;
const singlePath = (uid: string) => `/content-manager/single-types/${uid}`;

/**
 * A draft edit that writes the sentinel into every field an editor types text into, and, in a
 * component that holds media (the search-and-social fields' share image), points the media at
 * `draftFile`: an upload whose name, alternative text and caption carry the sentinel.
 */
const sentinelDraft = (type: ContentTypeSchema, draftFile: number): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(type.attributes).flatMap(([name, attribute]): [string, unknown][] => {
      if ((attribute.type === 'string' || attribute.type === 'text') && !attribute.regex) return [[name, `${SENTINEL} ${name}`]];
      if (attribute.type === 'blocks') return [[name, paragraph(`${SENTINEL} ${name}`)]];
      const component = attribute.type === 'component' && attribute.component ? COMPONENTS.get(attribute.component) : undefined;
      const writable = component && Object.values(component).every((a) => a.type === 'string' || a.type === 'text' || a.type === 'media');
      if (component && writable) {
        const item = Object.fromEntries(Object.entries(component).map(([field, a]) => [field, a.type === 'media' ? draftFile : `${SENTINEL} ${name}.${field}`]));
        return [[name, attribute.repeatable ? [item] : item]];
      }
      return [];
    }),
  );

/** The media fields of a component, by name. */
const mediaOf = (component: string): string[] => Object.entries(COMPONENTS.get(component) ?? {}).filter(([, a]) => a.type === 'media').map(([field]) => field);

/** The endpoints that read a type: find (and findOne's list form) and, for collections, the export. */
const endpointsOf = (type: ContentTypeSchema): string[] => (type.kind === 'collectionType' ? [type.pluralName, `export/${type.pluralName}`] : [type.singularName]);

/** A pair of queries differing only in the word looked for. */
interface ProbePair {
  query: (word: string) => string;
  label: string;
}

const sameAnswer = (a: HttpResult, b: HttpResult): boolean => {
  const view = (result: HttpResult) => JSON.stringify([result.status, (result.json as { data?: unknown } | null)?.data ?? null, (result.json as { meta?: unknown } | null)?.meta ?? null]);
  return view(a) === view(b);
};

/** Runs `work` over `items`, four at a time. */
const inParallel = async <T>(items: T[], work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await work(item);
      }
    }),
  );
};

/** Every filter, populate and sort through a relation, one and two relations deep. */
const probesFor = (type: ContentTypeSchema): { pairs: ProbePair[]; reads: string[]; sorts: string[] } => {
  const pairs: ProbePair[] = [];
  const reads: string[] = [];
  const sorts: string[] = [];
  const ownField = Object.entries(type.attributes).find(([, a]) => a.type === 'string')?.[0] ?? 'documentId';
  for (const endpoint of endpointsOf(type)) {
    for (const locale of LOCALES) {
      const base = `${endpoint}?locale=${locale}&fields[0]=${ownField}`;
      for (const relation of relationsOf(type)) {
        for (const field of textFieldsOf(relation.target, TYPES, COMPONENTS)) {
          const through = `${relation.name}][${field}`;
          pairs.push(
            { label: `${base}&filters[${through}][$contains]=…`, query: (w) => `${base}&filters[${through}][$contains]=${w}` },
            { label: `${base}&filters[${through}][$eqi]=…`, query: (w) => `${base}&filters[${through}][$eqi]=${SENTINEL} ${w}` },
            { label: `${base}&filters[$or][0][${through}][$startsWith]=…`, query: (w) => `${base}&filters[$or][0][${through}][$startsWith]=${w}` },
            { label: `${base}&filters[$not][${through}][$contains]=…`, query: (w) => `${base}&filters[$not][${through}][$contains]=${w}` },
            { label: `${base}&populate[${relation.name}] filtered on ${field}`, query: (w) => `${base}&populate[${relation.name}][fields][0]=${field}&populate[${relation.name}][filters][${field}][$contains]=${w}` },
          );
          reads.push(`${base}&populate[${relation.name}][fields][0]=${field}`);
          sorts.push(`${base}&sort[0]=${relation.name}.${field}:asc`, `${base}&sort[0][${relation.name}][${field}]=desc`);
        }
        reads.push(`${base}&populate[${relation.name}]=true`, `${base}&populate[${relation.name}][populate]=*`);
        // Through a component to its media (a share image), as the pipeline reads it, and beyond.
        for (const media of relation.kind === 'component' ? mediaOf(relation.target) : []) {
          for (const field of textFieldsOf(UPLOAD_FILE, TYPES, COMPONENTS)) {
            reads.push(`${base}&populate[${relation.name}][populate][${media}][fields][0]=${field}`);
            pairs.push({ label: `${base}&filters[${relation.name}][${media}][${field}][$contains]=…`, query: (w) => `${base}&filters[${relation.name}][${media}][${field}][$contains]=${w}` });
          }
          reads.push(`${base}&populate[${relation.name}][populate][${media}]=true`, `${base}&populate[${relation.name}][populate][${media}][populate]=*`, `${base}&populate[${relation.name}][populate][${media}][populate][related]=true`);
        }
        if (locale !== 'en' || relation.kind !== 'relation' || !relation.declared) continue;
        // Two relations deep, from every declared relation.
        const next = TYPES.find((t) => t.uid === relation.target);
        if (!next) continue;
        for (const second of relationsOf(next)) {
          const [field] = textFieldsOf(second.target, TYPES, COMPONENTS);
          if (!field) continue;
          const through = `${relation.name}][${second.name}][${field}`;
          pairs.push({ label: `${base}&filters[${through}][$contains]=…`, query: (w) => `${base}&filters[${through}][$contains]=${w}` });
          reads.push(`${base}&populate[${relation.name}][populate][${second.name}][fields][0]=${field}`);
        }
      }
      reads.push(`${base.replace(`&fields[0]=${ownField}`, '')}&populate=*`);
    }
  }
  return { pairs, reads, sorts };
};

describe.each(loadCmsInstances())('the draft guard against every relation, on $database', (cms: CmsInstance) => {
  let editor: Editor;
  /** Drafts this file wrote, to discard afterwards: [uid, documentId | null (single type), locale]. */
  const edited: [string, string | null, string][] = [];
  const created: [string, string][] = [];
  const extraTokens: { id: number; accessKey: string; type: string }[] = [];
  /** The upload only drafts point at (a draft share image), deleted afterwards. */
  let draftFile = 0;

  beforeAll(async () => {
    editor = await signInEditor(cms);
    // Good practices are not in the sample content: one, published, pointing at everything it can.
    const first = async (plural: string): Promise<string> => ((await contentApi(cms, `${plural}?locale=en&fields[0]=documentId&pagination[pageSize]=1`, cms.buildToken)).json as { data: { documentId: string }[] }).data[0]!.documentId;
    const relations = { study: await first('studies'), city: await first('cities'), axis: await first('axes'), sdgs: [await first('sdgs')] };
    const practice = documentIdOf(
      await editor.send('POST', `${collectionPath('api::good-practice.good-practice')}/actions/publish?locale=en`, {
        title: 'Draft guard practice', description: paragraph('Published practice'),
        study: { connect: [{ documentId: relations.study, locale: 'en' }] }, city: { connect: [{ documentId: relations.city, locale: 'en' }] },
        axis: { connect: [{ documentId: relations.axis, locale: 'en' }] }, sdgs: { connect: relations.sdgs.map((documentId) => ({ documentId, locale: 'en' })) },
      }),
    );
    created.push(['api::good-practice.good-practice', practice]);
    await editor.send('POST', `${collectionPath('api::good-practice.good-practice')}/${practice}/actions/publish?locale=es`, { title: 'Práctica', description: paragraph('Práctica publicada') });

    // A study published in English whose Spanish version was never published (the review's case).
    const study = documentIdOf(
      await editor.send('POST', `${collectionPath('api::study.study')}/actions/publish?locale=en`, {
        title: 'Draft guard study', slug: `draft-guard-${Date.now()}`, edition: 97, year: 2097, theme: 'Published theme', summary: paragraph('Published summary'),
        axes: { connect: [{ documentId: relations.axis, locale: 'en' }] },
      }),
    );
    created.push(['api::study.study', study]);
    const neverPublished = await editor.send('PUT', `${collectionPath('api::study.study')}/${study}?locale=es`, { title: `${SENTINEL} es`, slug: `draft-guard-es-${Date.now()}`, edition: 97, year: 2097, theme: `${SENTINEL} theme`, summary: paragraph(SENTINEL) });
    expect(neverPublished.status).toBe(200);

    // Every published document of every type gets unpublished edits carrying the sentinel; a
    // media field in a component (the share image) points at an upload that says it too.
    draftFile = await editor.upload({ name: `${SENTINEL}.png`, type: 'image/png', bytes: PNG_1X1 }, { alternativeText: `${SENTINEL} alt`, caption: `${SENTINEL} caption` });
    for (const type of TYPES) {
      const data = sentinelDraft(type, draftFile);
      for (const locale of LOCALES) {
        if (type.kind === 'singleType') {
          expect((await editor.send('PUT', `${singlePath(type.uid)}?locale=${locale}`, data)).status).toBe(200);
          edited.push([type.uid, null, locale]);
          continue;
        }
        const listed = await contentApi(cms, `${type.pluralName}?locale=${locale}&fields[0]=documentId&pagination[pageSize]=100`, cms.buildToken);
        for (const { documentId } of (listed.json as { data: { documentId: string }[] }).data) {
          if (documentId === study) continue;
          const result = await editor.send('PUT', `${collectionPath(type.uid)}/${documentId}?locale=${locale}`, data);
          if (result.status !== 200) throw new Error(`draft edit of ${type.uid} ${documentId} (${locale}): ${result.status} ${result.text.slice(0, 300)}`);
          edited.push([type.uid, documentId, locale]);
        }
      }
    }
    // Strapi's own token types, as an operator could create them.
    for (const tokenType of ['read-only', 'full-access']) {
      const made = await editor.send('POST', '/admin/api-tokens', { name: `draft-guard-${tokenType}-${Date.now()}`, type: tokenType, lifespan: null });
      const { id, accessKey } = (made.json as { data: { id: number; accessKey: string } }).data;
      extraTokens.push({ id, accessKey, type: tokenType });
    }
  });

  afterAll(async () => {
    for (const { id } of extraTokens) await editor.send('DELETE', `/admin/api-tokens/${id}`);
    for (const [uid, documentId, locale] of edited) {
      await editor.send('POST', documentId === null ? `${singlePath(uid)}/actions/discard?locale=${locale}` : `${collectionPath(uid)}/${documentId}/actions/discard?locale=${locale}`, {});
    }
    for (const [uid, documentId] of created) await editor.send('DELETE', `${collectionPath(uid)}/${documentId}?locale=*`);
    if (draftFile) await editor.send('DELETE', `/upload/files/${draftFile}`);
  });

  test('the sentinel is in the drafts, where the preview token sees it (so the checks below can fail)', async () => {
    for (const type of TYPES) {
      const [endpoint] = endpointsOf(type);
      const result = await contentApi(cms, `${endpoint}?locale=es&status=draft`, cms.previewToken);
      expect([type.uid, result.status, result.text.includes(SENTINEL)]).toEqual([type.uid, 200, true]);
    }
    // The drafts' share images too: the upload whose name carries the sentinel.
    const withMedia = TYPES.flatMap((type) => relationsOf(type).filter((r) => r.kind === 'component' && mediaOf(r.target).length > 0).map((r) => [type, r.name, mediaOf(r.target)[0]] as const));
    expect(withMedia.length).toBeGreaterThan(0);
    for (const [type, component, media] of withMedia) {
      const [endpoint] = endpointsOf(type);
      const result = await contentApi(cms, `${endpoint}?locale=en&status=draft&populate[${component}][populate][${media}][fields][0]=name`, cms.previewToken);
      expect([type.uid, component, result.status, result.text.includes(`${SENTINEL}.png`)]).toEqual([type.uid, component, 200, true]);
    }
  });

  test.each(TYPES.map((type) => [type.uid, type] as const))('%s: no filter, populate or sort through any relation reads a draft', async (_uid, type) => {
    const { pairs, reads, sorts } = probesFor(type);
    const leaks: string[] = [];
    await inParallel(pairs, async (pair) => {
      const [looking, control] = [await contentApi(cms, pair.query(SENTINEL), cms.buildToken), await contentApi(cms, pair.query(CONTROL), cms.buildToken)];
      if (looking.status >= 500) leaks.push(`${pair.label}: ${looking.status}`);
      if (looking.text.includes(SENTINEL)) leaks.push(`${pair.label}: answers with draft text`);
      else if (!sameAnswer(looking, control)) leaks.push(`${pair.label}: answers differently when the word is in a draft (${looking.status} vs ${control.status})`);
    });
    await inParallel(reads, async (query) => {
      const result = await contentApi(cms, query, cms.buildToken);
      if (result.status >= 500) leaks.push(`${query}: ${result.status}`);
      if (result.text.includes(SENTINEL)) leaks.push(`${query}: answers with draft text`);
    });
    // A sort cannot be pinned to published rows the way a filter can: through a relation it
    // would order published documents by their drafts' words, so it is refused.
    await inParallel(sorts, async (query) => {
      const result = await contentApi(cms, query, cms.buildToken);
      if (result.status !== 400) leaks.push(`${query}: a sort through a relation answered ${result.status}, not 400`);
    });
    expect(leaks).toEqual([]);
    expect(pairs.length + reads.length).toBeGreaterThan(20);
  });

  test.each(['read-only', 'full-access'])("Strapi's %s token type reads no draft through a relation either", async (tokenType) => {
    const token = extraTokens.find((t) => t.type === tokenType)?.accessKey;
    if (!token) throw new Error(`no ${tokenType} token`);
    const leaks: string[] = [];
    const pairs = TYPES.flatMap((type) => probesFor(type).pairs.filter((pair) => !pair.label.startsWith('export/')));
    await inParallel(pairs, async (pair) => {
      const [looking, control] = [await contentApi(cms, pair.query(SENTINEL), token), await contentApi(cms, pair.query(CONTROL), token)];
      if (looking.text.includes(SENTINEL) || !sameAnswer(looking, control)) leaks.push(pair.label);
    });
    expect(leaks).toEqual([]);
  });

  test("the review's requests: a Spanish version never published is not readable through the English one's localizations", async () => {
    for (const endpoint of ['studies', 'export/studies']) {
      const ask = (word: string) => contentApi(cms, `${endpoint}?locale=en&fields[0]=title&filters[localizations][theme][$contains]=${word}`, cms.buildToken);
      const [looking, control] = [await ask(SENTINEL), await ask(CONTROL)];
      expect(sameAnswer(looking, control)).toBe(true);
      expect(looking.status).toBe(400);
    }
  });
});
