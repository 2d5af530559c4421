import type { SegmentDefinition } from '@pulse/analytics-core';
import { EntitySchema } from 'typeorm';
import type { Tenant } from './tenant.entity';

/** A tenant's saved segment (see the CreateSegments migration). */
export interface SegmentRow {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  definition: SegmentDefinition;
  createdAt: Date;
  updatedAt: Date;
  /** Declared for the foreign key only; repositories never load it. */
  tenant?: Tenant;
}

/** Mirrors the `segments` table created by the migrations; the drift test keeps the two equal. */
export const SegmentEntity = new EntitySchema<SegmentRow>({
  name: 'Segment',
  tableName: 'segments',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid', primaryKeyConstraintName: 'PK_segments' },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    name: { type: 'varchar', length: 200 },
    description: { type: 'text', nullable: true },
    definition: { type: 'jsonb' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
  },
  relations: {
    tenant: {
      type: 'many-to-one',
      target: 'Tenant',
      joinColumn: { name: 'tenant_id', foreignKeyConstraintName: 'FK_segments_tenant' },
      onDelete: 'CASCADE',
    },
  },
  uniques: [{ name: 'UQ_segments_tenant_name', columns: ['tenantId', 'name'] }],
});
