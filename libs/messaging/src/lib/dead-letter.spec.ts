import { TOPICS } from '@pulse/contracts';
import { DEFAULT_DEAD_LETTER_TOPIC, toDeadLetterMessage } from './dead-letter';
import { DEAD_LETTER_HEADERS, type ReceivedMessage } from './message-bus';

describe('toDeadLetterMessage', () => {
  const original: ReceivedMessage = {
    topic: 'pulse.events.raw.v1',
    partition: 2,
    offset: '41',
    key: 'tenant-1:user-7',
    value: Buffer.from([0x00, 0xff, 0x10]),
    headers: { 'content-type': 'application/json' },
    timestamp: '1700000000000',
  };

  it('keeps the key, the bytes and the original headers, and adds origin and reason', () => {
    const copy = toDeadLetterMessage({
      message: original,
      reason: 'missing event name',
    });

    expect(copy.key).toBe('tenant-1:user-7');
    expect(
      Buffer.from(copy.value).equals(Buffer.from([0x00, 0xff, 0x10])),
    ).toBe(true);
    expect(copy.headers).toEqual({
      'content-type': 'application/json',
      [DEAD_LETTER_HEADERS.originalTopic]: 'pulse.events.raw.v1',
      [DEAD_LETTER_HEADERS.originalPartition]: '2',
      [DEAD_LETTER_HEADERS.originalOffset]: '41',
      [DEAD_LETTER_HEADERS.error]: 'missing event name',
    });
  });

  it('defaults to the platform dead-letter topic', () => {
    expect(DEFAULT_DEAD_LETTER_TOPIC).toBe(TOPICS.deadLetter);
  });
});
