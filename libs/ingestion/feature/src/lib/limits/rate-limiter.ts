import type { RateDecision } from './token-bucket';

/** Decides whether a tenant may send a request's events now (all or nothing). */
export interface RateLimiter {
  take(tenantId: string, events: number, receivedAtMs: number): RateDecision | Promise<RateDecision>;
}

/** Nest token of the service's `RateLimiter`: shared through Redis when there is one, else this process's own. */
export const TENANT_RATE_LIMITER = Symbol('TENANT_RATE_LIMITER');
