import { EntitySchema } from 'typeorm';

/** Packed (person id, millisecond) records of one tenant, event type and UTC day (see `rollups/event-times-planning`). */
export interface EventTimeChunkRow {
  tenantId: string;
  eventType: string;
  day: string;
  chunk: number;
  data: Buffer;
}

/** Mirrors the `event_time_chunks` table created by the migrations; the drift test keeps the two equal. */
export const EventTimeChunkEntity = new EntitySchema<EventTimeChunkRow>({
  name: 'EventTimeChunk',
  tableName: 'event_time_chunks',
  columns: {
    tenantId: { name: 'tenant_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_event_time_chunks' },
    eventType: { name: 'event_type', type: 'varchar', length: 200, primary: true, primaryKeyConstraintName: 'PK_event_time_chunks' },
    day: { name: 'day', type: 'date', primary: true, primaryKeyConstraintName: 'PK_event_time_chunks' },
    chunk: { name: 'chunk', type: 'int4', primary: true, primaryKeyConstraintName: 'PK_event_time_chunks' },
    data: { name: 'data', type: 'bytea' },
  },
});
