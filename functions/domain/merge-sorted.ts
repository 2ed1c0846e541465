/**
 * Merges sequences that are each already in `order` into one sequence in that order, reading
 * one item ahead of each: memory is one item per source, whatever their length. Equal items
 * come in the order of their sources (stable), so a merge of sorted runs is a stable sort.
 */
export async function* mergeSorted<T>(sources: readonly (AsyncIterable<T> | Iterable<T>)[], order: (a: T, b: T) => number): AsyncGenerator<T> {
  const heads: { iterator: AsyncIterator<T> | Iterator<T>; value: T; source: number }[] = [];
  const advance = async (iterator: AsyncIterator<T> | Iterator<T>) => iterator.next();
  try {
    for (const [source, iterable] of sources.entries()) {
      const iterator = Symbol.asyncIterator in iterable ? iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]();
      const first = await advance(iterator);
      if (first.done !== true) heads.push({ iterator, value: first.value, source });
    }
    while (heads.length > 0) {
      // Few sources (statuses, sorted runs): a linear pick is cheaper than a heap at this size.
      let least = 0;
      for (let i = 1; i < heads.length; i += 1) {
        const difference = order(heads[i]!.value, heads[least]!.value);
        if (difference < 0 || (difference === 0 && heads[i]!.source < heads[least]!.source)) least = i;
      }
      const head = heads[least]!;
      yield head.value;
      const next = await advance(head.iterator);
      if (next.done === true) heads.splice(least, 1);
      else head.value = next.value;
    }
  } finally {
    // A consumer that stops early closes every source (a file reader, a paging query).
    await Promise.all(heads.map((head) => head.iterator.return?.()));
  }
}
