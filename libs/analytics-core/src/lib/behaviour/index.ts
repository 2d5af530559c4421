export * from './behaviour-event';
export * from './property-filter';
export * from './funnel';
export * from './retention';
export * from './paths';
