// A few pieces of work at a time, in order: the CMS, sharp and the disk are shared, and a
// build should not crowd any of them.

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export const mapWithConcurrency = async <T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
