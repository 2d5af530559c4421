import { decodeRecord, encodeRecord, scanRecords } from './log-record';

const message = (offset: number, value: string) => ({
  offset,
  key: 'k',
  value: Buffer.from(value),
  headers: {},
  timestamp: '1700000000000',
});

// A record is 8 header bytes + 24 fixed payload bytes + key + headers JSON + value:
// key 'k' (1 byte), no headers, value 'abc' (3 bytes) → 36 bytes.
const RECORD_BYTES = 36;

describe('log records', () => {
  it('round-trips offset, key, headers, binary value and timestamp', () => {
    const stored = {
      offset: 12345678901,
      key: 'tenant-1:ключ',
      value: Buffer.from([0x00, 0xff, 0x10]),
      headers: { 'x-tenant': 't1', 'x-error': 'payload is not JSON' },
      timestamp: '1764115201000',
    };
    const bytes = encodeRecord(stored);

    expect(decodeRecord(bytes, 0)).toEqual({
      message: stored,
      next: bytes.length,
    });
  });

  it('keeps a missing key apart from an empty one', () => {
    const keyless = { ...message(0, 'v'), key: null };
    const empty = { ...message(1, 'v'), key: '' };

    expect(decodeRecord(encodeRecord(keyless), 0).message.key).toBeNull();
    expect(decodeRecord(encodeRecord(empty), 0).message.key).toBe('');
  });

  it('finds every intact record of a segment', () => {
    const bytes = Buffer.concat([
      encodeRecord(message(7, 'abc')),
      encodeRecord(message(8, 'def')),
    ]);

    expect(bytes.length).toBe(2 * RECORD_BYTES);
    expect(scanRecords(bytes, 7)).toEqual({
      positions: [0, RECORD_BYTES],
      validBytes: 2 * RECORD_BYTES,
    });
  });

  it('stops at a record a crash cut short', () => {
    const bytes = Buffer.concat([
      encodeRecord(message(0, 'abc')),
      encodeRecord(message(1, 'def')).subarray(0, RECORD_BYTES - 5),
    ]);

    expect(scanRecords(bytes, 0)).toEqual({
      positions: [0],
      validBytes: RECORD_BYTES,
      damage: `a record cut short at byte ${RECORD_BYTES}`,
    });
  });

  it('stops at a header cut short', () => {
    const bytes = Buffer.concat([
      encodeRecord(message(0, 'abc')),
      Buffer.from([36, 0, 0]),
    ]);

    expect(scanRecords(bytes, 0)).toMatchObject({
      positions: [0],
      validBytes: RECORD_BYTES,
      damage: `a record header cut short at byte ${RECORD_BYTES}`,
    });
  });

  it('stops at a record whose bytes no longer match its checksum', () => {
    const second = encodeRecord(message(1, 'def'));
    second[second.length - 1] ^= 0x01;
    const bytes = Buffer.concat([encodeRecord(message(0, 'abc')), second]);

    expect(scanRecords(bytes, 0)).toMatchObject({
      positions: [0],
      validBytes: RECORD_BYTES,
      damage: `a checksum mismatch at byte ${RECORD_BYTES}`,
    });
  });

  it('stops at zeros where a record should start (space allocated but never written)', () => {
    const bytes = Buffer.concat([
      encodeRecord(message(0, 'abc')),
      Buffer.alloc(64),
    ]);

    expect(scanRecords(bytes, 0)).toMatchObject({
      positions: [0],
      validBytes: RECORD_BYTES,
      damage: `an impossible record length 0 at byte ${RECORD_BYTES}`,
    });
  });

  it('stops at a record whose offset is not the next one', () => {
    const bytes = Buffer.concat([
      encodeRecord(message(0, 'abc')),
      encodeRecord(message(2, 'def')),
    ]);

    expect(scanRecords(bytes, 0)).toMatchObject({
      positions: [0],
      validBytes: RECORD_BYTES,
      damage: `offset 2 where 1 was expected at byte ${RECORD_BYTES}`,
    });
  });
});
