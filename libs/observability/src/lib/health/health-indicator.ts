/**
 * A dependency whose health decides whether a service is ready (`/ready`).
 * `check` resolves when the dependency answers and rejects with a readable error when it does not.
 */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void>;
}
