/** Thrown when a series is too short for the requested analysis; says how many points it needs. */
export class InsufficientHistoryError extends Error {
  constructor(
    readonly neededPoints: number,
    readonly havePoints: number,
    reason: string,
  ) {
    super(`${reason}: needs at least ${neededPoints} points of history, got ${havePoints}`);
    this.name = 'InsufficientHistoryError';
  }
}
