import { gunzipSync } from 'node:zlib';
import type { BrowserContext, Request, Response } from 'playwright-core';

/** One request the browser made to Pulse, with its answer (status 0: none seen) and the event ids its body carried. */
export interface PulseRequest {
  method: string;
  path: string;
  status: number;
  gzipped: boolean;
  eventIds: string[];
  failure?: string;
}

/**
 * Watches a browser context's traffic while a page runs an SDK: every request to Pulse (with the ids of
 * the events in its body, read the way the SDKs encode it), and every request to anywhere else but the
 * site (the internet is unreachable there: each one is a bug). Beacons sent while a page unloads are not
 * reported by the browser to Playwright; the pages record those themselves.
 */
export class PulseTraffic {
  readonly requests: PulseRequest[] = [];
  readonly elsewhere: string[] = [];
  private readonly byRequest = new Map<Request, PulseRequest>();
  private readonly onRequest = (request: Request) => this.record(request);
  private readonly onResponse = (response: Response) => {
    const entry = this.byRequest.get(response.request());
    if (entry) entry.status = response.status();
  };
  private readonly onFailed = (request: Request) => {
    const entry = this.byRequest.get(request);
    if (entry) entry.failure = request.failure()?.errorText ?? 'failed';
  };

  constructor(
    private readonly context: BrowserContext,
    private readonly pulseOrigin: string,
    private readonly siteOrigin: string,
  ) {
    context.on('request', this.onRequest);
    context.on('response', this.onResponse);
    context.on('requestfailed', this.onFailed);
  }

  /** Ids of the events whose request Pulse answered 200. */
  answeredEventIds(): string[] {
    return this.requests.filter((request) => request.status === 200).flatMap((request) => request.eventIds);
  }

  /** Waits, bounded, until Pulse answered 200 to requests carrying every one of `ids`. */
  async waitForAnswered(ids: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answered = new Set(this.answeredEventIds());
      const missing = ids.filter((id) => !answered.has(id));
      if (missing.length === 0) return;
      if (Date.now() > deadline) throw new Error(`Pulse never answered the requests of ${missing.join(', ')}; requests: ${JSON.stringify(this.requests)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  stop(): void {
    this.context.off('request', this.onRequest);
    this.context.off('response', this.onResponse);
    this.context.off('requestfailed', this.onFailed);
  }

  private record(request: Request): void {
    const url = new URL(request.url());
    if (url.origin === this.siteOrigin) return;
    if (url.origin !== this.pulseOrigin) {
      this.elsewhere.push(request.url());
      return;
    }
    const body = request.postDataBuffer();
    const entry: PulseRequest = {
      method: request.method(),
      path: `${url.pathname}${url.search}`,
      status: 0,
      gzipped: body !== null && isGzip(body),
      eventIds: body === null || url.pathname.startsWith('/flags') || url.pathname.startsWith('/decide') ? [] : eventIdsIn(body),
    };
    this.requests.push(entry);
    this.byRequest.set(request, entry);
  }
}

function isGzip(body: Buffer): boolean {
  return body[0] === 0x1f && body[1] === 0x8b;
}

/** The ids in a capture body: gzip or not, JSON or PostHog's `data=<base64>` form; PostHog `uuid`, Segment `messageId`. */
export function eventIdsIn(body: Buffer): string[] {
  let text = (isGzip(body) ? gunzipSync(body) : body).toString('utf8');
  if (text.startsWith('data=')) {
    const data = new URLSearchParams(text).get('data') ?? '';
    text = data.startsWith('{') || data.startsWith('[') ? data : Buffer.from(data, 'base64').toString('utf8');
  }
  const parsed = JSON.parse(text) as unknown;
  const events = Array.isArray(parsed) ? parsed : isBatch(parsed) ? parsed.batch : [parsed];
  return events.map((event) => String((event as { uuid?: string; messageId?: string }).uuid ?? (event as { messageId?: string }).messageId));
}

function isBatch(value: unknown): value is { batch: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { batch?: unknown }).batch);
}
