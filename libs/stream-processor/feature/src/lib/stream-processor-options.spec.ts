import { ConfigValidationError } from '@pulse/config';
import { DEFAULT_STREAM_PROCESSOR_OPTIONS, loadStreamProcessorOptions } from './stream-processor-options';

describe('loadStreamProcessorOptions', () => {
  it('uses the defaults when nothing is set', () => {
    expect(loadStreamProcessorOptions({})).toEqual(DEFAULT_STREAM_PROCESSOR_OPTIONS);
    expect(DEFAULT_STREAM_PROCESSOR_OPTIONS).toMatchObject({
      groupId: 'pulse-stream-processor',
      partitionsConcurrently: 3,
      fetch: { minBytes: 131072, maxWaitMs: 250, maxBytesPerPartition: 524288 },
    });
  });

  it('takes the group id and the partition concurrency from the environment', () => {
    const options = loadStreamProcessorOptions({ PROCESSOR_GROUP_ID: 'pulse-sp-eu', PROCESSOR_PARTITIONS_CONCURRENTLY: '6' });

    expect(options).toMatchObject({ groupId: 'pulse-sp-eu', partitionsConcurrently: 6 });
    expect(options.topics).toEqual(DEFAULT_STREAM_PROCESSOR_OPTIONS.topics);
  });

  it('puts PROCESSOR_TOPIC_PREFIX before every topic it reads or writes, keeping the contract each is decoded as', () => {
    const options = loadStreamProcessorOptions({ PROCESSOR_TOPIC_PREFIX: 'bench-1.' });

    expect(options.topics.get('pulse.events.raw.v1')).toBe('bench-1.pulse.events.raw.v1');
    expect(options.topics.get('conversation.events.v1')).toBe('bench-1.conversation.events.v1');
    expect(options.deadLetterTopic).toBe('bench-1.pulse.events.dlq.v1');
    expect(options.aggregates.topic).toBe('bench-1.pulse.aggregates.v1');
    expect(() => loadStreamProcessorOptions({ PROCESSOR_TOPIC_PREFIX: 'a b' })).toThrow(/PROCESSOR_TOPIC_PREFIX/);
  });

  it('takes the fetch shape from the environment', () => {
    const options = loadStreamProcessorOptions({
      PROCESSOR_FETCH_MIN_BYTES: '1',
      PROCESSOR_FETCH_MAX_WAIT_MS: '100',
      PROCESSOR_MAX_BYTES_PER_PARTITION: '1048576',
    });

    expect(options.fetch).toEqual({ minBytes: 1, maxWaitMs: 100, maxBytesPerPartition: 1048576 });
  });

  it('refuses fetch values out of range, naming each variable', () => {
    const load = () =>
      loadStreamProcessorOptions({ PROCESSOR_FETCH_MIN_BYTES: '0', PROCESSOR_FETCH_MAX_WAIT_MS: '9000', PROCESSOR_MAX_BYTES_PER_PARTITION: '1k' });

    expect(load).toThrow(/PROCESSOR_FETCH_MIN_BYTES/);
    expect(load).toThrow(/PROCESSOR_FETCH_MAX_WAIT_MS/);
    expect(load).toThrow(/PROCESSOR_MAX_BYTES_PER_PARTITION/);
  });

  it('closes minutes 15 s after their end unless PROCESSOR_AGGREGATE_LATENESS_MS says otherwise', () => {
    expect(DEFAULT_STREAM_PROCESSOR_OPTIONS.aggregates).toMatchObject({ topic: 'pulse.aggregates.v1', latenessMs: 15_000 });
    expect(loadStreamProcessorOptions({ PROCESSOR_AGGREGATE_LATENESS_MS: '0' }).aggregates.latenessMs).toBe(0);
    expect(() => loadStreamProcessorOptions({ PROCESSOR_AGGREGATE_LATENESS_MS: '300001' })).toThrow(/PROCESSOR_AGGREGATE_LATENESS_MS/);
    expect(() => loadStreamProcessorOptions({ PROCESSOR_AGGREGATE_LATENESS_MS: '15s' })).toThrow(/PROCESSOR_AGGREGATE_LATENESS_MS/);
  });

  it('refuses malformed values, naming each variable', () => {
    const load = () => loadStreamProcessorOptions({ PROCESSOR_GROUP_ID: 'bad group!', PROCESSOR_PARTITIONS_CONCURRENTLY: '0' });

    expect(load).toThrow(ConfigValidationError);
    expect(load).toThrow(/PROCESSOR_GROUP_ID/);
    expect(load).toThrow(/PROCESSOR_PARTITIONS_CONCURRENTLY/);
  });
});
