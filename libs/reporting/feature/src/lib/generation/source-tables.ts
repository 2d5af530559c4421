import {
  periodChange,
  type ChannelPerformance,
  type CommerceSummary,
  type ConversationMetrics,
  type FunnelResult,
  type FunnelStepResult,
  type RetentionPeriod,
  type RetentionResult,
} from '@pulse/analytics-core';
import type { ReportSectionKind } from '@pulse/reporting-data-access';
import { METRIC_COLUMNS, type ReportCell, type ReportSectionTable } from './report-content';

// Tables of the sections that do not read a metric query: funnels, retention and the domain endpoints.
// Pure: the reader fetches, these lay the answers out the way every file format writes them.

/** A figure of a domain metric section, over the report's days and the previous period of equal length. */
export interface PeriodFigure {
  label: string;
  current: number | null;
  previous: number | null;
}

/** Fractions are written as percentages with two decimals, as the metric engine's change % is. */
export function percent(fraction: number | null): number | null {
  return fraction === null || !Number.isFinite(fraction) ? null : Math.round(fraction * 10_000) / 100;
}

/**
 * A metric section of several figures: one row each (the figure's name the group column), its value, the
 * previous period's, and the change, so that headline figures read "Orders funnel — Conversion %".
 */
export function figuresTable(title: string, figures: readonly PeriodFigure[], previousPeriod: { from: string; to: string }): ReportSectionTable {
  return {
    title,
    kind: 'metric',
    columns: ['figure', ...METRIC_COLUMNS],
    groupColumns: 1,
    previousPeriod,
    // Figures of different units (money, rates, counts) side by side: no bar chart compares them.
    chart: { type: 'none' },
    rows: figures.map((figure) => {
      const change = periodChange(figure.current, figure.previous);
      return [figure.label, figure.current, figure.previous, change.change, percent(change.changeRatio)];
    }),
  };
}

/** Entered the funnel, completed it, and the share that did (%). */
export function funnelFigures(current: FunnelResult, previous: FunnelResult): PeriodFigure[] {
  const entered = (result: FunnelResult) => result.steps[0]?.users ?? 0;
  const completed = (result: FunnelResult) => result.steps[result.steps.length - 1]?.users ?? 0;
  const conversion = (result: FunnelResult) => percent(result.steps[result.steps.length - 1]?.conversionFromFirst ?? null);
  return [
    { label: 'Entered', current: entered(current), previous: entered(previous) },
    { label: 'Completed', current: completed(current), previous: completed(previous) },
    { label: 'Conversion %', current: conversion(current), previous: conversion(previous) },
  ];
}

const FUNNEL_STEP_COLUMNS = ['step', 'event', 'users', 'conversionFromFirstPercent', 'conversionFromPreviousPercent', 'droppedUsers', 'medianSecondsFromPrevious'];

/** One row per step (and per breakdown value after the overall steps when the funnel has a breakdown), drawn as a funnel. */
export function funnelTable(title: string, kind: ReportSectionKind, result: FunnelResult, breakdownProperty?: string): ReportSectionTable {
  const stepCells = (step: FunnelStepResult): ReportCell[] => [
    step.step,
    step.eventType,
    step.users,
    percent(step.conversionFromFirst),
    percent(step.conversionFromPrevious),
    step.droppedUsers,
    step.medianSecondsFromPrevious,
  ];
  if (breakdownProperty === undefined) {
    return { title, kind, columns: FUNNEL_STEP_COLUMNS, rows: result.steps.map(stepCells), chart: { type: 'funnel' } };
  }
  // The overall funnel first (breakdown "(all)"), then each value's: the chart draws the overall one.
  const rows = [
    ...result.steps.map((step) => ['(all)', ...stepCells(step)]),
    ...(result.breakdowns ?? []).flatMap((group) => group.steps.map((step) => [group.breakdownValue ?? '(none)', ...stepCells(step)])),
  ];
  return { title, kind, columns: [breakdownProperty, ...FUNNEL_STEP_COLUMNS], rows, chart: { type: 'funnel' } };
}

/** One row per cohort: its first local day, its size, and the % of it active in each following period. */
export function retentionTable(title: string, kind: ReportSectionKind, result: RetentionResult, period: RetentionPeriod): ReportSectionTable {
  const periods = Math.max(0, ...result.cohorts.map((cohort) => cohort.percentages.length));
  const periodColumns = Array.from({ length: periods }, (_, index) => `${period}_${index}`);
  return {
    title,
    kind,
    columns: ['cohort', 'size', ...periodColumns],
    chart: { type: 'retention' },
    rows: result.cohorts.map((cohort) => [
      cohort.periodStart,
      cohort.size,
      ...periodColumns.map((_, index) => (index < cohort.percentages.length ? percent(cohort.percentages[index]) : null)),
    ]),
  };
}

/** `GET /v1/conversations/metrics`' figures; rates as %. */
export function conversationFigures(current: ConversationMetrics, previous: ConversationMetrics): PeriodFigure[] {
  const figure = (label: string, read: (metrics: ConversationMetrics) => number) => ({ label, current: read(current), previous: read(previous) });
  return [
    figure('Conversations', (metrics) => metrics.totalConversations),
    figure('Resolved', (metrics) => metrics.resolvedConversations),
    figure('Escalated', (metrics) => metrics.escalatedConversations),
    figure('Abandoned', (metrics) => metrics.abandonedConversations),
    figure('Resolution rate %', (metrics) => percent(metrics.resolutionRate) as number),
    figure('Average response time (ms)', (metrics) => Math.round(metrics.avgResponseTimeMs)),
    figure('Messages per conversation', (metrics) => Math.round(metrics.avgConversationLength * 100) / 100),
    figure('Unique customers', (metrics) => metrics.uniqueCustomers),
  ];
}

const CONVERSATION_COLUMNS = ['conversations', 'resolved', 'escalated', 'abandoned', 'resolutionRatePercent', 'avgResponseTimeMs'];

/** `GET /v1/conversations/daily`: a row per local day, drawn as a line per outcome. */
export function conversationDailyTable(title: string, kind: ReportSectionKind, days: ReadonlyArray<ConversationMetrics & { day: string }>): ReportSectionTable {
  return {
    title,
    kind,
    columns: ['day', ...CONVERSATION_COLUMNS],
    chart: { type: 'lines', xColumn: 'day', seriesColumns: ['conversations', 'resolved', 'escalated', 'abandoned'] },
    rows: days.map((day) => [
      day.day,
      day.totalConversations,
      day.resolvedConversations,
      day.escalatedConversations,
      day.abandonedConversations,
      percent(day.resolutionRate),
      Math.round(day.avgResponseTimeMs),
    ]),
  };
}

/** `GET /v1/conversations/channels`: a row per channel, drawn as bars of conversations. */
export function conversationChannelTable(title: string, kind: ReportSectionKind, channels: readonly ChannelPerformance[]): ReportSectionTable {
  return {
    title,
    kind,
    columns: ['channel', ...CONVERSATION_COLUMNS, 'sharePercent'],
    chart: { type: 'bars', labelColumn: 'channel', valueColumn: 'conversations' },
    rows: channels.map((channel) => [
      channel.channel,
      channel.conversations,
      channel.resolved,
      channel.escalated,
      channel.abandoned,
      percent(channel.resolutionRate),
      Math.round(channel.avgResponseTimeMs),
      percent(channel.share),
    ]),
  };
}

/** `GET /v1/commerce/dashboard`'s summary in the tenant's currency; the conversion rate as %. */
export function commerceFigures(current: CommerceSummary, previous: CommerceSummary, currency: string): PeriodFigure[] {
  const figure = (label: string, read: (summary: CommerceSummary) => number) => ({ label, current: read(current), previous: read(previous) });
  return [
    figure(`Revenue (${currency})`, (summary) => summary.revenue),
    figure('Orders', (summary) => summary.orders),
    figure(`Average order value (${currency})`, (summary) => Math.round(summary.averageCartValue * 100) / 100),
    figure('Buyers', (summary) => summary.buyers),
    figure('Visitors', (summary) => summary.visitors),
    figure('Conversion rate %', (summary) => percent(summary.conversionRate) as number),
  ];
}

/** Revenue per product category or region with its share, drawn as bars of revenue. */
export function revenueSliceTable(
  title: string,
  kind: ReportSectionKind,
  breakdown: string,
  slices: ReadonlyArray<{ key: string; revenue: number; orders: number; revenueShare: number }>,
): ReportSectionTable {
  return {
    title,
    kind,
    columns: [breakdown, 'revenue', 'orders', 'revenueSharePercent'],
    chart: { type: 'bars', labelColumn: breakdown, valueColumn: 'revenue' },
    rows: slices.map((slice) => [slice.key, slice.revenue, slice.orders, percent(slice.revenueShare)]),
  };
}
