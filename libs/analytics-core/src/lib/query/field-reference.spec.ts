import { parseQueryFieldReference } from './field-reference';
import { validateMetricQuery } from './metric-query-validation';

describe('parseQueryFieldReference: context.<path>', () => {
  it.each([
    ['context.locale', ['locale']],
    ['context.page.path', ['page', 'path']],
    ['context.campaign.source', ['campaign', 'source']],
    ['context.userAgent', ['userAgent']],
    ['context.a.b_2.c.D4', ['a', 'b_2', 'c', 'D4']],
  ])('reads %s as the path %j', (key, path) => {
    expect(parseQueryFieldReference(key)).toEqual({ ok: true, reference: { kind: 'context', key, path } });
  });

  it.each([
    ['an empty path', 'context.'],
    ['an empty segment', 'context.page..path'],
    ['a trailing dot', 'context.page.'],
    ['a leading dot', 'context..page'],
    ['five segments', 'context.a.b.c.d.e'],
    ['a quote', "context.page'; drop table events; --"],
    ['a double quote', 'context.page"path'],
    ['the -> operator', 'context.page->path'],
    ['the #> operator', 'context.page#>path'],
    ['the #>> operator with an array literal', "context.page#>>'{path}'"],
    ['a space', 'context.page path'],
    ['a dollar placeholder', 'context.$1'],
    ['a non-ASCII letter', 'context.pagé'],
    ['a 65-character segment', `context.${'a'.repeat(65)}`],
  ])('refuses %s', (_name, key) => {
    expect(parseQueryFieldReference(key)).toEqual({
      ok: false,
      rule: 'isValidContextPath',
      message: 'must be context.<path> where the path has 1-4 dot-separated segments of 1-64 letters, digits or _',
    });
  });

  it('accepts a 64-character segment and four segments (the limits themselves)', () => {
    expect(parseQueryFieldReference(`context.${'a'.repeat(64)}`).ok).toBe(true);
    expect(parseQueryFieldReference('context.a.b.c.d').ok).toBe(true);
  });

  it.each(['context.ip', 'context.IP', 'context.ip.v4'])('refuses %s: the IP address is personal data', (key) => {
    expect(parseQueryFieldReference(key)).toEqual({
      ok: false,
      rule: 'isNotPersonalData',
      message: `must not be ${key.split('.').slice(0, 2).join('.')}: it is personal data and cannot be queried`,
    });
  });

  it('does not mistake a context segment named like ip for the ip (context.page.ip is not personal data here)', () => {
    expect(parseQueryFieldReference('context.page.ip')).toEqual({ ok: true, reference: { kind: 'context', key: 'context.page.ip', path: ['page', 'ip'] } });
  });

  it('names context.<path> among the accepted forms of an unknown field', () => {
    const parsed = parseQueryFieldReference('contexts.page');
    expect(parsed).toMatchObject({ ok: false, rule: 'isKnownField' });
    expect(!parsed.ok && parsed.message).toMatch(/properties\.<name> or context\.<path>$/);
  });
});

describe('validateMetricQuery with context references', () => {
  const range = { from: '2026-03-23T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', granularity: 'day' };

  it('takes context paths in the metric, group-by and typed filters, like properties', () => {
    const result = validateMetricQuery(
      {
        ...range,
        metric: { type: 'aggregate', field: 'context.screen.width', aggregation: 'avg' },
        groupBy: ['context.campaign.source'],
        filters: [
          { field: 'context.page.path', operator: 'equals', value: '/pricing' },
          { field: 'context.screen.width', operator: 'between', values: [300, 800] },
          { field: 'context.locale', operator: 'is_set' },
        ],
      },
      'Europe/Berlin',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.query.metric).toEqual({ type: 'aggregate', eventTypes: [], field: { kind: 'context', key: 'context.screen.width', path: ['screen', 'width'] }, aggregation: 'avg' });
    expect(result.query.groupBy).toEqual([{ kind: 'context', key: 'context.campaign.source', path: ['campaign', 'source'] }]);
    expect(result.query.filters.map((filter) => [filter.field.key, filter.operator, filter.values])).toEqual([
      ['context.page.path', 'equals', ['/pricing']],
      ['context.screen.width', 'between', [300, 800]],
      ['context.locale', 'is_set', []],
    ]);
  });

  it('names the request field and rule of every refused context reference', () => {
    const result = validateMetricQuery(
      {
        ...range,
        metric: { type: 'aggregate', field: 'context.ip', aggregation: 'count_distinct' },
        groupBy: ["context.page'; drop table events; --"],
        filters: [{ field: 'context.a.b.c.d.e', operator: 'equals', value: 'x' }],
      },
      'Europe/Berlin',
    );
    expect(!result.ok && result.issues).toEqual([
      { field: 'metric.field', rule: 'isNotPersonalData', message: 'metric.field must not be context.ip: it is personal data and cannot be queried' },
      { field: 'groupBy[0]', rule: 'isValidContextPath', message: expect.stringContaining('groupBy[0] must be context.<path>') },
      { field: 'filters[0].field', rule: 'isValidContextPath', message: expect.stringContaining('filters[0].field must be context.<path>') },
    ]);
  });
});
