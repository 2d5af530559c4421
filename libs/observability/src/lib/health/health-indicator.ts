/**
 * A dependency whose health decides whether a service is ready (`/ready`).
 * `check` resolves when the dependency answers and rejects with a readable error when it does not.
 */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void>;
  /**
   * The service still does its work without this dependency, less well (a shared limit falling back to a local
   * one): a failing check reads `degraded: <reason>` and leaves the service ready, so it is not taken out of
   * service for it. Unset: the service needs the dependency.
   */
  readonly degradable?: boolean;
}
