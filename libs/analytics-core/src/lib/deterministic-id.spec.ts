import { deterministicId } from './deterministic-id';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deterministicId', () => {
  it('returns the same id for the same inputs', () => {
    expect(deterministicId(1_777_881_600_000, 'tenant', 'user', 'event')).toBe(
      deterministicId(1_777_881_600_000, 'tenant', 'user', 'event'),
    );
  });

  it('is a UUIDv8 whose first 48 bits are the timestamp in milliseconds', () => {
    const id = deterministicId(0x0123456789ab, 'x');
    expect(id).toMatch(UUID_V8);
    expect(id.startsWith('01234567-89ab-')).toBe(true);
  });

  it('sorts by time', () => {
    expect(deterministicId(1000, 'z') < deterministicId(2000, 'a')).toBe(true);
  });

  it('keeps parts apart: ("ab", "c") differs from ("a", "bc")', () => {
    expect(deterministicId(0, 'ab', 'c')).not.toBe(deterministicId(0, 'a', 'bc'));
  });

  it('gives 10,000 distinct ids for 10,000 event ids at the same millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, (_, index) => deterministicId(0, 'tenant', 'user', `event-${index}`)));
    expect(ids.size).toBe(10_000);
  });

  it('rejects a non-finite timestamp', () => {
    expect(() => deterministicId(Number.NaN, 'x')).toThrow(RangeError);
  });
});
