/** One answer of a `/ready` endpoint (status 0: no answer). */
export interface ReadinessAnswer {
  at: number;
  status: number;
  body: unknown;
}

/** Polls a service's `/ready` every 250 ms while started, so a fault test can tell it went not ready and back. */
export class ReadinessWatch {
  readonly history: ReadinessAnswer[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(private readonly url: string) {}

  async now(): Promise<ReadinessAnswer> {
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(5_000) });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: kept as text.
      }
      return { at: Date.now(), status: response.status, body };
    } catch (error) {
      return { at: Date.now(), status: 0, body: (error as Error).message };
    }
  }

  start(): void {
    this.timer = setInterval(() => {
      this.polling ??= this.now()
        .then((answer) => void this.history.push(answer))
        .finally(() => (this.polling = undefined));
    }, 250);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  seen(status: number): boolean {
    return this.history.some((answer) => answer.status === status);
  }

  /** `later` was answered after `earlier` had been. */
  seenAfter(earlier: number, later: number): boolean {
    const first = this.history.findIndex((answer) => answer.status === earlier);
    return first >= 0 && this.history.slice(first).some((answer) => answer.status === later);
  }
}
