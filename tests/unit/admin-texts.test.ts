// The labels and descriptions of the admin's edit view (cms/src/admin-texts): one for every
// field of every content type and component, in English and Spanish, written into Strapi's
// view settings without touching the rest.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { withTexts } from '../../cms/src/admin-texts/apply-texts.js';
import { componentTexts, contentTypeTexts, type ModelTexts } from '../../cms/src/admin-texts/texts.js';
import { projectRoot } from '../../scripts/paths.js';
import { componentSchemas, contentTypeSchemas } from '../support/cms-schemas.js';

/** Texts written ahead of the SEO component (issue 19, part 6): a field it adds, or its own. */
const COMING = new Set(['seo', 'shared.seo']);

const models = (): [string, string[], ModelTexts | undefined][] => [
  ...contentTypeSchemas().map((schema): [string, string[], ModelTexts | undefined] => [schema.uid, Object.keys(schema.attributes), contentTypeTexts[schema.uid]]),
  ...[...componentSchemas()].map(([uid, attributes]): [string, string[], ModelTexts | undefined] => [uid, Object.keys(attributes), componentTexts[uid]]),
];

test.each(models())('every field of %s has a label and a description in English and Spanish', (uid, attributes, texts) => {
  expect(texts).toBeDefined();
  const missing = attributes.filter((name) => !texts!.fields[name]);
  expect({ uid, missing }).toEqual({ uid, missing: [] });
  for (const name of attributes) {
    const { label, description } = texts!.fields[name]!;
    for (const text of [label.en, label.es, description.en, description.es]) expect([uid, name, text.trim().length > 2]).toEqual([uid, name, true]);
    expect([uid, name, label.es === label.en && description.es === description.en]).toEqual([uid, name, false]);
  }
  // No text for a field the model lacks, but those the SEO work adds.
  const unknown = Object.keys(texts!.fields).filter((name) => !attributes.includes(name) && !COMING.has(name));
  expect({ uid, unknown }).toEqual({ uid, unknown: [] });
});

test('texts name no model that does not exist, but the coming SEO component', () => {
  const known = new Set(models().map(([uid]) => uid));
  expect([...Object.keys(contentTypeTexts), ...Object.keys(componentTexts)].filter((uid) => !known.has(uid) && !COMING.has(uid))).toEqual([]);
});

test("a content type's English name is its displayName, the key the admin's menu translates", () => {
  for (const schema of contentTypeSchemas()) {
    const [, api, name] = /^api::([^.]+)\.(.+)$/.exec(schema.uid)!;
    const raw = JSON.parse(readFileSync(path.join(projectRoot, 'cms', 'src', 'api', api!, 'content-types', name!, 'schema.json'), 'utf8')) as { info: { displayName: string } };
    expect([schema.uid, contentTypeTexts[schema.uid]!.name.en]).toEqual([schema.uid, raw.info.displayName]);
  }
});

test('an English description says one thing in Spanish wherever it is used, and labels hold no ICU syntax', () => {
  const spanishOf = new Map<string, Set<string>>();
  for (const model of [...Object.values(contentTypeTexts), ...Object.values(componentTexts)]) {
    for (const { label, description } of Object.values(model.fields)) {
      spanishOf.set(description.en, (spanishOf.get(description.en) ?? new Set()).add(description.es));
      expect(`${label.en} ${label.es} ${model.name.en} ${model.name.es}`).not.toMatch(/[{}]/);
    }
  }
  expect([...spanishOf].filter(([, spanish]) => spanish.size > 1)).toEqual([]);
});

describe('withTexts', () => {
  const texts: ModelTexts = {
    name: { en: 'Thing', es: 'Cosa' },
    fields: {
      title: { label: { en: 'Title', es: 'Título' }, description: { en: 'The title.', es: 'El título.' } },
      gone: { label: { en: 'Gone', es: 'Ido' }, description: { en: 'Not here.', es: 'No está.' } },
    },
  };
  const strapiDefaults = {
    title: { edit: { label: 'title', description: '', placeholder: 'Type it', visible: true, editable: false }, list: { label: 'title', searchable: true, sortable: true } },
    other: { edit: { label: 'Kept', description: 'Mine', visible: false, editable: true }, list: { label: 'Kept' } },
  };

  test('writes the label and description, and leaves every other setting and field as it was', () => {
    const next = withTexts(strapiDefaults, texts, new Set(['title', 'other']));
    expect(next).toEqual({
      title: { edit: { label: 'Title', description: 'The title.', placeholder: 'Type it', visible: true, editable: false }, list: { label: 'Title', searchable: true, sortable: true } },
      other: strapiDefaults.other,
    });
  });

  test('has nothing to write once the texts are in (a restart writes nothing)', () => {
    const once = withTexts(strapiDefaults, texts, new Set(['title', 'other']))!;
    expect(withTexts(once, texts, new Set(['title', 'other']))).toBeNull();
  });

  test('skips a field the model does not have, rather than making up its settings', () => {
    const next = withTexts(strapiDefaults, texts, new Set(['title', 'other']))!;
    expect(next).not.toHaveProperty('gone');
    expect(withTexts({}, texts, new Set(['title']))).toBeNull();
  });
});
