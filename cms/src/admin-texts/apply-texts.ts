// Writes the labels and descriptions of ./texts.ts into the Content Manager's view settings
// (what "Configure the view" edits, kept in Strapi's core store), through the
// content-manager plugin's own services. Only the label and description of the fields named
// there change: field order, sizes, visibility and every other setting stay as they are.
// Strapi's store writes nothing when the configuration is unchanged, so a restart is a no-op.
import type { Core } from '@strapi/strapi';
import { componentTexts, contentTypeTexts, type ModelTexts } from './texts';

interface FieldMetadata {
  edit?: Record<string, unknown> & { label?: string; description?: string };
  list?: Record<string, unknown> & { label?: string };
}

interface ViewConfiguration {
  metadatas?: Record<string, FieldMetadata>;
}

/** The part of the content-manager's content-types and components services used here. */
interface ConfigurationService {
  findConfiguration(model: { uid: string }): Promise<ViewConfiguration>;
  updateConfiguration(model: { uid: string }, configuration: { metadatas: Record<string, FieldMetadata> }): Promise<unknown>;
}

const configurations = (strapi: Core.Strapi, service: 'content-types' | 'components'): ConfigurationService =>
  strapi.plugin('content-manager').service(service) as unknown as ConfigurationService;

/** The metadatas with our labels and descriptions in, or null when they are all in already. */
export const withTexts = (metadatas: Record<string, FieldMetadata>, texts: ModelTexts, attributes: ReadonlySet<string>): Record<string, FieldMetadata> | null => {
  const next: Record<string, FieldMetadata> = { ...metadatas };
  let changed = false;
  for (const [name, { label, description }] of Object.entries(texts.fields)) {
    const current = metadatas[name];
    // A field the model lacks (the SEO component before it is merged, a field renamed since)
    // has no metadata to set; the Content Manager would drop one made up here anyway.
    if (!attributes.has(name) || !current?.edit) continue;
    const edit = { ...current.edit, label: label.en, description: description.en };
    // Relations and components have no list column; their list metadata is Strapi's to keep.
    const list = current.list ? { ...current.list, label: label.en } : undefined;
    if (current.edit.label === edit.label && current.edit.description === edit.description && current.list?.label === list?.label) continue;
    next[name] = { ...current, edit, ...(list ? { list } : {}) };
    changed = true;
  }
  return changed ? next : null;
};

const applyTo = async (strapi: Core.Strapi, service: 'content-types' | 'components', models: Record<string, { attributes: Record<string, unknown> }>, texts: Record<string, ModelTexts>): Promise<string[]> => {
  const updated: string[] = [];
  for (const [uid, modelTexts] of Object.entries(texts)) {
    const model = models[uid];
    if (!model) {
      strapi.log.debug(`Admin texts: no ${service === 'components' ? 'component' : 'content type'} ${uid} here; its texts wait until it exists`);
      continue;
    }
    const configuration = await configurations(strapi, service).findConfiguration({ uid });
    const metadatas = withTexts(configuration.metadatas ?? {}, modelTexts, new Set(Object.keys(model.attributes)));
    if (!metadatas) continue;
    await configurations(strapi, service).updateConfiguration({ uid }, { metadatas });
    updated.push(uid);
  }
  return updated;
};

/** Brings every label and description of ./texts.ts into the edit views; idempotent. */
export const ensureAdminTexts = async (strapi: Core.Strapi): Promise<void> => {
  const updated = [
    ...(await applyTo(strapi, 'components', strapi.components as unknown as Record<string, { attributes: Record<string, unknown> }>, componentTexts)),
    ...(await applyTo(strapi, 'content-types', strapi.contentTypes as unknown as Record<string, { attributes: Record<string, unknown> }>, contentTypeTexts)),
  ];
  if (updated.length > 0) strapi.log.info(`Admin texts: labels and descriptions written for ${updated.join(', ')}`);
};
