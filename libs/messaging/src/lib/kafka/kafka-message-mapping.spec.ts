import type { KafkaMessage } from 'kafkajs';
import {
  decodeHeaders,
  toKafkaMessage,
  toReceivedMessage,
} from './kafka-message-mapping';

describe('toReceivedMessage', () => {
  const kafkaMessage: KafkaMessage = {
    key: Buffer.from('tenant-1:user-7'),
    value: Buffer.from([0x00, 0xff]),
    timestamp: '1700000000000',
    attributes: 0,
    offset: '9007199254740993',
    headers: { 'content-type': Buffer.from('application/json') },
  };

  it('decodes key and headers as UTF-8 and keeps value bytes and the 64-bit offset string', () => {
    expect(toReceivedMessage('pulse.events.raw.v1', 2, kafkaMessage)).toEqual({
      topic: 'pulse.events.raw.v1',
      partition: 2,
      offset: '9007199254740993',
      key: 'tenant-1:user-7',
      value: Buffer.from([0x00, 0xff]),
      headers: { 'content-type': 'application/json' },
      timestamp: '1700000000000',
    });
  });

  it('turns a null key into null and a tombstone into empty bytes', () => {
    const received = toReceivedMessage('t', 0, {
      ...kafkaMessage,
      key: null,
      value: null,
    });

    expect(received.key).toBeNull();
    expect(received.value.length).toBe(0);
  });
});

describe('decodeHeaders', () => {
  it('keeps the last value of a repeated header and skips undefined ones', () => {
    expect(
      decodeHeaders({
        a: [Buffer.from('1'), Buffer.from('2')],
        b: 'x',
        c: undefined,
      }),
    ).toEqual({ a: '2', b: 'x' });
  });
});

describe('toKafkaMessage', () => {
  it('sends a missing key as null so the default partitioner spreads keyless messages', () => {
    expect(toKafkaMessage({ value: 'v' })).toEqual({
      key: null,
      value: 'v',
      headers: undefined,
    });
  });
});
