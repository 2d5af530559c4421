import { decodeQuarantineRecord, encodeQuarantineRecord, type QuarantineRecord } from './quarantine-record';

const record: QuarantineRecord = {
  tenantId: '7d0c4f4e-3f4c-4a55-9d2b-7f5a0b8f2f10',
  receivedAt: '2026-03-01T10:00:00.000Z',
  source: 'segment',
  eventId: 'm-1',
  eventType: 'purchase',
  reason: 'invalid',
  errors: [{ field: 'properties.order_id', rule: 'isDefined', message: 'properties.order_id is required' }],
  payload: { type: 'track', event: 'Order Completed', properties: { revenue: 'ten' } },
};

describe('quarantine records', () => {
  it('round-trips through the dead-letter message value', () => {
    expect(decodeQuarantineRecord(Buffer.from(encodeQuarantineRecord(record)))).toEqual(record);
  });

  it('keeps a payload that was not an object (a string, null)', () => {
    expect(decodeQuarantineRecord(encodeQuarantineRecord({ ...record, payload: 'not json' }))?.payload).toBe('not json');
    expect(decodeQuarantineRecord(encodeQuarantineRecord({ ...record, payload: null }))?.payload).toBeNull();
  });

  it('is undefined for a value that is not a record: not JSON, no tenant, an unreadable time', () => {
    expect(decodeQuarantineRecord('{oops')).toBeUndefined();
    expect(decodeQuarantineRecord(JSON.stringify({ ...record, tenantId: undefined }))).toBeUndefined();
    expect(decodeQuarantineRecord(JSON.stringify({ ...record, receivedAt: 'yesterday' }))).toBeUndefined();
    expect(decodeQuarantineRecord(JSON.stringify({ ...record, errors: 'bad' }))).toBeUndefined();
  });

  it('drops error entries that are not issues instead of refusing the whole record', () => {
    const decoded = decodeQuarantineRecord(JSON.stringify({ ...record, errors: [record.errors[0], { field: 1 }] }));
    expect(decoded?.errors).toEqual(record.errors);
  });
});
