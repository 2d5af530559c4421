import { INSIGHTS_SERVICE } from './insights.service-definition';

describe('insights service definition', () => {
  it('is ready only when what it uses answers: it reads the store and the live state, and never touches the bus', () => {
    expect([...INSIGHTS_SERVICE.dependencies].sort()).toEqual(['cache', 'store']);
  });

  it('runs under its own service name, which picks its port and metrics label', () => {
    expect(INSIGHTS_SERVICE.name).toBe('insights');
  });
});
