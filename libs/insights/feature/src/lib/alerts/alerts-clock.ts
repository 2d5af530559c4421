/** The alerting side's wall clock (epoch ms); tests move it by hand. */
export const ALERTS_CLOCK = Symbol('ALERTS_CLOCK');
export type AlertsClock = () => number;
