/** What ingestion answered to one batch: its status (or the transport error) and the ids of the events it carried. */
export interface BatchAnswer {
  eventIds: string[];
  status: number | string;
}

export interface EventSenderOptions {
  /** Concurrent clients, each sending one batch after the other. */
  clients: number;
  batchSize: number;
  /** Between a client's batches: keeps the volume at a few hundred events a second. */
  pauseMs: number;
  /** Event ids start with it. */
  prefix: string;
}

/**
 * Sends batches of events to `POST /v1/events/batch` until stopped, recording each answer per event id,
 * so a fault test can check that every event answered 202 was stored exactly once. Users cycle through 40,
 * one event in ten is a purchase.
 */
export class EventSender {
  readonly answers: BatchAnswer[] = [];
  private stopped = false;
  private sent = 0;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly writeKey: string,
    private readonly options: EventSenderOptions,
  ) {}

  start(): void {
    for (let client = 0; client < this.options.clients; client += 1) this.loops.push(this.loop());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  /** Ids of the events whose batch was answered 202, in order. */
  acceptedIds(): string[] {
    return this.answers.filter((answer) => answer.status === 202).flatMap((answer) => answer.eventIds);
  }

  /** Ids of every event sent, whatever the answer. */
  sentIds(): string[] {
    return this.answers.flatMap((answer) => answer.eventIds);
  }

  /** Answers with `status` since answer number `from`. */
  countSince(from: number, status: number): number {
    return this.answers.slice(from).filter((answer) => answer.status === status).length;
  }

  /** Distinct statuses answered, sorted (numbers first). */
  statuses(): Array<number | string> {
    return [...new Set(this.answers.map((answer) => answer.status))].sort((a, b) => String(a).localeCompare(String(b)));
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const events = Array.from({ length: this.options.batchSize }, () => this.nextEvent());
      const eventIds = events.map((event) => event.eventId);
      try {
        const response = await fetch(`${this.url}/v1/events/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.writeKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = await response.text();
        if (response.status === 202 && (JSON.parse(body) as { accepted: number }).accepted !== events.length) {
          throw new Error(`a 202 that did not accept the whole batch: ${body}`);
        }
        this.answers.push({ eventIds, status: response.status });
      } catch (error) {
        this.answers.push({ eventIds, status: `transport error: ${(error as Error).message}` });
      }
      await new Promise((resolve) => setTimeout(resolve, this.options.pauseMs));
    }
  }

  private nextEvent(): { eventId: string; type: string; timestamp: string; userId: string; properties: Record<string, unknown> } {
    const index = (this.sent += 1);
    const eventId = `${this.options.prefix}-${index}`;
    const base = { eventId, timestamp: new Date().toISOString(), userId: `user-${index % 40}` };
    return index % 10 === 0
      ? { ...base, type: 'purchase', properties: { order_id: `o-${index}`, revenue: (index % 7) + 0.5, currency: 'EUR' } }
      : { ...base, type: 'page_view', properties: { path: `/page/${index % 9}` } };
  }
}

/** Resolves once `condition` holds; fails after `timeoutMs` with `describe()`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string | Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
