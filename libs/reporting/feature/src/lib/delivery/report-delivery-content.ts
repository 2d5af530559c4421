import type { StoredReport, StoredReportRun } from '@pulse/reporting-data-access';

/** A headline figure of the summary: a metric's title, its value and its change vs the previous period. */
export interface ReportHeadline {
  title: string;
  value: string;
  /** "+3 (+50%)", "no change"…; empty when there is no figure to compare. */
  change: string;
}

/** What a scheduled run's email and webhook say about it. */
export interface DeliveredRun {
  report: Pick<StoredReport, 'id' | 'name' | 'type' | 'format'>;
  run: StoredReportRun;
  timeZone: string;
}

/** Where the run's file is downloaded (with the tenant's secret key). */
export function downloadPath({ report, run }: DeliveredRun): string {
  return `/v1/reports/${report.id}/runs/${run.id}/download`;
}

export function emailSubject({ report, run }: DeliveredRun): string {
  return `${report.name}: ${run.rangeFrom} – ${run.rangeTo}`;
}

/** The email body: the report's name, its days and the headline figures; every text escaped. */
export function emailHtml(delivered: DeliveredRun, headlines: ReportHeadline[]): string {
  const { report, run, timeZone } = delivered;
  const rows = headlines.map(
    (headline) => `<tr><th align="left">${escapeHtml(headline.title)}</th><td align="right">${escapeHtml(headline.value)}</td><td>${escapeHtml(headline.change)}</td></tr>`,
  );
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h1>${escapeHtml(report.name)}</h1>`,
    `<p>${escapeHtml(run.rangeFrom)} to ${escapeHtml(run.rangeTo)} (${escapeHtml(timeZone)})</p>`,
    rows.length > 0 ? `<table cellpadding="4">${rows.join('')}</table>` : '',
    `<p>The full report is attached (${escapeHtml(run.fileName ?? '')}).</p>`,
    '</body></html>',
  ].join('\n');
}

export function emailText(delivered: DeliveredRun, headlines: ReportHeadline[]): string {
  const { report, run, timeZone } = delivered;
  return [
    report.name,
    `${run.rangeFrom} to ${run.rangeTo} (${timeZone})`,
    '',
    ...headlines.map((headline) => `${headline.title}: ${headline.value}${headline.change ? ` (${headline.change})` : ''}`),
    '',
    `The full report is attached (${run.fileName ?? ''}).`,
  ].join('\n');
}

/** The JSON a schedule's webhook receives when its run has finished. */
export function webhookPayload(delivered: DeliveredRun, tenantId: string): Record<string, unknown> {
  const { report, run, timeZone } = delivered;
  return {
    type: 'report.completed',
    tenantId,
    report: {
      id: report.id,
      name: report.name,
      type: report.type,
      format: report.format,
    },
    run: {
      id: run.id,
      scheduleId: run.scheduleId,
      occurrenceAt: run.occurrenceAt?.toISOString() ?? null,
      completedAt: run.completedAt?.toISOString() ?? null,
      fileName: run.fileName,
      contentType: run.contentType,
      fileSize: run.fileSize,
    },
    range: { from: run.rangeFrom, to: run.rangeTo, timeZone },
    downloadPath: downloadPath(delivered),
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}
