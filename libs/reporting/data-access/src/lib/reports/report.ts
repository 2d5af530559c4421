import type { ReportRow } from './report.entity';

export const REPORT_SECTION_KINDS = ['metric', 'chart', 'table', 'text'] as const;
export type ReportSectionKind = (typeof REPORT_SECTION_KINDS)[number];
/**
 * What a section reads: `metrics` a metric query (`POST /v1/query`), `funnel` and `retention` the behaviour
 * queries (`POST /v1/funnels`, `/v1/retention`), `conversations` and `commerce` the domain endpoints
 * (`GET /v1/conversations/metrics`, `/v1/commerce/dashboard`).
 */
export const REPORT_SECTION_SOURCES = ['metrics', 'funnel', 'retention', 'conversations', 'commerce'] as const;
export type ReportSectionSource = (typeof REPORT_SECTION_SOURCES)[number];

/** One block of a report: a query's answer (metric, chart, table) or prose (text). */
export interface ReportSection {
  title: string;
  kind: ReportSectionKind;
  /** What the query is: absent means `metrics` (as stored before sources existed). */
  source?: ReportSectionSource;
  /** metric, chart, table: the request the section answers, in the insights shapes (see the reporting feature). */
  query?: Record<string, unknown>;
  /** text: the paragraph shown. */
  text?: string;
}

/** What a client defines; the range is either a relative `period` or fixed local dates, never both. */
export interface ReportDefinition extends Pick<ReportRow, 'name' | 'description' | 'type' | 'format' | 'period' | 'rangeFrom' | 'rangeTo'> {
  sections: ReportSection[];
}

export interface StoredReport extends ReportDefinition, Pick<ReportRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'> {}
