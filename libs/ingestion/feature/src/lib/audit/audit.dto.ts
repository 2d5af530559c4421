import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USER_ERASE_AUDIT_ACTION } from '@pulse/storage';
import { AUDIT_ACTIONS } from '@pulse/tenancy';

const AUDITED_ACTIONS = [USER_ERASE_AUDIT_ACTION, ...Object.values(AUDIT_ACTIONS)];

export class AdminAuditEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    description:
      'Who acted: admin-token:<first 12 hex digits of its SHA-256> (the admin API), secret-key:<key id> (a tenant key), system (no request: the demo seeding)',
  })
  actor!: string;
  @ApiProperty({ enum: AUDITED_ACTIONS, example: 'secret-key.revoke' }) action!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) tenantId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'What the action was about: the erased user id, the key id, the slug, the export dataset, the run id',
  })
  subject!: string | null;
  @ApiProperty({
    type: Object,
    description: "The action's details: an erase's counts, a key's label and scopes (never the key), an export's range and format",
  })
  details!: Record<string, unknown>;
}

export class AdminAuditResponse {
  @ApiProperty({ type: [AdminAuditEntryResponse], description: 'Newest first' }) entries!: AdminAuditEntryResponse[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as beforeId for the next page; null on the last' }) nextBeforeId!:
    | string
    | null;
}
