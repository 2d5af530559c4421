/** The processor's wall clock (epoch ms); tests move it by hand. */
export const PROCESSOR_CLOCK = Symbol('PROCESSOR_CLOCK');
export type ProcessorClock = () => number;
