import { INGESTION_SERVICE } from './ingestion.service-definition';

describe('ingestion service definition', () => {
  it('is ready only when what it uses answers: it publishes to the bus and looks tenants up in the store; it keeps no live state', () => {
    expect([...INGESTION_SERVICE.dependencies].sort()).toEqual(['bus', 'store']);
  });

  it('runs under its own service name, which picks its port and metrics label', () => {
    expect(INGESTION_SERVICE.name).toBe('ingestion');
  });
});
