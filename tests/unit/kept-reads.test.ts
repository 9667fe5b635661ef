// The store behind the CMS's kept token lookups and locales (cms/src/utils/kept-until-change):
// what it serves, for how long, and which reads it refuses to keep.
import { createKeptReads } from '../../cms/src/utils/kept-until-change.js';

const store = (now: { ms: number }, maxEntries = 8) => createKeptReads<string>({ ttlMs: 1_000, maxEntries, now: () => now.ms });

/** A read that counts its calls. */
const counted = <V>(answer: () => V) => {
  const read = async (): Promise<V> => {
    read.calls += 1;
    return answer();
  };
  read.calls = 0;
  return read;
};

describe('kept reads', () => {
  test('a value is read once and served until the time to live passes', async () => {
    const now = { ms: 0 };
    const kept = store(now);
    const read = counted(() => `read at ${now.ms}`);
    expect(await kept.get('k', read)).toBe('read at 0');
    now.ms = 999;
    expect(await kept.get('k', read)).toBe('read at 0');
    expect(read.calls).toBe(1);
    now.ms = 1_000;
    expect(await kept.get('k', read)).toBe('read at 1000');
    expect(read.calls).toBe(2);
  });

  test('nothing found is not kept, and clear forgets everything', async () => {
    const kept = store({ ms: 0 });
    const missing = counted(() => null);
    expect(await kept.get('unknown key', missing)).toBeNull();
    expect(await kept.get('unknown key', missing)).toBeNull();
    expect(missing.calls).toBe(2);

    const read = counted(() => 'token');
    await kept.get('k', read);
    kept.clear();
    await kept.get('k', read);
    expect(read.calls).toBe(2);
  });

  test('a read that was under way when a write cleared the store is answered but not kept', async () => {
    const kept = store({ ms: 0 });
    let finishRead: (value: string) => void = () => undefined;
    const slow = kept.get('k', () => new Promise<string>((resolve) => (finishRead = resolve)));
    kept.clear(); // the write lands while the read is in flight
    finishRead('before the write');
    expect(await slow).toBe('before the write');
    expect(await kept.get('k', async () => 'after the write')).toBe('after the write');
  });

  test('past the bound on keys, everything kept is let go', async () => {
    const kept = store({ ms: 0 }, 2);
    const reads: string[] = [];
    const reader = (key: string) => async () => {
      reads.push(key);
      return key;
    };
    await kept.get('a', reader('a'));
    await kept.get('b', reader('b'));
    await kept.get('c', reader('c')); // the third key lets a and b go
    await kept.get('c', reader('c'));
    await kept.get('a', reader('a'));
    expect(reads).toEqual(['a', 'b', 'c', 'a']);
  });
});
