/** A Server-Sent Events stream read with fetch (as the web UI reads it, with the Authorization header). */
export class SseStream {
  private readonly events: Array<{ event: string; data: string; receivedAt: number }> = [];
  private readonly abort = new AbortController();
  private wake: (() => void) | undefined;

  static async open(url: string, headers: Record<string, string>): Promise<{ stream: SseStream; status: number }> {
    const stream = new SseStream();
    const response = await fetch(url, { headers, signal: stream.abort.signal });
    void stream.read(response.body?.getReader());
    return { stream, status: response.status };
  }

  /** The next event named `name` matching `accept`, waiting at most `timeoutMs`; events before it are dropped. */
  async next<T>(name: string, accept: (data: T) => boolean, timeoutMs: number): Promise<{ data: T; receivedAt: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.events.length > 0) {
        const event = this.events.shift() as { event: string; data: string; receivedAt: number };
        if (event.event !== name) continue;
        const data = JSON.parse(event.data) as T;
        if (accept(data)) return { data, receivedAt: event.receivedAt };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${name} event as expected within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, Math.min(left, 200));
      });
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array> | undefined): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
          const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice('data: '.length));
          if (event && data.length > 0) this.events.push({ event, data: data.join('\n'), receivedAt: Date.now() });
          this.wake?.();
        }
      }
    } catch {
      // closed
    }
  }
}
