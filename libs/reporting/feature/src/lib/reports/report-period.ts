// The relative periods are shared with the dashboards service: they live in analytics-core.
export { RELATIVE_PERIODS as REPORT_PERIODS, resolveRelativePeriod as resolveReportPeriod, type RelativePeriod as ReportPeriod } from '@pulse/analytics-core';
