// Hashes kept across builds: a value equal to the one kept takes the kept hash without being
// hashed again; anything that would serialise differently is hashed afresh.
import { KeptHashes, sameJson } from '../../scripts/lib/kept-hashes.js';

describe('sameJson', () => {
  const doc = () => ({ title: 'Ciudades', tags: ['a', 'b'], cover: { alt: 'Río', width: 800 }, note: null as string | null });

  test('equal values built separately are the same; any difference in what JSON shows is not', () => {
    expect(sameJson(doc(), doc())).toBe(true);
    expect(sameJson(doc(), { ...doc(), title: 'Cities' })).toBe(false);
    expect(sameJson(doc(), { ...doc(), tags: ['a'] })).toBe(false);
    expect(sameJson(doc(), { ...doc(), cover: { alt: 'Río', width: 801 } })).toBe(false);
    expect(sameJson(doc(), { ...doc(), note: 'x' })).toBe(false);
    expect(sameJson(doc(), { ...doc(), extra: 1 })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });

  test('key order does not count (templates read fields by name); missing and extra keys do', () => {
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(false);
  });

  test('values that are not plain data are never taken as equal', () => {
    expect(sameJson({ at: new Date(0) }, { at: new Date(1) })).toBe(false);
    expect(sameJson(new Map([['a', 1]]), new Map([['a', 2]]))).toBe(false);
  });
});

describe('KeptHashes', () => {
  test('an equal value under the same key takes the last round’s hash; a changed one is hashed again', () => {
    const store = new KeptHashes();
    const computed: string[] = [];
    const hashOf = (value: { v: number }) => () => {
      computed.push(`v${value.v}`);
      return `hash-${value.v}`;
    };
    const first = store.round();
    expect(first.hash('a', { v: 1 }, hashOf({ v: 1 }))).toBe('hash-1');
    expect(first.hash('b', { v: 2 }, hashOf({ v: 2 }))).toBe('hash-2');
    first.commit();

    const second = store.round();
    expect(second.hash('a', { v: 1 }, hashOf({ v: 1 }))).toBe('hash-1');
    expect(second.hash('b', { v: 3 }, hashOf({ v: 3 }))).toBe('hash-3');
    second.commit();
    expect(computed).toEqual(['v1', 'v2', 'v3']);
  });

  test('a round that is not committed (a failed build) leaves the kept hashes as they were', () => {
    const store = new KeptHashes();
    const first = store.round();
    first.hash('a', { v: 1 }, () => 'hash-1');
    first.commit();
    store.round().hash('a', { v: 2 }, () => 'hash-2');
    let computed = false;
    const third = store.round();
    expect(
      third.hash('a', { v: 1 }, () => {
        computed = true;
        return 'again';
      }),
    ).toBe('hash-1');
    expect(computed).toBe(false);
  });

  test('what a committed round did not hash is forgotten', () => {
    const store = new KeptHashes();
    const first = store.round();
    first.hash('gone', { v: 1 }, () => 'hash-1');
    first.commit();
    store.round().commit();
    expect(store.round().hash('gone', { v: 1 }, () => 'fresh')).toBe('fresh');
  });
});
