// Hashes kept from one build to the next in this process. Deciding what an edit touched means
// hashing every document's inputs, and after one edit nearly all of them are what they were:
// a value equal to the one kept under the same key (compared field by field, which mostly
// compares the very same strings) takes the kept hash without being serialised again.

/**
 * True when `a` and `b` are the same JSON value: plain objects with the same keys (in any
 * order: what a template shows does not depend on it) and equal values, arrays, and equal
 * primitives. Anything else (a Date, a Map, a class instance) counts as different, which
 * only costs hashing it again.
 */
export const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  // for…in, not Object.keys: it walks the keys without making an array of them, and after an
  // edit this runs over every field of every document of the site. (Plain objects only, whose
  // prototype has no enumerable keys.)
  let keys = 0;
  for (const key in a) {
    if (!Object.hasOwn(b, key) || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
    keys += 1;
  }
  for (const key in b) {
    if (!Object.hasOwn(a, key)) return false;
    keys -= 1;
  }
  return keys === 0;
};

export interface HashRound {
  /** The hash of `value`: the kept one when the value kept under `key` is equal, else `compute()`. */
  hash(key: string, value: unknown, compute: () => string): string;
  /** What this round hashed becomes what the next round compares against. */
  commit(): void;
}

/**
 * One store per kind of input. Values are kept by reference, so they must not change after
 * they are hashed (the pipeline's model does not change after the stage that hashes it).
 */
export class KeptHashes {
  private kept = new Map<string, { value: unknown; hash: string }>();

  round(): HashRound {
    const keeping = new Map<string, { value: unknown; hash: string }>();
    return {
      hash: (key, value, compute) => {
        const previous = this.kept.get(key);
        const hash = previous && sameJson(previous.value, value) ? previous.hash : compute();
        keeping.set(key, { value, hash });
        return hash;
      },
      commit: () => {
        this.kept = keeping;
      },
    };
  }
}
