import { importJobSummary } from './import-jobs';

describe('importJobSummary', () => {
  it('rates finished jobs only, and failed records among processed ones', () => {
    // 5 jobs: 3 completed, 1 failed, 1 running → 3 / 4 and 1 / 4; 20 of 400 records failed → 0.05
    const summary = importJobSummary({
      jobs: 5,
      completed: 3,
      failed: 1,
      running: 1,
      recordsProcessed: 400,
      recordsFailed: 20,
      averageDurationMs: 1_500,
      p95DurationMs: 2_900,
    });
    expect(summary).toMatchObject({ successRate: 0.75, failureRate: 0.25, recordFailureRate: 0.05 });
  });

  it('reports zeros when no job finished', () => {
    const summary = importJobSummary({
      jobs: 1,
      completed: 0,
      failed: 0,
      running: 1,
      recordsProcessed: 0,
      recordsFailed: 0,
      averageDurationMs: null,
      p95DurationMs: null,
    });
    expect(summary).toMatchObject({ successRate: 0, failureRate: 0, recordFailureRate: 0 });
  });
});
