import type { HealthIndicator } from './health-indicator';

/**
 * The checks `/ready` runs: the platform's dependencies the service was started with, plus any a feature module
 * adds for something only it knows about (inject this and call `add` while the module is created).
 */
export class ServiceReadiness {
  readonly #indicators: HealthIndicator[];

  constructor(indicators: readonly HealthIndicator[]) {
    this.#indicators = [...indicators];
  }

  add(indicator: HealthIndicator): void {
    this.#indicators.push(indicator);
  }

  get indicators(): readonly HealthIndicator[] {
    return this.#indicators;
  }
}
