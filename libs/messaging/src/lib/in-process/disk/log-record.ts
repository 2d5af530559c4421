import { crc32 } from 'node:zlib';
import type { MessageHeaders } from '../../message-bus';
import type { StoredMessage } from '../partition-log';

/**
 * One message on disk: `u32 payload length | u32 CRC-32 of the payload | payload`, the payload being
 * `u64 offset | f64 timestamp (ms) | i32 key length (-1: no key) | key | u32 headers length | headers
 * (JSON) | value`, little-endian. The length and checksum let a scan find where a write torn by a crash
 * (SIGKILL, power loss) begins: the first record that is short or fails its checksum.
 */
const RECORD_HEADER_BYTES = 8;
const FIXED_PAYLOAD_BYTES = 8 + 8 + 4 + 4;
/** No sane record is larger; a bigger length is garbage, not a message. */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export function encodeRecord(message: StoredMessage): Buffer {
  const key =
    message.key === null ? undefined : Buffer.from(message.key, 'utf8');
  const headers =
    Object.keys(message.headers).length === 0
      ? Buffer.alloc(0)
      : Buffer.from(JSON.stringify(message.headers), 'utf8');
  const payloadLength =
    FIXED_PAYLOAD_BYTES +
    (key?.length ?? 0) +
    headers.length +
    message.value.length;
  const record = Buffer.allocUnsafe(RECORD_HEADER_BYTES + payloadLength);
  let at = RECORD_HEADER_BYTES;
  at = record.writeBigUInt64LE(BigInt(message.offset), at);
  at = record.writeDoubleLE(Number(message.timestamp), at);
  at = record.writeInt32LE(key ? key.length : -1, at);
  if (key) at += key.copy(record, at);
  at = record.writeUInt32LE(headers.length, at);
  at += headers.copy(record, at);
  message.value.copy(record, at);
  record.writeUInt32LE(payloadLength, 0);
  record.writeUInt32LE(crc32(record.subarray(RECORD_HEADER_BYTES)), 4);
  return record;
}

/** Decodes the record starting at `position` (whose checksum a scan has already verified). */
export function decodeRecord(
  bytes: Buffer,
  position: number,
): { message: StoredMessage; next: number } {
  const payloadLength = bytes.readUInt32LE(position);
  const end = position + RECORD_HEADER_BYTES + payloadLength;
  let at = position + RECORD_HEADER_BYTES;
  const offset = Number(bytes.readBigUInt64LE(at));
  const timestamp = bytes.readDoubleLE(at + 8);
  const keyLength = bytes.readInt32LE(at + 16);
  at += 20;
  let key: string | null = null;
  if (keyLength >= 0) {
    key = bytes.toString('utf8', at, at + keyLength);
    at += keyLength;
  }
  const headersLength = bytes.readUInt32LE(at);
  at += 4;
  const headers: MessageHeaders =
    headersLength === 0
      ? {}
      : JSON.parse(bytes.toString('utf8', at, at + headersLength));
  at += headersLength;
  return {
    message: {
      offset,
      key,
      // A copy: the read buffer is shared by the whole batch and must not be kept alive by one message.
      value: Buffer.from(bytes.subarray(at, end)),
      headers,
      timestamp: String(timestamp),
    },
    next: end,
  };
}

export interface RecordScan {
  /** Byte position of each intact record, in order. */
  positions: number[];
  /** Bytes up to the end of the last intact record: everything after it is a torn or damaged tail. */
  validBytes: number;
  /** Why the scan stopped before the end of `bytes`, if it did. */
  damage?: string;
}

/**
 * Walks a segment's bytes from the start and keeps every record whose length fits, whose checksum
 * matches and whose offset is the next expected one (`firstOffset`, then +1 each).
 */
export function scanRecords(bytes: Buffer, firstOffset: number): RecordScan {
  const positions: number[] = [];
  let position = 0;
  while (position < bytes.length) {
    const damage = recordDamage(
      bytes,
      position,
      firstOffset + positions.length,
    );
    if (damage) return { positions, validBytes: position, damage };
    positions.push(position);
    position += RECORD_HEADER_BYTES + bytes.readUInt32LE(position);
  }
  return { positions, validBytes: position };
}

function recordDamage(
  bytes: Buffer,
  position: number,
  expectedOffset: number,
): string | undefined {
  const remaining = bytes.length - position;
  if (remaining < RECORD_HEADER_BYTES)
    return `a record header cut short at byte ${position}`;
  const payloadLength = bytes.readUInt32LE(position);
  if (payloadLength < FIXED_PAYLOAD_BYTES || payloadLength > MAX_RECORD_BYTES)
    return `an impossible record length ${payloadLength} at byte ${position}`;
  if (remaining < RECORD_HEADER_BYTES + payloadLength)
    return `a record cut short at byte ${position}`;
  const payload = bytes.subarray(
    position + RECORD_HEADER_BYTES,
    position + RECORD_HEADER_BYTES + payloadLength,
  );
  if (crc32(payload) !== bytes.readUInt32LE(position + 4))
    return `a checksum mismatch at byte ${position}`;
  const offset = Number(payload.readBigUInt64LE(0));
  if (offset !== expectedOffset)
    return `offset ${offset} where ${expectedOffset} was expected at byte ${position}`;
  return undefined;
}
