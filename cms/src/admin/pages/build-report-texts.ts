// The words of the build report's menu link and page, in the admin's two languages.
export const BUILD_REPORT_MENU = { id: 'build-report.menu', en: 'Build report', es: 'Informe de publicación' } as const;

const PAGE = {
  'build-report.intro': {
    en: 'What the last builds published, how long they took, and what needs fixing: documents left out, missing or outdated translations, broken links, images without alternative text.',
    es: 'Qué publicaron las últimas compilaciones, cuánto tardaron y qué hay que corregir: documentos que quedaron fuera, traducciones que faltan o están desfasadas, enlaces rotos, imágenes sin texto alternativo.',
  },
  'build-report.open': { en: 'Open the build report', es: 'Abrir el informe de publicación' },
  'build-report.opening': { en: 'Opening…', es: 'Abriendo…' },
  'build-report.opened': {
    en: 'The report opened in a new tab. If it did not, use this link (valid for a few minutes):',
    es: 'El informe se abrió en una pestaña nueva. Si no se abrió, use este enlace (válido unos minutos):',
  },
  'build-report.link': { en: 'Open the report here', es: 'Abrir el informe aquí' },
  'build-report.failed': {
    en: 'The CMS could not give a link to the report:',
    es: 'El CMS no pudo dar un enlace al informe:',
  },
} as const;

export type BuildReportText = keyof typeof PAGE;

export const buildReportMenuLabels = (language: 'en' | 'es'): Record<string, string> => ({
  [BUILD_REPORT_MENU.id]: BUILD_REPORT_MENU[language],
  ...Object.fromEntries(Object.entries(PAGE).map(([id, text]) => [id, text[language]])),
});

/** The English text of a page message, its default when no translation is loaded. */
export const englishOf = (id: BuildReportText): string => PAGE[id].en;
