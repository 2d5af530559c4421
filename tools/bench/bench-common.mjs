// Small helpers both benchmarks (run.mjs, insights-bench.mjs) use; plain ESM, no workspace imports.
import { readFileSync } from 'node:fs';

/** `--name=value` (or bare `--name` → true) from the command line, else the fallback. */
export const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return fallback;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : true;
};
/** 1-, 5- and 15-minute load averages: every figure is recorded with how busy the machine was. */
export const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** A timestamped logger on stderr (stdout carries the JSON result). */
export const logger = (prefix) => (...a) => console.error(`[${prefix} ${new Date().toISOString().slice(11, 19)}]`, ...a);
/** Nearest-rank percentile of an ascending array. */
export const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
