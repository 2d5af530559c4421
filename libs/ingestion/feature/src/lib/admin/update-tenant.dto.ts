import { ApiPropertyOptional } from '@nestjs/swagger';
import { SCHEMA_POLICIES, type SchemaPolicy } from '@pulse/contracts';
import { IsBoolean, IsDefined, IsIn, IsOptional, ValidateIf } from 'class-validator';
import { STORE_MESSAGE_TEXT_DESCRIPTION } from './admin-dtos';

/** What an operator may change on a tenant after creating it: any of the settings (an empty body is refused as schemaPolicy missing); those not given stay. */
export class UpdateTenantDto {
  @ApiPropertyOptional({
    enum: SCHEMA_POLICIES,
    description:
      'lenient: events breaking their type\'s property rules are stored with their violations; strict: they are rejected (and quarantined)',
  })
  @ValidateIf(
    (body: UpdateTenantDto) => (body.storeMessageText === undefined && body.suppressErasedUsers === undefined) || body.schemaPolicy !== undefined,
  )
  @IsDefined({ message: '$property is required' })
  @IsIn(SCHEMA_POLICIES, { message: `$property must be one of: ${SCHEMA_POLICIES.join(', ')}` })
  schemaPolicy?: SchemaPolicy;

  @ApiPropertyOptional({ description: STORE_MESSAGE_TEXT_DESCRIPTION })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  storeMessageText?: boolean;

  @ApiPropertyOptional({
    description:
      'true: the ids a GDPR erase removes are kept in a suppression list and the stream processor drops their later events (counted); false (default): a later event of an erased id is stored as a new person',
  })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  suppressErasedUsers?: boolean;
}
