// Every word of the interface is there in every language: the type catches a missing key at
// compile time, this catches an empty string and a nested dictionary (language names) whose
// keys differ between languages.
import { LABELS } from '../../domain/labels.js';

/** The paths of labels that are empty, or missing from a language while another has them. */
const gaps = (labels: Record<string, unknown>): string[] => {
  const found: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (value.trim() === '') found.push(path);
    } else if (value && typeof value === 'object') {
      for (const [key, nested] of Object.entries(value)) walk(nested, `${path}.${key}`);
    }
  };
  for (const [locale, set] of Object.entries(labels)) walk(set, locale);
  const keysOf = (value: object, prefix = ''): string[] =>
    Object.entries(value).flatMap(([key, nested]) => (nested && typeof nested === 'object' ? keysOf(nested, `${prefix}${key}.`) : [`${prefix}${key}`]));
  const every = new Set(Object.values(labels).flatMap((set) => keysOf(set as object)));
  for (const [locale, set] of Object.entries(labels)) {
    const keys = new Set(keysOf(set as object));
    for (const key of every) if (!keys.has(key)) found.push(`${locale}.${key} (missing)`);
  }
  return found;
};

test('no label is empty or missing in any language', () => {
  expect(gaps(LABELS)).toEqual([]);
});

test('the check finds an empty label and a language name one language lacks', () => {
  const broken = structuredClone(LABELS) as unknown as Record<string, Record<string, unknown>>;
  (broken.es as Record<string, unknown>).studies = ' ';
  delete ((broken.en as Record<string, Record<string, string>>).languageNames as Record<string, string>).fr;
  ((broken.es as Record<string, Record<string, string>>).languageNames as Record<string, string>).fr = 'francés';
  expect(gaps(broken)).toEqual(expect.arrayContaining(['es.studies', 'en.languageNames.fr (missing)']));
});
