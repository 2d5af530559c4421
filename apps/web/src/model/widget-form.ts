import type { PropertyFilter, Widget, WidgetBody, WidgetType } from './dashboard-types';
import type { NumberFormat } from './number-format';

/** What the query builder measures: a count of events or users, or an aggregation of a property. */
export const MEASURES = ['event_count', 'unique_users', 'sum', 'avg', 'min', 'max', 'count_distinct', 'p50', 'p95', 'p99'] as const;
export type Measure = (typeof MEASURES)[number];
export const GRANULARITIES = ['hour', 'day', 'week', 'month'] as const;
export const FILTER_OPERATORS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'contains',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_set',
  'is_not_set',
] as const;
const NUMERIC_OPERATORS = new Set(['gt', 'gte', 'lt', 'lte']);
const LIST_OPERATORS = new Set(['in', 'not_in']);
const VALUELESS_OPERATORS = new Set(['is_set', 'is_not_set']);

/** Widget types whose query is a metric query (the body of `POST /v1/query` without the range). */
export const METRIC_WIDGET_TYPES: readonly WidgetType[] = [
  'counter',
  'time_series',
  'bar',
  'table',
  'top_list',
  'anomaly_band',
  'forecast',
];
/** Types whose metric query needs a group-by field (the table takes up to three). */
const GROUPED_TYPES: readonly WidgetType[] = ['bar', 'table', 'top_list'];
const UNGROUPED_TYPES: readonly WidgetType[] = ['counter', 'anomaly_band', 'forecast'];

export interface FilterRow {
  field: string;
  operator: string;
  value: string;
}

/** The query builder's form: one flat record for every widget type, turned into the API's body. */
export interface WidgetForm {
  type: WidgetType;
  title: string;
  eventType: string;
  measure: Measure;
  field: string;
  granularity: string;
  groupBy: string;
  filters: FilterRow[];
  format: NumberFormat;
  funnelSteps: string[];
  conversionWindowDays: number;
  cohortEvent: string;
  returnEvent: string;
  retentionPeriod: 'day' | 'week' | 'month';
  retentionPeriods: number;
  liveMetric: string;
  text: string;
  /** Conversation ROI assumptions as typed; blank keeps the service's default. */
  roi: Record<RoiAssumption, string>;
}

/** `GET /v1/conversations/roi`'s assumptions a conversation ROI widget may set. */
export const ROI_ASSUMPTIONS = ['humanAgentCostPerHour', 'minutesPerConversation', 'aiCostPerConversation'] as const;
export type RoiAssumption = (typeof ROI_ASSUMPTIONS)[number];

export function emptyWidgetForm(): WidgetForm {
  return {
    type: 'counter',
    title: '',
    eventType: '',
    measure: 'event_count',
    field: '',
    granularity: 'day',
    groupBy: '',
    filters: [],
    format: 'number',
    funnelSteps: ['page_view', 'purchase'],
    conversionWindowDays: 7,
    cohortEvent: '',
    returnEvent: '',
    retentionPeriod: 'day',
    retentionPeriods: 7,
    liveMetric: 'events_today',
    text: '',
    roi: { humanAgentCostPerHour: '', minutesPerConversation: '', aiCostPerConversation: '' },
  };
}

/** Problems the form shows before sending (the service checks the rest and names the field). */
export function widgetFormProblems(form: WidgetForm): string[] {
  const problems: string[] = [];
  if (!form.title.trim()) problems.push('Title: enter a title.');
  if (METRIC_WIDGET_TYPES.includes(form.type)) {
    if (form.measure !== 'event_count' && form.measure !== 'unique_users' && !form.field.trim()) {
      problems.push('Property: an aggregation needs the property it aggregates (e.g. properties.revenue).');
    }
    if (GROUPED_TYPES.includes(form.type) && groupByFields(form.groupBy).length === 0)
      problems.push('Group by: this widget type needs a field to group by.');
  }
  if (form.type === 'funnel' && form.funnelSteps.filter((step) => step.trim()).length < 2) problems.push('Funnel: at least two steps.');
  if (form.type === 'text' && !form.text.trim()) problems.push('Text: enter the text to show.');
  if (form.type === 'conversation_roi') {
    for (const assumption of ROI_ASSUMPTIONS) {
      const typed = form.roi[assumption].trim();
      if (typed !== '' && !(Number.isFinite(Number(typed)) && Number(typed) >= 0)) problems.push(`${ROI_LABELS[assumption]}: enter a number of 0 or more, or leave it blank.`);
    }
  }
  form.filters.forEach((filter, index) => {
    if (!filter.field.trim()) problems.push(`Filter ${index + 1}: choose a field.`);
  });
  return problems;
}

export const ROI_LABELS: Record<RoiAssumption, string> = {
  humanAgentCostPerHour: 'Human agent cost per hour',
  minutesPerConversation: 'Minutes per conversation',
  aiCostPerConversation: 'AI cost per conversation',
};

/** The body of `POST/PUT /v1/dashboards/:id/widgets` the form describes. */
export function widgetBodyOf(form: WidgetForm): WidgetBody {
  const base = { type: form.type, title: form.title.trim() };
  switch (form.type) {
    case 'funnel':
      return {
        ...base,
        query: {
          steps: form.funnelSteps.filter((step) => step.trim()).map((eventType) => ({ eventType: eventType.trim() })),
          conversionWindow: { value: form.conversionWindowDays, unit: 'day' },
        },
      };
    case 'retention_heatmap':
      return {
        ...base,
        query: {
          ...(form.cohortEvent.trim() ? { cohortEvent: { eventType: form.cohortEvent.trim() } } : {}),
          ...(form.returnEvent.trim() ? { returnEvent: { eventType: form.returnEvent.trim() } } : {}),
          period: form.retentionPeriod,
          periods: form.retentionPeriods,
        },
      };
    case 'conversation_roi':
      return {
        ...base,
        query: Object.fromEntries(ROI_ASSUMPTIONS.filter((assumption) => form.roi[assumption].trim() !== '').map((assumption) => [assumption, Number(form.roi[assumption])])),
      };
    case 'live_counter':
      return { ...base, query: { metric: form.liveMetric }, options: { format: form.format } };
    case 'text':
      return { ...base, options: { text: form.text } };
    default:
      return { ...base, query: metricQueryOf(form), options: form.type === 'counter' ? { format: form.format } : {} };
  }
}

/** The form that edits a stored widget (fields the form does not know are left as they are by PUT). */
export function widgetFormOf(widget: Widget): WidgetForm {
  const form: WidgetForm = { ...emptyWidgetForm(), type: widget.type, title: widget.title };
  const query = widget.query ?? {};
  const options = widget.options ?? {};
  if (typeof options['format'] === 'string') form.format = options['format'] as NumberFormat;
  if (typeof options['text'] === 'string') form.text = options['text'];
  if (widget.type === 'funnel') {
    const steps = (query['steps'] as { eventType: string }[] | undefined) ?? [];
    form.funnelSteps = steps.map((step) => step.eventType);
    const window = query['conversionWindow'] as { value: number; unit: string } | undefined;
    const seconds = window
      ? window.value * ({ minute: 60, hour: 3600, day: 86400, week: 604800 }[window.unit] ?? 86400)
      : Number(query['conversionWindowSeconds'] ?? 604800);
    form.conversionWindowDays = Math.max(1, Math.round(seconds / 86400));
  } else if (widget.type === 'retention_heatmap') {
    form.cohortEvent = (query['cohortEvent'] as { eventType?: string } | undefined)?.eventType ?? '';
    form.returnEvent = (query['returnEvent'] as { eventType?: string } | undefined)?.eventType ?? '';
    form.retentionPeriod = (query['period'] as WidgetForm['retentionPeriod']) ?? 'day';
    form.retentionPeriods = Number(query['periods'] ?? 7);
  } else if (widget.type === 'conversation_roi') {
    for (const assumption of ROI_ASSUMPTIONS) {
      const value = query[assumption];
      form.roi = { ...form.roi, [assumption]: typeof value === 'number' ? String(value) : '' };
    }
  } else if (widget.type === 'live_counter') {
    form.liveMetric = String(query['metric'] ?? 'events_today');
  } else if (METRIC_WIDGET_TYPES.includes(widget.type)) {
    const metric = (query['metric'] as { type?: string; events?: string[]; field?: string; aggregation?: string } | undefined) ?? {};
    form.measure = (metric.type === 'aggregate' ? metric.aggregation : metric.type) as Measure;
    form.eventType = metric.events?.[0] ?? '';
    form.field = metric.field ?? '';
    form.granularity = String(query['granularity'] ?? 'day');
    form.groupBy = ((query['groupBy'] as string[] | undefined) ?? []).join(', ');
    form.filters = ((query['filters'] as PropertyFilter[] | undefined) ?? []).map(filterRowOf);
  }
  return form;
}

function metricQueryOf(form: WidgetForm): Record<string, unknown> {
  const counted = form.measure === 'event_count' || form.measure === 'unique_users';
  const metric: Record<string, unknown> = counted
    ? { type: form.measure }
    : { type: 'aggregate', aggregation: form.measure, field: form.field.trim() };
  if (form.eventType.trim()) metric['events'] = [form.eventType.trim()];
  const query: Record<string, unknown> = { metric, granularity: form.granularity };
  const groupBy = groupByFields(form.groupBy);
  if (groupBy.length > 0 && !UNGROUPED_TYPES.includes(form.type))
    query['groupBy'] = form.type === 'table' ? groupBy.slice(0, 3) : groupBy.slice(0, 1);
  if (form.filters.length > 0) query['filters'] = form.filters.map(propertyFilterOf);
  return query;
}

function groupByFields(text: string): string[] {
  return text
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
}

/** A filter row as the engine takes it: numbers for comparisons, a list for in/not in, no value for is set. */
export function propertyFilterOf(row: FilterRow): PropertyFilter {
  const field = row.field.trim();
  if (VALUELESS_OPERATORS.has(row.operator)) return { field, operator: row.operator };
  if (LIST_OPERATORS.has(row.operator)) return { field, operator: row.operator, values: row.value.split(',').map((value) => value.trim()) };
  if (NUMERIC_OPERATORS.has(row.operator) && row.value.trim() !== '' && Number.isFinite(Number(row.value))) {
    return { field, operator: row.operator, value: Number(row.value) };
  }
  return { field, operator: row.operator, value: row.value };
}

function filterRowOf(filter: PropertyFilter): FilterRow {
  const value = filter.values ? filter.values.join(', ') : filter.value === undefined ? '' : String(filter.value);
  return { field: filter.field, operator: filter.operator, value };
}
