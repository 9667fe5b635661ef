// English is the default locale and Spanish its mirror; both must exist before anything
// is written in them.
import type { Core } from '@strapi/strapi';

const SITE_LOCALES = [
  { code: 'en', name: 'English (en)' },
  { code: 'es', name: 'Spanish (es)' },
] as const;

interface LocaleService {
  find(params?: Record<string, unknown>): Promise<{ code: string }[]>;
  create(locale: { code: string; name: string }): Promise<unknown>;
  getDefaultLocale(): Promise<string>;
  setDefaultLocale(locale: { code: string }): Promise<unknown>;
}

export const ensureLocales = async (strapi: Core.Strapi): Promise<void> => {
  const locales = strapi.plugin('i18n').service('locales') as unknown as LocaleService;
  const existing = new Set((await locales.find()).map((locale) => locale.code));
  for (const locale of SITE_LOCALES) {
    if (!existing.has(locale.code)) await locales.create(locale);
  }
  if ((await locales.getDefaultLocale()) !== 'en') await locales.setDefaultLocale({ code: 'en' });
};
