import type { AlertRuleDefinition } from '@pulse/ml-data-access';
import { watchesTheSame } from './alert-rule-edit';

const rule: AlertRuleDefinition = {
  name: 'Checkout errors',
  query: { metric: { type: 'event_count', events: ['checkout_failed'] }, filters: [{ field: 'country', operator: 'equals', value: 'DE' }] },
  condition: { kind: 'threshold', operator: 'above', value: 2 },
  granularity: 'minute',
  cooldownSeconds: 0,
  webhookUrl: 'https://hooks.example.com/a',
  enabled: true,
};

describe('an edit of an alert rule', () => {
  it('watches the same thing when only its name, cooldown or webhook change', () => {
    expect(watchesTheSame(rule, { ...rule, name: 'Renamed', cooldownSeconds: 600, webhookUrl: 'https://hooks.example.com/b' })).toBe(true);
  });

  it('compares the query by its fields, not their order (a stored query comes back from jsonb reordered)', () => {
    const reordered = { filters: rule.query['filters'], metric: { events: ['checkout_failed'], type: 'event_count' } };
    expect(watchesTheSame(rule, { ...rule, query: reordered })).toBe(true);
  });

  it.each([
    ['the threshold', { condition: { kind: 'threshold', operator: 'above', value: 10 } }],
    ['the condition kind', { condition: { kind: 'anomaly', method: 'auto', sensitivity: 0.5 } }],
    ['the metric', { query: { metric: { type: 'event_count', events: ['purchase'] } } }],
    ['a filter', { query: { ...rule.query, filters: [] } }],
    ['the zone', { query: { ...rule.query, timeZone: 'Europe/Berlin' } }],
    ['the granularity', { granularity: 'hour' }],
    ['enabled (off)', { enabled: false }],
  ] as Array<[string, Partial<AlertRuleDefinition>]>)('watches something else when %s changes', (_change, edit) => {
    expect(watchesTheSame(rule, { ...rule, ...edit })).toBe(false);
  });

  it('watches something new when a disabled rule is enabled again', () => {
    expect(watchesTheSame({ ...rule, enabled: false }, rule)).toBe(false);
  });
});
