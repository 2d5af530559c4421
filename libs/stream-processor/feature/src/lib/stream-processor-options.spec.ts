import { ConfigValidationError } from '@pulse/config';
import { DEFAULT_STREAM_PROCESSOR_OPTIONS, loadStreamProcessorOptions } from './stream-processor-options';

describe('loadStreamProcessorOptions', () => {
  it('uses the defaults when nothing is set', () => {
    expect(loadStreamProcessorOptions({})).toEqual(DEFAULT_STREAM_PROCESSOR_OPTIONS);
    expect(DEFAULT_STREAM_PROCESSOR_OPTIONS).toMatchObject({ groupId: 'pulse-stream-processor', partitionsConcurrently: 3 });
  });

  it('takes the group id and the partition concurrency from the environment', () => {
    const options = loadStreamProcessorOptions({ PROCESSOR_GROUP_ID: 'pulse-sp-eu', PROCESSOR_PARTITIONS_CONCURRENTLY: '6' });

    expect(options).toMatchObject({ groupId: 'pulse-sp-eu', partitionsConcurrently: 6 });
    expect(options.topics).toBe(DEFAULT_STREAM_PROCESSOR_OPTIONS.topics);
  });

  it('refuses malformed values, naming each variable', () => {
    const load = () => loadStreamProcessorOptions({ PROCESSOR_GROUP_ID: 'bad group!', PROCESSOR_PARTITIONS_CONCURRENTLY: '0' });

    expect(load).toThrow(ConfigValidationError);
    expect(load).toThrow(/PROCESSOR_GROUP_ID/);
    expect(load).toThrow(/PROCESSOR_PARTITIONS_CONCURRENTLY/);
  });
});
