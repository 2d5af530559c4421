import type { HealthIndicator } from './health/health-indicator';

export interface ObservabilityOptions {
  serviceName: string;
  /** The dependencies `/ready` checks. */
  indicators: HealthIndicator[];
  /** How long each indicator may take before it counts as down (default 2000 ms). */
  readinessTimeoutMs?: number;
}

export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');
