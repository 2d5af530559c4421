export * from './metric-query';
export * from './field-reference';
export * from './metric-query-validation';
export * from './bucket-calendar';
export * from './query-periods';
export * from './rollup-catalog';
export * from './query-planner';
export * from './series-assembly';
