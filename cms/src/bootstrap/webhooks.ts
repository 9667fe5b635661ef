// Strapi tells the pipeline about every change, configured here rather than by hand so a
// fresh database is wired like the last one. Strapi does not retry failed deliveries; the
// pipeline's periodic rebuild covers what gets lost.
import type { Core } from '@strapi/strapi';
import { LOCALE_EVENTS } from './locale-events';

const WEBHOOK_NAME = 'pipeline-rebuild';
const WEBHOOK_EVENTS = [
  'entry.update',
  'entry.delete',
  'entry.publish',
  'entry.unpublish',
  'media.create',
  'media.update',
  'media.delete',
  // Adding or deleting a language (see locale-events).
  ...Object.values(LOCALE_EVENTS),
];

interface Webhook {
  id: string;
  name: string;
  url: string;
  headers: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

interface WebhookStore {
  findWebhooks(): Promise<Webhook[]>;
  createWebhook(data: Omit<Webhook, 'id' | 'isEnabled'>): Promise<Webhook>;
  updateWebhook(id: string, data: Omit<Webhook, 'id'>): Promise<Webhook | null>;
}

interface WebhookRunner {
  add(webhook: Webhook): void;
  update(webhook: Webhook): void;
}

export const ensurePipelineWebhook = async (strapi: Core.Strapi): Promise<void> => {
  const url = process.env.PIPELINE_WEBHOOK_URL || 'http://127.0.0.1:8080/hooks/strapi';
  const token = process.env.WEBHOOK_TOKEN;
  if (!token) throw new Error('WEBHOOK_TOKEN is not set: the pipeline would refuse every webhook');
  const wanted = { name: WEBHOOK_NAME, url, headers: { Authorization: `Bearer ${token}` }, events: WEBHOOK_EVENTS };

  const store = strapi.get('webhookStore') as WebhookStore;
  const runner = strapi.get('webhookRunner') as WebhookRunner;
  const existing = (await store.findWebhooks()).find((webhook) => webhook.name === WEBHOOK_NAME);
  if (!existing) {
    runner.add(await store.createWebhook(wanted));
    return;
  }
  const unchanged =
    existing.url === wanted.url && existing.isEnabled && JSON.stringify(existing.headers) === JSON.stringify(wanted.headers) && JSON.stringify(existing.events) === JSON.stringify(wanted.events);
  // Strapi loaded the webhooks it found before this ran: another instance sharing the database
  // may have made this one since. Registering it again is harmless (update removes, then adds).
  if (unchanged) {
    runner.update(existing);
    return;
  }
  const updated = await store.updateWebhook(existing.id, { ...wanted, isEnabled: true });
  if (updated) runner.update(updated);
};
