// Strapi types its plugin services as a generic bag of functions. The i18n locales service,
// which several modules call, is described here once, by the methods we use, behind one cast.
import type { Core } from '@strapi/strapi';

/** The i18n plugin's locales: the languages the CMS holds. */
interface LocaleService {
  find(params?: Record<string, unknown>): Promise<{ code: string }[]>;
  create(locale: { code: string; name: string }): Promise<unknown>;
  getDefaultLocale(): Promise<string>;
  setDefaultLocale(locale: { code: string }): Promise<unknown>;
}

export const localeService = (strapi: Core.Strapi): LocaleService =>
  strapi.plugin('i18n').service('locales') as unknown as LocaleService;

/** The codes of the locales the CMS holds, in the order it lists them. */
export const localeCodes = async (strapi: Core.Strapi): Promise<string[]> =>
  (await localeService(strapi).find()).map((locale) => locale.code);
