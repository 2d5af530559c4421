import type { OutgoingMessage } from '../message-bus';

/**
 * The broker refuses a record batch over `message.max.bytes` (1 MiB by default), and one publish
 * call may carry far more: a whole HTTP batch, or a batch's rejected messages on their way to the
 * dead-letter topic. Sending in chunks of at most this many bytes keeps every request acceptable.
 */
export const MAX_PUBLISH_CHUNK_BYTES = 512 * 1024;

/** Splits messages, in order, into chunks whose keys, values and headers add up to at most `maxBytes` (a lone larger message gets a chunk of its own). */
export function chunkForPublishing(messages: readonly OutgoingMessage[], maxBytes = MAX_PUBLISH_CHUNK_BYTES): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let currentBytes = 0;
  for (const message of messages) {
    const bytes = approximateSize(message);
    if (current.length > 0 && currentBytes + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(message);
    currentBytes += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function approximateSize(message: OutgoingMessage): number {
  const valueBytes = typeof message.value === 'string' ? Buffer.byteLength(message.value) : message.value.length;
  const keyBytes = message.key ? Buffer.byteLength(message.key) : 0;
  let headerBytes = 0;
  for (const [name, value] of Object.entries(message.headers ?? {})) headerBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  // Per-record framing (lengths, offsets delta, timestamp delta, attributes): a few dozen bytes at most.
  return valueBytes + keyBytes + headerBytes + 64;
}
