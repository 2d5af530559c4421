import type { LiveFrame } from '../model/dashboard-types';
import { SseParser } from '../model/sse-parser';
import type { ApiClient } from './api-client';

const RECONNECT_MS = 3000;

/**
 * Follows `GET /v1/dashboards/:id/live` until stopped, reconnecting after a dropped stream. Read with fetch
 * (EventSource cannot send the Authorization header the service requires).
 */
export function followLiveStream(
  client: ApiClient,
  dashboardId: string,
  onFrame: (frame: LiveFrame) => void,
  onState: (connected: boolean) => void,
): () => void {
  const controller = new AbortController();
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = async () => {
    try {
      const response = await client.fetch(`/v1/dashboards/${encodeURIComponent(dashboardId)}/live`, {
        headers: { Accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (!response.body) throw new Error('no stream');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) {
          if (message.event !== 'live') continue;
          onFrame(JSON.parse(message.data) as LiveFrame);
          // "Live" once figures arrived, not merely the headers.
          onState(true);
        }
      }
    } catch {
      // Dropped or refused: shown as "reconnecting", tried again below.
    }
    if (controller.signal.aborted) return;
    onState(false);
    retry = setTimeout(() => void connect(), RECONNECT_MS);
  };

  void connect();
  return () => {
    controller.abort();
    if (retry) clearTimeout(retry);
  };
}
