// What set a server build off, from the reasons the scheduler was given: webhook events
// (entry.publish), `schedule:<what>` from scheduled rebuilds, 'periodic', 'retry' and the
// search index's later build. The scheduler merges a burst into one build, so one build may
// have several reasons: the trigger names the one an editor cares most about (their own
// publishing first) and keeps them all.
import { HISTORY_LISTED, type BuildTrigger, type TriggerDocument, type TriggerKind } from '../publish/build-history.js';
import type { BuildReport } from '../publish/report.js';
import { SEARCH_INDEX_REASON } from './search-index-later.js';
import type { WebhookPayload } from './webhook.js';

/** Reasons that start with this come from scheduled rebuilds (an event ending, a scheduled publication). */
export const SCHEDULE_PREFIX = 'schedule:';

export const reasonKind = (reason: string): TriggerKind => {
  if (reason.startsWith(SCHEDULE_PREFIX)) return 'schedule';
  if (reason === 'periodic') return 'periodic';
  if (reason === 'retry') return 'retry';
  if (reason === SEARCH_INDEX_REASON) return 'search-index';
  // Anything else is what the webhook said (entry.publish, media.update, …).
  return 'webhook';
};

/** When a build has several reasons, the first kind of this list present names it. */
const PRECEDENCE: TriggerKind[] = ['webhook', 'schedule', 'periodic', 'search-index', 'retry'];

export const triggerOf = (reasons: string[], documents: TriggerDocument[] = [], retryOf: BuildTrigger | null = null): BuildTrigger => {
  const kinds = new Set(reasons.map(reasonKind));
  const kind = PRECEDENCE.find((each) => kinds.has(each)) ?? 'manual';
  const trigger: BuildTrigger = { kind, reasons: [...new Set(reasons)] };
  if (kind === 'webhook' && documents.length > 0) trigger.documents = documents;
  if (kind === 'retry' && retryOf) trigger.retryOf = retryOf;
  return trigger;
};

export interface TriggerTracker {
  /** A webhook was accepted: remember the document it names for the build it sets off. */
  noteWebhook(payload: WebhookPayload): void;
  /** The trigger of a build the scheduler starts now with these reasons. */
  triggerFor(reasons: string[]): BuildTrigger;
  /** A build finished: a failed one is what the next retry retries. */
  built(report: BuildReport): void;
}

/**
 * Documents named by webhooks wait here until a build with webhook reasons starts, which takes
 * them all: the scheduler builds every event it was told of before that moment in that build.
 * A retry retries the last failed build; a retry of a retry still names the first.
 */
export const createTriggerTracker = (): TriggerTracker => {
  const pending = new Map<string, TriggerDocument>();
  let lastFailed: BuildTrigger | null = null;
  return {
    noteWebhook: (payload) => {
      const documentId = payload.entry?.documentId;
      if (!documentId || pending.size >= HISTORY_LISTED) return;
      const document: TriggerDocument = { model: payload.uid ?? payload.model ?? '', documentId, locale: payload.entry?.locale ?? null };
      pending.set(`${document.model} ${documentId} ${document.locale}`, document);
    },
    triggerFor: (reasons) => {
      const trigger = triggerOf(reasons, [...pending.values()], lastFailed);
      if (trigger.kind === 'webhook') pending.clear();
      return trigger;
    },
    built: (report) => {
      const trigger = report.trigger;
      lastFailed = report.status === 'ok' || !trigger ? null : trigger.kind === 'retry' ? (trigger.retryOf ?? trigger) : trigger;
    },
  };
};
