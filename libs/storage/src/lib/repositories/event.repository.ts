import type { DataSource, Repository } from 'typeorm';
import { EventEntity, type StoredEvent } from '../entities/event.entity';
import { buildEventInsertStatements } from './event-insert-statements';
import type { NewEvent } from './new-event';

/** Upper bound for one `findInRange` page, so a single call cannot pull a tenant's whole history into memory. */
export const MAX_EVENTS_PER_READ = 10_000;

export interface FindEventsOptions {
  limit: number;
  /** Only these event types; leave out for all types. An empty list matches nothing. */
  types?: readonly string[];
}

export class EventRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get events(): Repository<StoredEvent> {
    return this.dataSource.getRepository(EventEntity);
  }

  /**
   * Stores the events that are new and skips those already stored (same tenant and event id), so
   * redelivered batches are harmless. All chunks commit together or not at all.
   */
  async insertMany(events: readonly NewEvent[]): Promise<{ inserted: number }> {
    if (events.length === 0) return { inserted: 0 };
    const queryRunner = this.dataSource.createQueryRunner();
    let inserted = 0;
    try {
      await queryRunner.startTransaction();
      for (const statement of buildEventInsertStatements(events)) {
        const result = await queryRunner.query(
          statement.sql,
          statement.parameters,
          true,
        );
        inserted += result.affected ?? 0;
      }
      await queryRunner.commitTransaction();
      return { inserted };
    } catch (error) {
      if (queryRunner.isTransactionActive)
        await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }

  /** A tenant's events with `from <= occurredAt < to`, oldest first (ties by event id). */
  async findInRange(
    tenantId: string,
    from: Date,
    to: Date,
    options: FindEventsOptions,
  ): Promise<StoredEvent[]> {
    const { limit, types } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENTS_PER_READ) {
      throw new RangeError(
        `limit must be an integer from 1 to ${MAX_EVENTS_PER_READ}`,
      );
    }
    if (types?.length === 0) return [];
    const query = this.events
      .createQueryBuilder('event')
      .where('event.tenantId = :tenantId', { tenantId })
      .andWhere('event.occurredAt >= :from', { from })
      .andWhere('event.occurredAt < :to', { to })
      .orderBy('event.occurredAt', 'ASC')
      .addOrderBy('event.eventId', 'ASC')
      .limit(limit);
    if (types) query.andWhere('event.type IN (:...types)', { types });
    return query.getMany();
  }

  async countForTenant(tenantId: string): Promise<number> {
    const row = await this.events
      .createQueryBuilder('event')
      .select('COUNT(*)', 'count')
      .where('event.tenantId = :tenantId', { tenantId })
      .getRawOne<{ count: string }>();
    return Number(row?.count ?? 0);
  }
}
