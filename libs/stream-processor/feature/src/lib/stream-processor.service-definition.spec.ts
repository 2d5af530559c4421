import { STREAM_PROCESSOR_SERVICE } from './stream-processor.service-definition';

describe('stream-processor service definition', () => {
  it('is ready only when what it uses answers: it consumes the bus, writes the store and the live state', () => {
    expect([...STREAM_PROCESSOR_SERVICE.dependencies].sort()).toEqual(['bus', 'cache', 'store']);
  });

  it('runs under its own service name, which picks its port and metrics label', () => {
    expect(STREAM_PROCESSOR_SERVICE.name).toBe('stream-processor');
  });
});
