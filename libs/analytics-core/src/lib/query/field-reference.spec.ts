import { parseQueryFieldReference, queryFieldIdentity, topLevelPropertyName } from './field-reference';
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
    expect(!parsed.ok && parsed.message).toMatch(/properties\.<path> or context\.<path>$/);
  });
});

describe('parseQueryFieldReference: properties.<path>', () => {
  it.each<[string, Array<string | number>]>([
    ['properties.plan', ['plan']],
    ['properties.order.items[0].sku', ['order', 'items', 0, 'sku']],
    ['properties.a.b[0].c', ['a', 'b', 0, 'c']],
    ['properties["a.b"]', ['a.b']],
    ['properties["a.b"].c[2]', ['a.b', 'c', 2]],
    ['properties.matrix[0][12]', ['matrix', 0, 12]],
    ['properties.a["x y"]["0"]', ['a', 'x y', '0']],
    ['properties["say \\"hi\\" \\\\ bye"]', ['say "hi" \\ bye']],
    ["properties[\"it's; DROP TABLE events\"]", ["it's; DROP TABLE events"]],
    ['properties.$current_url', ['$current_url']],
    ['properties.revenue:USD', ['revenue:USD']],
    ['properties.utm-source', ['utm-source']],
    ['properties.first name', ['first name']],
    ['properties.größe', ['größe']],
    ['properties.items[999999]', ['items', 999999]],
  ])('reads %s as the path %j', (key, path) => {
    expect(parseQueryFieldReference(key)).toEqual({ ok: true, reference: { kind: 'property', key, path } });
  });

  it.each([
    ['no path', 'properties.', 'needs a key of letters, digits, spaces or _ $ : - after the dot at character 11 (quote other keys: ["…"])'],
    ['an empty step', 'properties.a..b', 'needs a key of letters, digits, spaces or _ $ : - after the dot at character 13 (quote other keys: ["…"])'],
    ['a trailing dot', 'properties.a.', 'needs a key of letters, digits, spaces or _ $ : - after the dot at character 13 (quote other keys: ["…"])'],
    ['a negative index', 'properties.a[-1]', 'needs an array index [0] to [999999] (no sign or leading zero) or a quoted key ["…"] at character 13'],
    ['a leading zero', 'properties.a[01]', 'needs an array index [0] to [999999] (no sign or leading zero) or a quoted key ["…"] at character 13'],
    ['a fraction', 'properties.a[1.5]', 'needs an array index [0] to [999999] (no sign or leading zero) or a quoted key ["…"] at character 13'],
    ['an empty index', 'properties.a[]', 'needs an array index [0] to [999999] (no sign or leading zero) or a quoted key ["…"] at character 13'],
    ['a name in brackets', 'properties.a[b]', 'needs an array index [0] to [999999] (no sign or leading zero) or a quoted key ["…"] at character 13'],
    ['an index too large', 'properties.a[1000000]', 'needs an array index [0] to [999999] (no sign or leading zero) or a quoted key ["…"] at character 13'],
    ['an index first', 'properties[0]', 'starts with an index: the properties are an object, so the first step is a key'],
    ['an unclosed quote', 'properties["a', 'has a quoted key without its closing " at character 12'],
    ['a quoted key without ]', 'properties["a"', 'needs ] after the quoted key at character 15'],
    ['an empty quoted key', 'properties[""]', 'needs a quoted key of 1 to 128 characters at character 12'],
    ['an unknown escape', 'properties["a\\nb"]', 'has an escape other than \\" or \\\\ at character 14'],
    ['a control character', 'properties["a\tb"]', 'has a control character at character 14'],
    ['single quotes', "properties['a']", 'needs an array index [0] to [999999] (no sign or leading zero) or a quoted key ["…"] at character 11'],
    ['the -> operator', 'properties.a->b', 'has ">" at character 14 where . or [ must follow'],
    ['the #> operator', 'properties.a#>b', 'has "#" at character 13 where . or [ must follow'],
    ['SQL after a key', "properties.plan'); DROP TABLE events; --", `has "'" at character 16 where . or [ must follow`],
    ['nine steps', 'properties.a.b.c.d.e.f.g.h.i', 'has more than 8 keys and indices'],
    ['a 129-character key', `properties.${'k'.repeat(129)}`, 'has a key longer than 128 characters at character 12'],
  ])('refuses %s', (_name, key, problem) => {
    expect(parseQueryFieldReference(key)).toEqual({
      ok: false,
      rule: 'isValidPropertyName',
      message: `must be properties.<name> or a path such as properties.order.items[0].sku or properties["utm.source"]: this one ${problem}`,
    });
  });

  it('accepts eight steps and 128-character keys, plain or quoted (the limits themselves)', () => {
    expect(parseQueryFieldReference('properties.a.b.c.d.e.f.g[7]').ok).toBe(true);
    expect(parseQueryFieldReference(`properties.${'k'.repeat(128)}`).ok).toBe(true);
    expect(parseQueryFieldReference(`properties["${'.'.repeat(128)}"]`).ok).toBe(true);
    expect(parseQueryFieldReference(`properties["${'.'.repeat(129)}"]`).ok).toBe(false);
  });

  it('leaves fields that only start like properties to the field list', () => {
    expect(parseQueryFieldReference('propertiesplan')).toMatchObject({ ok: false, rule: 'isKnownField' });
  });

  it('gives one identity to one value however it is spelt, and names top-level properties', () => {
    const reference = (key: string) => {
      const parsed = parseQueryFieldReference(key);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.reference;
    };
    expect(queryFieldIdentity(reference('properties.plan'))).toBe(queryFieldIdentity(reference('properties["plan"]')));
    expect(queryFieldIdentity(reference('properties.a.b'))).not.toBe(queryFieldIdentity(reference('properties["a.b"]')));
    expect(queryFieldIdentity(reference('properties.a[0]'))).not.toBe(queryFieldIdentity(reference('properties.a["0"]')));
    expect(queryFieldIdentity(reference('properties.page.path'))).not.toBe(queryFieldIdentity(reference('context.page.path')));
    expect([reference('properties.revenue'), reference('properties["revenue"]'), reference('properties.order.revenue'), reference('device_type')].map(topLevelPropertyName)).toEqual([
      'revenue',
      'revenue',
      undefined,
      undefined,
    ]);
  });
});

describe('validateMetricQuery with property paths', () => {
  const range = { from: '2026-03-23T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', granularity: 'day' };

  it('refuses a group-by naming one property twice in two spellings', () => {
    const result = validateMetricQuery({ ...range, metric: { type: 'event_count' }, groupBy: ['properties.plan', 'properties["plan"]'] }, 'Europe/Berlin');
    expect(!result.ok && result.issues).toEqual([{ field: 'groupBy', rule: 'isUnique', message: 'groupBy must not name a field twice' }]);
  });

  it('names the request field of every malformed path', () => {
    const result = validateMetricQuery(
      {
        ...range,
        metric: { type: 'aggregate', field: 'properties.items[-1].price', aggregation: 'sum' },
        groupBy: ['properties["a'],
        filters: [{ field: 'properties.a..b', operator: 'is_set' }],
      },
      'Europe/Berlin',
    );
    expect(!result.ok && result.issues.map((issue) => [issue.field, issue.rule])).toEqual([
      ['metric.field', 'isValidPropertyName'],
      ['groupBy[0]', 'isValidPropertyName'],
      ['filters[0].field', 'isValidPropertyName'],
    ]);
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
