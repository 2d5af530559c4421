import type { StoredReportRun } from '@pulse/reporting-data-access';
import { emailHtml, emailSubject, webhookPayload, type DeliveredRun } from './report-delivery-content';

const run = {
  id: 'run-1',
  rangeFrom: '2026-03-23',
  rangeTo: '2026-03-29',
  fileName: 'x_2026-03-23_2026-03-29.csv',
  contentType: 'text/csv; charset=utf-8',
  fileSize: 42,
  scheduleId: 'schedule-1',
  occurrenceAt: new Date('2026-03-30T06:00:00Z'),
  completedAt: new Date('2026-03-30T06:00:05Z'),
} as StoredReportRun;
const delivered: DeliveredRun = {
  report: { id: 'report-1', name: '<script>alert("x")</script> & KPIs', type: 'custom', format: 'csv' },
  run,
  timeZone: 'Europe/Berlin',
};

describe('report delivery content', () => {
  it('escapes the report name and section titles in the email body', () => {
    const html = emailHtml(delivered, [{ title: 'Revenue <b>', value: '10', change: '+4 (+66.67%)' }]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; KPIs</h1>');
    expect(html).toContain('<th align="left">Revenue &lt;b&gt;</th><td align="right">10</td><td>+4 (+66.67%)</td>');
    expect(html).toContain('2026-03-23 to 2026-03-29 (Europe/Berlin)');
  });

  it('names the report and its days in the subject', () => {
    expect(emailSubject(delivered)).toBe('<script>alert("x")</script> & KPIs: 2026-03-23 – 2026-03-29');
  });

  it('gives the webhook the report, the run, its days and where to download the file', () => {
    expect(webhookPayload(delivered, 'tenant-1')).toEqual({
      type: 'report.completed',
      tenantId: 'tenant-1',
      report: delivered.report,
      run: {
        id: 'run-1',
        scheduleId: 'schedule-1',
        occurrenceAt: '2026-03-30T06:00:00.000Z',
        completedAt: '2026-03-30T06:00:05.000Z',
        fileName: 'x_2026-03-23_2026-03-29.csv',
        contentType: 'text/csv; charset=utf-8',
        fileSize: 42,
      },
      range: { from: '2026-03-23', to: '2026-03-29', timeZone: 'Europe/Berlin' },
      downloadPath: '/v1/reports/report-1/runs/run-1/download',
    });
  });
});
