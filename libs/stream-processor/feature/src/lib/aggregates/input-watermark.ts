/** A partition of the processor's input, as the watermark keys it. */
export function inputPartitionKey(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}

/**
 * The instant up to which the processor group has stored its input (epoch ms): what minute closing
 * follows, so a processor behind its topics (a backlog, a restart) closes a minute only once the events
 * received up to its end plus the lateness are stored. Caught up on every partition (`lagging` empty):
 * the wall clock, `now`. Otherwise the earliest time of the last message this replica stored from each
 * lagging partition (message times rise along a partition), never past `now`. Null when a lagging
 * partition stored nothing here yet (another replica's, or not reached since start): this replica cannot
 * tell how far the input is stored, and closes nothing.
 */
export function inputWatermark(now: number, lagging: readonly string[], storedUpTo: ReadonlyMap<string, number>): number | null {
  let watermark = now;
  for (const key of lagging) {
    const stored = storedUpTo.get(key);
    if (stored === undefined) return null;
    watermark = Math.min(watermark, stored);
  }
  return watermark;
}
