import type { HealthIndicator } from '@pulse/observability';
import type { DataSource } from 'typeorm';

/** Ready when the database answers a trivial query. */
export class DataSourceHealthIndicator implements HealthIndicator {
  constructor(
    readonly name: string,
    private readonly dataSource: DataSource,
  ) {}

  async check(): Promise<void> {
    if (!this.dataSource.isInitialized)
      throw new Error(`${this.name}: the data source is not initialized.`);
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      throw new Error(
        `${this.name}: database did not answer: ${(error as Error).message}`,
      );
    }
  }
}
