/** "Now" for resolving relative periods: the tests give a fixed one. */
export const DASHBOARDS_CLOCK = Symbol('DASHBOARDS_CLOCK');
export type DashboardsClock = () => Date;
