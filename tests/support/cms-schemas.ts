// The CMS's content model as its schema.json files declare it, plus the relations Strapi adds
// to every type at run time (i18n's `localizations`, the admin's `createdBy` and `updatedBy`).
// Tests generate their cases from this, so a type, field or relation added later is covered
// without anyone remembering to list it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cmsSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'cms', 'src');

export interface SchemaAttribute {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  regex?: string;
  private?: boolean;
  mappedBy?: string;
  inversedBy?: string;
}

export interface ContentTypeSchema {
  uid: string;
  kind: 'collectionType' | 'singleType';
  singularName: string;
  pluralName: string;
  attributes: Record<string, SchemaAttribute>;
}

interface RawSchema {
  kind: ContentTypeSchema['kind'];
  pluginOptions?: { 'content-manager'?: { visible?: boolean } };
  info: { singularName: string; pluralName: string };
  attributes: Record<string, SchemaAttribute>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/**
 * Every api:: content type editors write, from cms/src/api/<name>/content-types/<name>/schema.json;
 * `internal`: instead, those the builds keep for themselves (hidden from the content manager,
 * no content API routes: the publication records).
 */
export const contentTypeSchemas = ({ internal = false }: { internal?: boolean } = {}): ContentTypeSchema[] =>
  readdirSync(path.join(cmsSrc, 'api'))
    .flatMap((api) => {
      const dir = path.join(cmsSrc, 'api', api, 'content-types');
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return []; // an API without content types (the change feed)
      }
      return names.flatMap((name) => {
        const raw = readJson<RawSchema>(path.join(dir, name, 'schema.json'));
        if ((raw.pluginOptions?.['content-manager']?.visible === false) !== internal) return [];
        return { uid: `api::${api}.${name}`, kind: raw.kind, singularName: raw.info.singularName, pluralName: raw.info.pluralName, attributes: raw.attributes };
      });
    })
    .sort((a, b) => a.uid.localeCompare(b.uid));

/** Every component, by uid (category.name), from cms/src/components/<category>/<name>.json. */
export const componentSchemas = (): Map<string, Record<string, SchemaAttribute>> => {
  const components = new Map<string, Record<string, SchemaAttribute>>();
  const root = path.join(cmsSrc, 'components');
  for (const category of readdirSync(root)) {
    for (const file of readdirSync(path.join(root, category)).filter((name) => name.endsWith('.json'))) {
      components.set(`${category}.${file.replace(/\.json$/, '')}`, readJson<{ attributes: Record<string, SchemaAttribute> }>(path.join(root, category, file)).attributes);
    }
  }
  return components;
};

export const UPLOAD_FILE = 'plugin::upload.file';
export const ADMIN_USER = 'admin::user';

/** What a relation leads to: a content type, an upload or an admin user. */
export interface RelationPath {
  name: string;
  target: string;
  /** Declared in schema.json (false: added by Strapi to every type). */
  declared: boolean;
  kind: 'relation' | 'media' | 'component';
}

/** Every way out of a content type: its relations, media and components, and the ones Strapi adds. */
export const relationsOf = (schema: ContentTypeSchema): RelationPath[] => [
  ...Object.entries(schema.attributes).flatMap(([name, attribute]): RelationPath[] => {
    if (attribute.type === 'relation' && attribute.target) return [{ name, target: attribute.target, declared: true, kind: 'relation' }];
    if (attribute.type === 'media') return [{ name, target: UPLOAD_FILE, declared: true, kind: 'media' }];
    if (attribute.type === 'component' && attribute.component) return [{ name, target: attribute.component, declared: true, kind: 'component' }];
    return [];
  }),
  { name: 'localizations', target: schema.uid, declared: false, kind: 'relation' },
  { name: 'createdBy', target: ADMIN_USER, declared: false, kind: 'relation' },
  { name: 'updatedBy', target: ADMIN_USER, declared: false, kind: 'relation' },
];

/** Text fields an editor types into, which can therefore hold a draft's words. */
export const textFieldsOf = (target: string, types: ContentTypeSchema[], components: Map<string, Record<string, SchemaAttribute>>): string[] => {
  if (target === UPLOAD_FILE) return ['name', 'alternativeText', 'caption'];
  if (target === ADMIN_USER) return ['firstname', 'lastname', 'email'];
  const attributes = types.find((type) => type.uid === target)?.attributes ?? components.get(target) ?? {};
  return Object.entries(attributes)
    .filter(([, attribute]) => attribute.type === 'string' || attribute.type === 'text')
    .map(([name]) => name);
};
