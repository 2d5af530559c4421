export * from './alert-condition';
export * from './threshold-check';
export * from './latest-bucket-judgement';
export * from './incident-transition';
export * from './notification-decision';
export * from './delivery-backoff';
export * from './closed-bucket';
export * from './closed-minutes';
