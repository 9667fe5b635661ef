// Reads from the database kept in memory until a row they came from may have changed.
//
// Any write to one of the watched models (its before and after lifecycle events, and again
// when the transaction that made it commits, since a read between the two could still see the
// old row) forgets everything kept. Writes that bypass the lifecycles (another instance of the
// CMS on the same database, a data transfer, a hand-run SQL statement) are bounded by `ttlMs`:
// past it a value is read again. A read that started before a write is never kept: its answer
// may predate the write.
import type { Core } from '@strapi/strapi';

export interface KeptReads<V> {
  /** The kept value for `key`, or `read()`'s answer, kept when it is not null. */
  get(key: string, read: () => Promise<V | null>): Promise<V | null>;
  /** Forgets everything kept. */
  clear(): void;
}

export interface KeptReadsOptions {
  /** How long a value may be served without a write being seen. */
  ttlMs: number;
  /** Past this many keys everything is forgotten; keys come from callers' input. */
  maxEntries: number;
  now?: () => number;
}

/** The store alone: what is kept, for how long, and which reads may be kept. */
export const createKeptReads = <V>({ ttlMs, maxEntries, now = Date.now }: KeptReadsOptions): KeptReads<V> => {
  const entries = new Map<string, { value: V; readAt: number }>();
  // Bumped by every clear: a read that saw another generation at its start is not kept.
  let generation = 0;
  return {
    async get(key, read) {
      const kept = entries.get(key);
      if (kept && now() - kept.readAt < ttlMs) return kept.value;
      const startedIn = generation;
      const readAt = now();
      const value = await read();
      if (value !== null && startedIn === generation) {
        if (entries.size >= maxEntries) entries.clear();
        entries.set(key, { value, readAt });
      }
      return value;
    },
    clear() {
      generation += 1;
      entries.clear();
    },
  };
};

const WRITES = ['Create', 'CreateMany', 'Update', 'UpdateMany', 'Delete', 'DeleteMany'];

/** Calls `forget` on every write to one of `models`, and again when its transaction commits. */
const forgetOnWrites = (strapi: Core.Strapi, models: string[], forget: () => void): void => {
  const forgetNowAndOnCommit = async (): Promise<void> => {
    forget();
    // Joins the write's transaction and forgets again once it commits (outside a transaction
    // this opens and commits an empty one: writes to these models are rare).
    await strapi.db.transaction(async ({ onCommit }) => onCommit(forget));
  };
  // An object subscriber with its models and actions: Strapi calls a function subscriber for
  // every query of every model, reads included.
  strapi.db.lifecycles.subscribe({
    models,
    ...Object.fromEntries(WRITES.flatMap((write) => [[`before${write}`, forget], [`after${write}`, forgetNowAndOnCommit]])),
  });
};

/** Reads of `models` kept until one of them is written, or `ttlMs` passes. */
export const keepReadsUntilChange = <V>(strapi: Core.Strapi, options: KeptReadsOptions & { models: string[] }): KeptReads<V> => {
  const kept = createKeptReads<V>(options);
  forgetOnWrites(strapi, options.models, kept.clear);
  return kept;
};
