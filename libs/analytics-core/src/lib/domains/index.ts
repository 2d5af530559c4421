// Domain analytics (issue 4): the formulas of the commerce, conversation, content, model-usage and
// system specifications, over plain numbers.
export * from './fraction';
export * from './local-day-range';
export * from './relative-period';
export * from './trend-buckets';
export * from './conversation-metrics';
export * from './conversation-roi';
export * from './conversation-breakdowns';
export * from './commerce-dashboard';
export * from './model-usage';
export * from './import-jobs';
export * from './content-performance';
export * from './content-audience';
export * from './content-trending';
export * from './system-endpoints';
export * from './data-quality-overview';
