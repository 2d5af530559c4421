import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type {
  MessageHeaders,
  OutgoingMessage,
  ReceivedMessage,
} from '../message-bus';

export function toKafkaMessage(message: OutgoingMessage): Message {
  return {
    key: message.key ?? null,
    value: message.value,
    headers: message.headers,
  };
}

export function toReceivedMessage(
  topic: string,
  partition: number,
  message: KafkaMessage,
): ReceivedMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString('utf8'),
    // A null value (a tombstone) arrives as empty bytes: the interface promises a Buffer.
    value: message.value ?? Buffer.alloc(0),
    headers: decodeHeaders(message.headers),
    timestamp: message.timestamp,
  };
}

/** Kafka header values are bytes and a name may repeat; the interface has one string per name: the last wins. */
export function decodeHeaders(headers: IHeaders | undefined): MessageHeaders {
  const decoded: MessageHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) decoded[name] = last.toString();
  }
  return decoded;
}
