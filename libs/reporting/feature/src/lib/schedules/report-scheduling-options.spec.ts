import { ConfigValidationError } from '@pulse/config';
import { loadReportSchedulingOptions } from './report-scheduling-options';

describe('REPORTS_RETENTION_DAYS', () => {
  it('keeps runs 30 days by default', () => {
    expect(loadReportSchedulingOptions({}).retentionMs).toBe(30 * 86_400_000);
  });

  it('takes a whole number of days from 1 to 3650', () => {
    expect(loadReportSchedulingOptions({ REPORTS_RETENTION_DAYS: '7' }).retentionMs).toBe(7 * 86_400_000);
    expect(() => loadReportSchedulingOptions({ REPORTS_RETENTION_DAYS: '0' })).toThrow(ConfigValidationError);
    expect(() => loadReportSchedulingOptions({ REPORTS_RETENTION_DAYS: '1.5' })).toThrow(/REPORTS_RETENTION_DAYS must be an integer from 1 to 3650/);
  });
});
