import { EntitySchema } from 'typeorm';

/** "fromId is now known as toId" within one tenant (identify, alias). The first link of an id wins. */
export interface IdentityLinkRow {
  tenantId: string;
  /** An anonymous id, or for an alias an earlier user id. */
  fromId: string;
  toId: string;
  /** The identify or alias event that made the link. */
  sourceEventId: string;
  linkedAt: Date;
}

/** Mirrors the `identity_links` table created by the migrations; the drift test keeps the two equal. */
export const IdentityLinkEntity = new EntitySchema<IdentityLinkRow>({
  name: 'IdentityLink',
  tableName: 'identity_links',
  columns: {
    tenantId: { name: 'tenant_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_identity_links' },
    fromId: { name: 'from_id', type: 'varchar', length: 255, primary: true, primaryKeyConstraintName: 'PK_identity_links' },
    toId: { name: 'to_id', type: 'varchar', length: 255 },
    sourceEventId: { name: 'source_event_id', type: 'varchar', length: 128 },
    linkedAt: { name: 'linked_at', type: 'timestamptz' },
  },
});
