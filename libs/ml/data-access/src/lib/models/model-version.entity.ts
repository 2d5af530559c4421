import { EntitySchema } from 'typeorm';

/** A row of `model_versions` as TypeORM maps it (see the CreateModelVersions migration). */
export interface ModelVersionRow {
  id: string;
  tenantId: string;
  kind: string;
  version: number;
  model: unknown;
  metrics: Record<string, unknown>;
  isCurrent: boolean;
  trainedAt: Date;
  createdAt: Date;
  /** Declared for the foreign key only; repositories never load it. */
  tenant?: unknown;
}

/** Mirrors `model_versions`; the drift test keeps the two equal. */
export const ModelVersionEntity = new EntitySchema<ModelVersionRow>({
  name: 'ModelVersion',
  tableName: 'model_versions',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid', primaryKeyConstraintName: 'PK_model_versions' },
    tenantId: { name: 'tenant_id', type: 'uuid' },
    kind: { type: 'varchar', length: 32 },
    version: { type: 'integer' },
    model: { type: 'jsonb' },
    metrics: { type: 'jsonb' },
    isCurrent: { name: 'is_current', type: 'boolean', default: false },
    trainedAt: { name: 'trained_at', type: 'timestamptz' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
  relations: {
    tenant: {
      type: 'many-to-one',
      target: 'Tenant',
      joinColumn: { name: 'tenant_id', foreignKeyConstraintName: 'FK_model_versions_tenant' },
      onDelete: 'CASCADE',
    },
  },
  uniques: [{ name: 'UQ_model_versions_version', columns: ['tenantId', 'kind', 'version'] }],
  indices: [{ name: 'UQ_model_versions_current', columns: ['tenantId', 'kind'], unique: true, where: '"is_current"' }],
  checks: [
    { name: 'CHK_model_versions_kind', expression: `"kind" ~ '^[a-z][a-z0-9_]*$'` },
    { name: 'CHK_model_versions_version', expression: `"version" >= 1` },
  ],
});
