// Words that only the PDF summary uses, in both languages. Everything the study page also
// says comes from domain/labels.ts, so a study reads the same on screen and on paper.
import type { Locale } from '../../domain/locales.js';

export interface PdfLabels {
  /** Kicker on the cover and the running footer. */
  studySummary: string;
  /** The line under the title: "Edition 5 · 2023". */
  editionLine: string;
  /** Said where a study names none of the smart-city axes: the section is never left out. */
  noAxes: string;
  /** Lead-in to the address of the study's page on the site. */
  readOnline: string;
  /** Closing line: which state of the study page the summary shows. */
  asOf: string;
}

export const PDF_LABELS: Record<Locale, PdfLabels> = {
  en: {
    studySummary: 'Study summary',
    editionLine: 'Edition {edition} · {year}',
    noAxes: 'This edition is not organised around the smart city axes.',
    readOnline: 'Read the study online',
    asOf: 'This summary shows the study as published on the site on {date}.',
  },
  es: {
    studySummary: 'Resumen del estudio',
    editionLine: 'Edición {edition} · {year}',
    noAxes: 'Esta edición no se organiza en torno a los ejes de la ciudad inteligente.',
    readOnline: 'Consulta el estudio en línea',
    asOf: 'Este resumen recoge el estudio tal como se publicó en el sitio el {date}.',
  },
};
