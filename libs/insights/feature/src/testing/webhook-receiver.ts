import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received (what the signature covers). */
  body: string;
  receivedAt: number;
  /** What the receiver answered. */
  status: number;
}

/** A real HTTP server standing in for a tenant's webhook endpoint; answers from `respond` (204 by default). */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses to answer the next requests to `path` with, in order (then 204). */
  failNext(path: string, ...statuses: number[]): void;
  /** The requests to `path` that were answered 2xx. */
  accepted(path: string): ReceivedWebhook[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const queued = new Map<string, number[]>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      const status = queued.get(path)?.shift() ?? 204;
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now(), status });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext: (path, ...statuses) => queued.set(path, [...(queued.get(path) ?? []), ...statuses]),
    accepted: (path) => received.filter((request) => request.path === path && request.status < 300),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
