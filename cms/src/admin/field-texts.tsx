// The edit view in the editor's interface language. Labels go through the admin's own
// translations: the Content Manager looks each one up by content type (or component) and
// field before it falls back to the label in "Configure the view", so the Spanish labels of
// src/admin-texts are given as translations. Descriptions are shown as stored, never
// translated, so a hook of the edit view (the one the i18n plugin uses to mark localized
// fields) swaps a description that is still the English text of src/admin-texts for a small
// component that says it in the interface language. A description an editor rewrote in
// "Configure the view" is shown as they wrote it.
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { componentTexts, contentTypeTexts, type Bilingual, type ModelTexts } from '../admin-texts/texts';

/** Where the Content Manager looks up a field's label: by content type, or by component. */
const labelKey = (kind: 'content-types' | 'components', uid: string, field: string): string => `content-manager.${kind}.${uid}.${field}`;

const labelsIn = (language: keyof Bilingual, kind: 'content-types' | 'components', texts: Record<string, ModelTexts>): Record<string, string> =>
  Object.fromEntries(Object.entries(texts).flatMap(([uid, model]) => Object.entries(model.fields).map(([field, { label }]) => [labelKey(kind, uid, field), label[language]])));

/** The content types' names in the menus, looked up by their displayName. */
const namesIn = (language: keyof Bilingual): Record<string, string> => Object.fromEntries(Object.values(contentTypeTexts).map((model) => [model.name.en, model.name[language]]));

/**
 * The Spanish interface's labels and names. English needs none: the English labels are in
 * the view settings themselves, where an editor may still adjust them.
 */
export const spanishLabels = (): Record<string, string> => ({
  ...namesIn('es'),
  ...labelsIn('es', 'content-types', contentTypeTexts),
  ...labelsIn('es', 'components', componentTexts),
});

/** Every description of src/admin-texts, by its English text (the text the view settings hold). */
const descriptionsByEnglish = new Map<string, Bilingual>(
  [...Object.values(contentTypeTexts), ...Object.values(componentTexts)].flatMap((model) => Object.values(model.fields).map(({ description }) => [description.en, description] as const)),
);

const InInterfaceLanguage = ({ text }: { text: Bilingual }): ReactNode => {
  const { locale } = useIntl();
  return locale.split('-')[0] === 'es' ? text.es : text.en;
};

interface EditField {
  hint?: ReactNode;
  [key: string]: unknown;
}

type Rows = EditField[][];

interface EditLayout {
  layout: Rows[];
  components: Record<string, { layout: Rows; [key: string]: unknown }>;
  [key: string]: unknown;
}

const inInterfaceLanguage = (field: EditField): EditField => {
  const text = typeof field.hint === 'string' ? descriptionsByEnglish.get(field.hint) : undefined;
  return text ? { ...field, hint: <InInterfaceLanguage text={text} /> } : field;
};

const eachRow = (rows: Rows): Rows => rows.map((row) => row.map(inInterfaceLanguage));

/** For the hook 'Admin/CM/pages/EditView/mutate-edit-view-layout'. */
export const describeInInterfaceLanguage = <Args extends { layout: EditLayout }>(args: Args): Args => ({
  ...args,
  layout: {
    ...args.layout,
    layout: args.layout.layout.map(eachRow),
    components: Object.fromEntries(Object.entries(args.layout.components).map(([uid, component]) => [uid, { ...component, layout: eachRow(component.layout) }])),
  },
});
