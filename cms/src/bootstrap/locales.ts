// English is the default locale and Spanish its mirror; both must exist before anything
// is written in them.
import type { Core } from '@strapi/strapi';
import { localeService } from '../utils/plugin-services';

const SITE_LOCALES = [
  { code: 'en', name: 'English (en)' },
  { code: 'es', name: 'Spanish (es)' },
] as const;

export const ensureLocales = async (strapi: Core.Strapi): Promise<void> => {
  const locales = localeService(strapi);
  const existing = new Set((await locales.find()).map((locale) => locale.code));
  for (const locale of SITE_LOCALES) {
    if (!existing.has(locale.code)) await locales.create(locale);
  }
  if ((await locales.getDefaultLocale()) !== 'en') await locales.setDefaultLocale({ code: 'en' });
};
