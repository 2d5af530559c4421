import type { Widget } from './dashboard-types';
import { emptyWidgetForm, propertyFilterOf, widgetBodyOf, widgetFormOf, widgetFormProblems, type WidgetForm } from './widget-form';

const form = (changes: Partial<WidgetForm>): WidgetForm => ({ ...emptyWidgetForm(), ...changes });

describe('widgetBodyOf', () => {
  it('builds a counter of one event type with its number format', () => {
    expect(widgetBodyOf(form({ type: 'counter', title: ' Orders ', eventType: 'purchase', format: 'number' }))).toEqual({
      type: 'counter',
      title: 'Orders',
      query: { metric: { type: 'event_count', events: ['purchase'] }, granularity: 'day' },
      options: { format: 'number' },
    });
  });

  it('builds an aggregation of a property grouped by one field for a bar chart', () => {
    const body = widgetBodyOf(
      form({
        type: 'bar',
        title: 'Revenue by country',
        eventType: 'purchase',
        measure: 'sum',
        field: 'properties.revenue',
        groupBy: 'context.geo.country, extra',
      }),
    );
    expect(body.query).toEqual({
      metric: { type: 'aggregate', aggregation: 'sum', field: 'properties.revenue', events: ['purchase'] },
      granularity: 'day',
      groupBy: ['context.geo.country'],
    });
  });

  it('keeps up to three group-by fields for a table and none for a counter', () => {
    expect(widgetBodyOf(form({ type: 'table', title: 't', groupBy: 'a,b,c,d' })).query?.['groupBy']).toEqual(['a', 'b', 'c']);
    expect(widgetBodyOf(form({ type: 'counter', title: 't', groupBy: 'a' })).query?.['groupBy']).toBeUndefined();
  });

  it('builds a funnel of the named steps with the window in days', () => {
    expect(
      widgetBodyOf(form({ type: 'funnel', title: 'Checkout', funnelSteps: ['page_view', ' ', 'purchase'], conversionWindowDays: 3 })).query,
    ).toEqual({
      steps: [{ eventType: 'page_view' }, { eventType: 'purchase' }],
      conversionWindow: { value: 3, unit: 'day' },
    });
  });

  it('builds a conversation ROI widget with only the assumptions typed, and reads them back', () => {
    const typed = form({ type: 'conversation_roi', title: 'ROI', roi: { humanAgentCostPerHour: '42.5', minutesPerConversation: ' ', aiCostPerConversation: '0' } });
    const body = widgetBodyOf(typed);
    expect(body).toEqual({ type: 'conversation_roi', title: 'ROI', query: { humanAgentCostPerHour: 42.5, aiCostPerConversation: 0 } });
    expect(widgetFormOf({ id: 'w', type: 'conversation_roi', title: 'ROI', query: body.query, options: {} } as never).roi).toEqual({
      humanAgentCostPerHour: '42.5',
      minutesPerConversation: '',
      aiCostPerConversation: '0',
    });
    expect(widgetFormProblems({ ...typed, roi: { ...typed.roi, minutesPerConversation: '-3' } })).toEqual([
      'Minutes per conversation: enter a number of 0 or more, or leave it blank.',
    ]);
  });

  it('builds a retention heatmap and a text widget', () => {
    expect(
      widgetBodyOf(form({ type: 'retention_heatmap', title: 'r', returnEvent: 'purchase', retentionPeriod: 'week', retentionPeriods: 4 }))
        .query,
    ).toEqual({
      returnEvent: { eventType: 'purchase' },
      period: 'week',
      periods: 4,
    });
    expect(widgetBodyOf(form({ type: 'text', title: 'Note', text: 'Hello' }))).toEqual({
      type: 'text',
      title: 'Note',
      options: { text: 'Hello' },
    });
  });
});

describe('propertyFilterOf', () => {
  it('types the value by operator', () => {
    expect(propertyFilterOf({ field: 'properties.revenue', operator: 'gt', value: '10.5' })).toEqual({
      field: 'properties.revenue',
      operator: 'gt',
      value: 10.5,
    });
    expect(propertyFilterOf({ field: 'context.geo.country', operator: 'in', value: 'DE, FR' })).toEqual({
      field: 'context.geo.country',
      operator: 'in',
      values: ['DE', 'FR'],
    });
    expect(propertyFilterOf({ field: 'properties.coupon', operator: 'is_set', value: 'x' })).toEqual({
      field: 'properties.coupon',
      operator: 'is_set',
    });
    expect(propertyFilterOf({ field: 'properties.plan', operator: 'equals', value: 'pro' })).toEqual({
      field: 'properties.plan',
      operator: 'equals',
      value: 'pro',
    });
  });
});

describe('widgetFormOf', () => {
  it('reads back what widgetBodyOf wrote', () => {
    const original = form({
      type: 'time_series',
      title: 'Buyers',
      eventType: 'purchase',
      measure: 'unique_users',
      granularity: 'week',
      groupBy: 'context.geo.country',
      filters: [{ field: 'properties.plan', operator: 'equals', value: 'pro' }],
    });
    const body = widgetBodyOf(original);
    const widget: Widget = {
      id: 'w',
      dashboardId: 'd',
      order: 0,
      refreshSeconds: null,
      position: { x: 0, y: 0, w: 6, h: 4 },
      type: body.type,
      title: body.title,
      query: body.query ?? null,
      options: body.options ?? {},
    };
    expect(widgetFormOf(widget)).toEqual(original);
  });
});

describe('widgetFormProblems', () => {
  it('names what is missing', () => {
    expect(widgetFormProblems(form({ type: 'bar', title: '', measure: 'sum' }))).toEqual([
      'Title: enter a title.',
      'Property: an aggregation needs the property it aggregates (e.g. properties.revenue).',
      'Group by: this widget type needs a field to group by.',
    ]);
    expect(widgetFormProblems(form({ title: 'ok' }))).toEqual([]);
  });
});
