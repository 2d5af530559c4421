export * from './insight';
export * from './change-significance';
export * from './cost-optimisation-insights';
export * from './conversation-pattern-insights';
export * from './performance-trend-insights';
export * from './insight-report';
