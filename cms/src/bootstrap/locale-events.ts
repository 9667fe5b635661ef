// Strapi sends no webhook when an editor adds or deletes a locale, although deleting one
// deletes every document in it: the site kept the deleted language's pages until the next
// periodic rebuild. Locale changes become webhook events of their own here (locale.create,
// locale.update, locale.delete), which the pipeline's webhook is subscribed to like any entry
// event; the build then reads which languages the CMS has (see scripts/fetch/change-feed).
import type { Core } from '@strapi/strapi';

export const LOCALE_EVENTS = { LOCALE_CREATE: 'locale.create', LOCALE_UPDATE: 'locale.update', LOCALE_DELETE: 'locale.delete' } as const;

interface WebhookStore {
  addAllowedEvent(key: string, value: string): void;
}

interface LocaleRow {
  code?: string;
  name?: string;
  isDefault?: boolean;
}

/** Makes the events known to the webhook store (before any webhook names them) and emits them. */
export const emitLocaleEvents = (strapi: Core.Strapi): void => {
  const store = strapi.get('webhookStore') as WebhookStore;
  for (const [key, value] of Object.entries(LOCALE_EVENTS)) store.addAllowedEvent(key, value);
  const emit = (event: string, row: LocaleRow | undefined): void => {
    void strapi.eventHub.emit(event, { model: 'locale', uid: 'plugin::i18n.locale', entry: { code: row?.code ?? null, name: row?.name ?? null, isDefault: row?.isDefault ?? null } });
  };
  strapi.db.lifecycles.subscribe({
    models: ['plugin::i18n.locale'],
    afterCreate: (event) => emit(LOCALE_EVENTS.LOCALE_CREATE, event.result as LocaleRow | undefined),
    afterUpdate: (event) => emit(LOCALE_EVENTS.LOCALE_UPDATE, event.result as LocaleRow | undefined),
    afterDelete: (event) => emit(LOCALE_EVENTS.LOCALE_DELETE, event.result as LocaleRow | undefined),
  });
};
