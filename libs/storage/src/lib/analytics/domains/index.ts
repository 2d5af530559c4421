// SQL for the domain analytics (issue 4): commerce, conversations, content, model usage, system and imports.
export type { AnalyticsWindow, SqlBucketUnit } from './analytics-window';
export * from './conversation-analytics.queries';
export * from './commerce-analytics.queries';
export * from './model-usage.queries';
export * from './import-job.queries';
export * from './content-analytics.queries';
export * from './system-endpoint.queries';
