/** One Server-Sent Events message: its `event` name (default `message`), `id` and joined `data` lines. */
export interface SseMessage {
  event: string;
  id?: string;
  data: string;
}

/**
 * Reads a text/event-stream incrementally (the WHATWG rules: messages end at a blank line, `:` lines are
 * comments, `data` lines join with LF). The live stream is read with fetch because EventSource cannot send
 * the Authorization header.
 */
export class SseParser {
  private buffer = '';

  /** Feeds a decoded chunk; answers the messages it completed. */
  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const messages: SseMessage[] = [];
    let end: RegExpExecArray | null;
    const blankLine = /\r\n\r\n|\n\n|\r\r/;
    while ((end = blankLine.exec(this.buffer))) {
      const block = this.buffer.slice(0, end.index);
      this.buffer = this.buffer.slice(end.index + end[0].length);
      const message = parseBlock(block);
      if (message) messages.push(message);
    }
    return messages;
  }
}

function parseBlock(block: string): SseMessage | undefined {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') event = value;
    else if (name === 'id') id = value;
    else if (name === 'data') data.push(value);
  }
  return data.length > 0 ? { event, id, data: data.join('\n') } : undefined;
}
