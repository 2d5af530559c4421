import { ApiProperty } from '@nestjs/swagger';
import { SCHEMA_POLICIES, type SchemaPolicy } from '@pulse/contracts';
import { IsDefined, IsIn } from 'class-validator';

/** What an operator may change on a tenant after creating it. */
export class UpdateTenantDto {
  @ApiProperty({
    enum: SCHEMA_POLICIES,
    description:
      'lenient: events breaking their type\'s property rules are stored with their violations; strict: they are rejected (and quarantined)',
  })
  @IsDefined({ message: '$property is required' })
  @IsIn(SCHEMA_POLICIES, { message: `$property must be one of: ${SCHEMA_POLICIES.join(', ')}` })
  schemaPolicy!: SchemaPolicy;
}
