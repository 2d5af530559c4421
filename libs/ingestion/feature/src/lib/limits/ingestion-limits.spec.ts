import { ConfigValidationError } from '@pulse/config';
import { DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_EVENT_BYTES, loadIngestionLimits } from './ingestion-limits';

describe('loadIngestionLimits', () => {
  it("defaults to Segment's limits: 32 KB per event, 500 KB per batch", () => {
    expect(loadIngestionLimits({})).toMatchObject({ maxEventBytes: 32_768, maxBatchBytes: 512_000 });
    expect([DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_BATCH_BYTES]).toEqual([32_768, 512_000]);
  });

  it('takes both limits from the environment', () => {
    expect(loadIngestionLimits({ INGESTION_MAX_EVENT_BYTES: '65536', INGESTION_MAX_BATCH_BYTES: '1048576' })).toMatchObject({
      maxEventBytes: 65_536,
      maxBatchBytes: 1_048_576,
    });
  });

  it('names a malformed variable', () => {
    expect(() => loadIngestionLimits({ INGESTION_MAX_EVENT_BYTES: '32kb' })).toThrow(
      new ConfigValidationError([{ variable: 'INGESTION_MAX_EVENT_BYTES', rules: ['INGESTION_MAX_EVENT_BYTES must be an integer from 1024 to 1048576'] }]),
    );
  });

  it('refuses a batch limit below the event limit', () => {
    expect(() => loadIngestionLimits({ INGESTION_MAX_EVENT_BYTES: '65536', INGESTION_MAX_BATCH_BYTES: '32768' })).toThrow(
      'INGESTION_MAX_BATCH_BYTES must be at least INGESTION_MAX_EVENT_BYTES',
    );
  });
});
