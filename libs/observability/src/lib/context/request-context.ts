import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The HTTP header a request id arrives in and is answered in, and the message header it travels in on the bus. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What log lines written on behalf of a request (or of a batch of messages from several requests) carry. */
export interface RequestContext {
  /** One HTTP request's id. */
  requestId?: string;
  /** A batch's distinct request ids (a batch gathers messages of many requests). */
  requestIds?: string[];
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` with `context` visible to everything it calls, awaited work included (`JsonLogger` adds its fields). */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

// Printable, short and free of separators a log or header parser could trip on.
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The caller's id when it is a sensible one (a gateway's or a client's), else a new UUID. */
export function requestIdFrom(header: unknown): string {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' && ACCEPTED_REQUEST_ID.test(value) ? value : randomUUID();
}

/** The distinct request ids carried in the headers of a batch's messages, in first-seen order (at most `limit`). */
export function requestIdsOf(messages: ReadonlyArray<{ headers?: Readonly<Record<string, string>> }>, limit = 100): string[] {
  const ids = new Set<string>();
  for (const message of messages) {
    const id = message.headers?.[REQUEST_ID_HEADER];
    if (id) ids.add(id);
    if (ids.size >= limit) break;
  }
  return [...ids];
}
