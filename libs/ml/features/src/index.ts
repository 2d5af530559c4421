export * from './lib/feature-table';
export * from './lib/feature-scales';
export * from './lib/churn/churn-observation';
export * from './lib/churn/churn-feature-table';
export * from './lib/satisfaction/conversation-activity';
export * from './lib/satisfaction/satisfaction-feature-table';
