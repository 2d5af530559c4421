/**
 * Maps `items` with at most `limit` calls of `task` in flight, answers in the items' order. A dashboard's
 * widgets each take a database connection: unbounded, one dashboard could take the whole pool.
 */
export async function mapWithConcurrency<Item, Result>(items: readonly Item[], limit: number, task: (item: Item, index: number) => Promise<Result>): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
