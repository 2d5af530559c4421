const MINUTE_MS = 60_000;

/**
 * The minutes (start instants, oldest first) a closer may close at `now`: a minute is closed once the
 * clock is `latenessMs` past its end, so events sent near its end have arrived and been stored. Minutes
 * after `lastClosed` only; with none closed yet, only the latest closable one (a closer that starts does
 * not replay history). A closer that fell behind closes at most `maxCatchUp` minutes, the latest ones.
 */
export function minutesToClose(now: number, latenessMs: number, lastClosed: number | null, maxCatchUp: number): number[] {
  const latest = Math.floor((now - latenessMs - MINUTE_MS) / MINUTE_MS) * MINUTE_MS;
  const first = lastClosed === null ? latest : Math.max(lastClosed + MINUTE_MS, latest - (maxCatchUp - 1) * MINUTE_MS);
  const minutes: number[] = [];
  for (let minute = first; minute <= latest; minute += MINUTE_MS) minutes.push(minute);
  return minutes;
}
