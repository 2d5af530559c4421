import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ReportDto } from './report.dto';
import { toReportDefinition } from './report-definition';
import { REPORT_TEMPLATES, REPORT_TYPES } from './report-templates';

const NOW = new Date('2026-04-01T10:00:00Z');

describe('report templates', () => {
  it.each(REPORT_TYPES.filter((type) => type !== 'custom'))('make a complete %s report from name, type, format and period alone', (type) => {
    const request = { name: 'Weekly', type, format: 'csv', period: 'last_7_days' };
    expect(validateSync(plainToInstance(ReportDto, request), { whitelist: true, forbidNonWhitelisted: true })).toEqual([]);
    const result = toReportDefinition(request, 'Europe/Berlin', NOW);
    expect(result).toEqual({ ok: true, definition: expect.objectContaining({ type, sections: REPORT_TEMPLATES[type] }) });
  });

  it.each(Object.entries(REPORT_TEMPLATES))('%s: every section passes the request shape a client would have to send', (_type, sections) => {
    const errors = validateSync(plainToInstance(ReportDto, { name: 'n', type: 'custom', format: 'json', period: 'previous_year', sections }), {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    expect(errors).toEqual([]);
  });
});

describe('toReportDefinition', () => {
  const weekly = { name: 'Weekly', type: 'commerce', format: 'csv', period: 'last_7_days' };
  const fields = (request: object) => {
    const result = toReportDefinition({ ...weekly, ...request }, 'Europe/Berlin', NOW);
    return result.ok ? [] : result.issues.map((issue) => `${issue.field}:${issue.rule}`);
  };

  it('accepts every format a writer exists for', () => {
    for (const format of ['csv', 'json', 'html', 'pdf', 'xlsx']) expect(fields({ format })).toEqual([]);
  });

  it('wants exactly one range: a period, or from and to', () => {
    expect(fields({ period: undefined })).toEqual(['period:isDefined']);
    expect(fields({ from: '2026-03-01', to: '2026-03-31' })).toEqual(['period:isExclusiveWithRange']);
    expect(fields({ period: undefined, from: '2026-02-30', to: '2026-03-31' })).toEqual(['from:isLocalDate']);
    expect(fields({ period: undefined, from: '2026-03-31', to: '2026-03-01' })).toEqual(['to:isWithinRange']);
    expect(fields({ period: undefined, from: '2026-03-01', to: '2026-03-31' })).toEqual([]);
  });

  it('wants sections for a custom report', () => {
    expect(fields({ type: 'custom' })).toEqual(['sections:isDefined']);
  });

  it("names a section query's problem by its place in the request", () => {
    const sections = [
      { title: 'Notes', kind: 'text', text: 'hello' },
      { title: 'Bad', kind: 'table', query: { metric: { type: 'aggregate', field: 'properties.revenue' }, granularity: 'day' } },
      { title: 'Too fine', kind: 'chart', query: { metric: { type: 'event_count' }, granularity: 'minute' } },
    ];
    expect(fields({ type: 'custom', period: 'last_90_days', sections })).toEqual([
      'sections[1].query.metric.aggregation:isKnownAggregation',
      'sections[2].query.granularity:maxBuckets',
    ]);
  });
});

describe('section sources', () => {
  const week = { name: 'Weekly', type: 'custom', format: 'pdf', period: 'last_7_days' };
  const funnel = { steps: [{ eventType: 'page_view' }, { eventType: 'purchase' }], conversionWindow: { value: 1, unit: 'day' } };
  /** The request shape's complaints, as `sections[0].query.steps` paths. */
  const shapeProblems = (sections: object[]) => {
    const paths: string[] = [];
    const walk = (errors: ReturnType<typeof validateSync>, parent: string) => {
      for (const error of errors) {
        const path = parent === '' ? error.property : `${parent}.${error.property}`;
        for (const rule of Object.keys(error.constraints ?? {})) paths.push(`${path}:${rule}`);
        walk(error.children ?? [], path);
      }
    };
    walk(validateSync(plainToInstance(ReportDto, { ...week, sections }), { whitelist: true, forbidNonWhitelisted: true }), '');
    return paths;
  };
  const definitionProblems = (sections: object[]) => {
    const result = toReportDefinition({ ...week, sections: sections as never }, 'Europe/Berlin', NOW);
    return result.ok ? [] : result.issues.map((issue) => `${issue.field}:${issue.rule}`);
  };

  it('checks each query against its source’s shape', () => {
    expect(
      shapeProblems([
        { title: 'Funnel', kind: 'chart', source: 'funnel', query: { ...funnel, steps: [] } },
        { title: 'Funnel', kind: 'table', source: 'funnel', query: { ...funnel, steps: [{ eventType: 'page_view' }] } },
        { title: 'Retention', kind: 'table', source: 'retention', query: { period: 'fortnight', periods: 4 } },
        { title: 'Commerce', kind: 'table', source: 'commerce', query: { breakdown: 'colour' } },
        { title: 'Conversations', kind: 'table', source: 'conversations', query: { metric: { type: 'event_count' } } },
        { title: 'Nowhere', kind: 'table', source: 'elsewhere', query: { metric: { type: 'event_count' }, granularity: 'day' } },
      ]),
    ).toEqual([
      'sections.0.query.steps:arrayMinSize',
      'sections.1.query.steps:arrayMinSize',
      'sections.2.query.period:isIn',
      'sections.3.query.breakdown:isIn',
      'sections.4.query.metric:whitelistValidation',
      'sections.5.source:isIn',
    ]);
    // The domain sources need no query; the others do.
    expect(shapeProblems([{ title: 'Commerce', kind: 'metric', source: 'commerce' }, { title: 'Conversations', kind: 'table', source: 'conversations' }])).toEqual([]);
    expect(shapeProblems([{ title: 'Funnel', kind: 'chart', source: 'funnel' }])).toEqual(['sections.0.query:isDefined', 'sections.0.query:isObject']);
  });

  it('refuses a kind the source cannot be and a funnel the engine would reject', () => {
    expect(
      definitionProblems([
        { title: 'Retention', kind: 'metric', source: 'retention', query: { period: 'week', periods: 4 } },
        { title: 'Two windows', kind: 'table', source: 'funnel', query: { ...funnel, conversionWindowSeconds: 60 } },
        { title: 'Exclusion', kind: 'table', source: 'funnel', query: { ...funnel, exclusions: [{ eventType: 'refund', afterStep: 2, beforeStep: 2 }] } },
        { title: 'Fine', kind: 'metric', source: 'funnel', query: funnel },
        { title: 'Fine too', kind: 'chart', source: 'conversations' },
      ]),
    ).toEqual(['sections[0].kind:isSupportedBySource', 'sections[1].query.conversionWindow:exactlyOneWindow', expect.stringMatching(/^sections\[2\]\.query\.exclusions\[0\]/)]);
  });
});
