/** How many items of a page a job (sweep, go-live, plan opening, calendar recount) works on at once. */
export const JOB_CONCURRENCY = 8;

/**
 * `work` over every item with at most `limit` running at once; results in the items' order.
 * The first failure rejects (work already started runs on, nothing new starts).
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
