import { sentimentTrajectory } from './sentiment-trajectory';

describe('sentimentTrajectory', () => {
  it('reads initial, final, delta, mean and low point from the scores in order', () => {
    expect(sentimentTrajectory([-0.5, -0.8, 0.1, 0.6])).toEqual({
      initial: -0.5,
      final: 0.6,
      delta: expect.closeTo(1.1, 12),
      mean: expect.closeTo(-0.15, 12),
      min: -0.8,
      scored: 4,
    });
  });

  it('skips messages without a score', () => {
    expect(sentimentTrajectory([null, 0.2, undefined, -0.4, null])).toEqual({
      initial: 0.2,
      final: -0.4,
      delta: expect.closeTo(-0.6, 12),
      mean: expect.closeTo(-0.1, 12),
      min: -0.4,
      scored: 2,
    });
  });

  it('has no trajectory without a scored message, and a flat one with a single message', () => {
    expect(sentimentTrajectory([null, null])).toBeUndefined();
    expect(sentimentTrajectory([0.3])).toEqual({ initial: 0.3, final: 0.3, delta: 0, mean: 0.3, min: 0.3, scored: 1 });
  });

  it('refuses scores outside [−1, 1]', () => {
    expect(() => sentimentTrajectory([2])).toThrow('within [−1, 1]');
  });
});
