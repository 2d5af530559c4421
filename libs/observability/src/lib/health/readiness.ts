import type { HealthIndicator } from './health-indicator';

export type CheckOutcome = 'up' | `down: ${string}` | `degraded: ${string}`;

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, CheckOutcome>;
}

/**
 * Runs every indicator at once, each bounded by `timeoutMs`: a dependency that hangs is as down as one that
 * refuses. Ready when every check is up or only degraded (a `degradable` indicator failing).
 */
export async function checkReadiness(indicators: readonly HealthIndicator[], timeoutMs: number): Promise<ReadinessReport> {
  const outcomes = await Promise.all(indicators.map((indicator) => outcomeOf(indicator, timeoutMs)));
  const checks: Record<string, CheckOutcome> = {};
  indicators.forEach((indicator, index) => {
    checks[uniqueName(indicator.name, checks)] = outcomes[index];
  });
  return { status: outcomes.every((outcome) => !outcome.startsWith('down: ')) ? 'ready' : 'not_ready', checks };
}

async function outcomeOf(indicator: HealthIndicator, timeoutMs: number): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // Promise.resolve().then: an indicator that throws synchronously is down, not a crash.
    await Promise.race([Promise.resolve().then(() => indicator.check()), timeout]);
    return 'up';
  } catch (error) {
    return indicator.degradable ? `degraded: ${messageOf(error)}` : `down: ${messageOf(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  // Not `instanceof Error`: errors from Node's own modules can come from another realm.
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' ? message : String(error);
  return text.trim() || 'unknown error';
}

/** Two indicators with one name must not hide each other: the second becomes `name (2)`. */
function uniqueName(name: string, taken: Record<string, unknown>): string {
  if (!(name in taken)) return name;
  let suffix = 2;
  while (`${name} (${suffix})` in taken) suffix += 1;
  return `${name} (${suffix})`;
}
