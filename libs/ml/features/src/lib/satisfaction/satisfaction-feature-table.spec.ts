import type { ConversationActivity } from './conversation-activity';
import { SATISFACTION_FEATURES, satisfactionFeatureTable, satisfactionReadableValue } from './satisfaction-feature-table';

const rocky: ConversationActivity = {
  conversation: 'c1',
  durationSeconds: 540,
  customerMessages: 3,
  replies: 3,
  meanResponseMs: 2000,
  escalated: true,
  resolvedByHuman: true,
  intents: ['billing', 'billing', 'refund', 'billing'],
  customerSentiments: [-0.5, null, 0.25, 0.5],
};

const bare: ConversationActivity = {
  conversation: 'c2',
  durationSeconds: 60,
  customerMessages: 1,
  replies: 0,
  meanResponseMs: null,
  escalated: false,
  resolvedByHuman: false,
  intents: [],
  customerSentiments: [null],
};

const column = (name: (typeof SATISFACTION_FEATURES)[number]) => SATISFACTION_FEATURES.indexOf(name);

describe('satisfactionFeatureTable', () => {
  it('derives durations, counts, intent switches and the sentiment trajectory (hand-computed)', () => {
    const table = satisfactionFeatureTable([rocky]);
    expect(table.keys).toEqual(['c1']);
    // 9 minutes → ln 10; 2 s → ln 3; 6 messages → ln 7; 3 turns → ln 4; billing→refund→billing: 2 switches → ln 3.
    const expected = [Math.log(10), Math.log(3), Math.log(7), Math.log(4), 1, 1, Math.log(3), 2, -0.5, 0.5, 1, 1 / 3];
    table.values[0].forEach((value, j) => expect(value).toBeCloseTo(expected[j], 14));
    expect(table.readable[0]).toEqual([9, 2, 6, 3, 1, 1, 2, 2, -0.5, 0.5, 1, 1 / 3]);
    expect(table.completeness).toEqual([1]);
  });

  it('ignores unknown intents (the stream processor could not tell): they neither switch nor count', () => {
    const [values] = satisfactionFeatureTable([{ ...rocky, intents: ['billing', 'unknown', 'billing', 'unknown', 'refund'] }]).readable;
    expect([values[column('intent_switches')], values[column('unique_intents')]]).toEqual([1, 2]);
  });

  it('fills what a conversation did not show with the mean of those that did, and says how complete it was', () => {
    const table = satisfactionFeatureTable([rocky, bare]);
    const [first, second] = table.values;
    for (const name of ['response_seconds', 'sentiment_initial', 'sentiment_final', 'sentiment_delta', 'negative_share'] as const) {
      expect(second[column(name)]).toBe(first[column(name)]);
      expect(table.readable[1][column(name)]).toBeNull();
    }
    expect(second[column('duration_minutes')]).toBeCloseTo(Math.log(2), 14);
    expect(second[column('intent_switches')]).toBe(0);
    // 5 of 12 features missing.
    expect(table.completeness).toEqual([1, 7 / 12]);
  });

  it('fills with the given values when scoring, so a missing feature sits at the training mean', () => {
    const fill = SATISFACTION_FEATURES.map((_, j) => j / 10);
    const table = satisfactionFeatureTable([bare], { fill });
    expect(table.values[0][column('response_seconds')]).toBe(0.1);
    expect(table.values[0][column('negative_share')]).toBeCloseTo(1.1, 14);
    expect(table.fill).toEqual(fill);
    expect(() => satisfactionFeatureTable([bare], { fill: [0] })).toThrow(RangeError);
  });

  it('reads a log-scaled model value back in minutes, seconds or counts', () => {
    expect(satisfactionReadableValue('duration_minutes', Math.log(10))).toBeCloseTo(9, 12);
    expect(satisfactionReadableValue('sentiment_final', -0.25)).toBe(-0.25);
  });
});
