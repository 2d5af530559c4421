import { daysBetweenInclusive, isLocalDate, localDayRange, type LocalDayRange, type QueryIssue } from '@pulse/analytics-core';
import type { ReportDefinition, ReportSection } from '@pulse/reporting-data-access';
import { resolveReportPeriod, type ReportPeriod } from './report-period';
import { REPORT_TEMPLATES, type ReportType } from './report-templates';
import { sectionIssues } from './section-query';

/** The longest fixed range a report may cover: a year and a day (a leap year). */
export const MAX_REPORT_DAYS = 366;

/** A report's fields after the request's shape was checked (`ReportDto`). */
export interface ReportRequest {
  name: string;
  description?: string;
  type: string;
  format: string;
  period?: string;
  from?: string;
  to?: string;
  sections?: ReportSection[];
}

export type ReportDefinitionResult = { ok: true; definition: ReportDefinition } | { ok: false; issues: QueryIssue[] };

/**
 * Turns a request into what is stored, refusing what could not be generated: no range or two, a custom
 * report without sections, a section kind its source cannot be, a section query its engine would reject
 * over the report's days (checked at `now` for a relative period). Issues name the request's fields
 * (`sections[2].query.metric.field`).
 */
export function toReportDefinition(request: ReportRequest, tenantTimeZone: string, now: Date): ReportDefinitionResult {
  const issues: QueryIssue[] = [];
  const range = reportRange(request, tenantTimeZone, now, issues);
  const sections = request.sections ?? (request.type === 'custom' ? undefined : REPORT_TEMPLATES[request.type as Exclude<ReportType, 'custom'>]);
  if (sections === undefined)
    issues.push({ field: 'sections', rule: 'isDefined', message: 'sections are required for a custom report (other types have a template)' });
  if (range && sections) {
    sections.forEach((section, index) => {
      for (const issue of sectionIssues(section, range, tenantTimeZone)) issues.push({ ...issue, field: `sections[${index}].${issue.field}` });
    });
  }
  if (issues.length > 0 || !sections) return { ok: false, issues };
  return {
    ok: true,
    definition: {
      name: request.name,
      description: request.description ?? null,
      type: request.type,
      format: request.format,
      period: request.period ?? null,
      rangeFrom: request.period === undefined ? (request.from ?? null) : null,
      rangeTo: request.period === undefined ? (request.to ?? null) : null,
      sections,
    },
  };
}

/** The days a run asked for at `now` covers. */
export function reportRunRange(report: Pick<ReportDefinition, 'period' | 'rangeFrom' | 'rangeTo'>, tenantTimeZone: string, now: Date): LocalDayRange {
  if (report.period !== null) return resolveReportPeriod(report.period as ReportPeriod, now, tenantTimeZone);
  return localDayRange(report.rangeFrom as string, report.rangeTo as string, tenantTimeZone);
}

function reportRange(request: ReportRequest, timeZone: string, now: Date, issues: QueryIssue[]): LocalDayRange | null {
  const fixed = request.from !== undefined || request.to !== undefined;
  if (request.period !== undefined && fixed) {
    issues.push({ field: 'period', rule: 'isExclusiveWithRange', message: 'give either period or from and to, not both' });
    return null;
  }
  if (request.period !== undefined) return resolveReportPeriod(request.period as ReportPeriod, now, timeZone);
  if (!fixed) {
    issues.push({ field: 'period', rule: 'isDefined', message: 'period (last_7_days, previous_month, …) or from and to are required' });
    return null;
  }
  const before = issues.length;
  for (const field of ['from', 'to'] as const) {
    const value = request[field];
    if (value === undefined) issues.push({ field, rule: 'isDefined', message: `${field} is required with ${field === 'from' ? 'to' : 'from'}` });
    else if (!isLocalDate(value)) issues.push({ field, rule: 'isLocalDate', message: `${field} must be a calendar date YYYY-MM-DD` });
  }
  if (issues.length > before) return null;
  const days = daysBetweenInclusive(request.from as string, request.to as string);
  if (days < 1 || days > MAX_REPORT_DAYS) {
    issues.push({ field: 'to', rule: 'isWithinRange', message: `to must be on or after from, at most ${MAX_REPORT_DAYS} days in all` });
    return null;
  }
  return localDayRange(request.from as string, request.to as string, timeZone);
}
