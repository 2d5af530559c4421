/** Why the bus did not take a request's events: none of them may be answered 202. */
export type NotStoredReason = 'timed_out' | 'failed' | 'overloaded';

export class EventsNotStoredError extends Error {
  override readonly name = 'EventsNotStoredError';

  constructor(
    readonly reason: NotStoredReason,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
