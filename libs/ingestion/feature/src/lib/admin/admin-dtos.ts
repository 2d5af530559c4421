import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCurrencyCode, IsIanaTimeZone, IsTenantSlug, SECRET_KEY_SCOPES, type SecretKeyScope } from '@pulse/tenancy';
import { SCHEMA_POLICIES, type SchemaPolicy } from '@pulse/contracts';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

const REQUIRED = { message: '$property is required' };

export const STORE_MESSAGE_TEXT_DESCRIPTION =
  "Keep message_sent/message_received events' text after deriving sentiment and intent (personal data; false: the text is dropped, " +
  'and the tenant cannot train an intent model from its messages)';

const SCOPES_DESCRIPTION =
  'What the secret key may do: read (always: queries, dashboard data, live streams, report runs and downloads, exports) and manage ' +
  '(also create, change and delete dashboards, widgets, reports, schedules, alert rules and segments, replay quarantined events, read the audit log). ' +
  'Default ["read"]';

/** `scopes` of a key being issued: one or both of read and manage, each once. */
function SecretKeyScopes(): PropertyDecorator {
  const rules = [
    IsOptional(),
    IsArray({ message: '$property must be an array of scopes' }),
    ArrayNotEmpty({ message: '$property must name at least one scope' }),
    ArrayMaxSize(SECRET_KEY_SCOPES.length),
    ArrayUnique({ message: '$property must not repeat a scope' }),
    IsIn(SECRET_KEY_SCOPES, { each: true, message: `each of $property must be one of: ${SECRET_KEY_SCOPES.join(', ')}` }),
  ];
  return (target, property) => rules.forEach((rule) => rule(target, property));
}

export class CreateTenantDto {
  @ApiProperty({ example: 'acme-shop', description: '1-63 lowercase letters, digits or inner hyphens; unique' })
  @IsDefined(REQUIRED)
  @IsTenantSlug()
  slug!: string;

  @ApiProperty({ example: 'Acme Shop' })
  @IsDefined(REQUIRED)
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: '$property must not be blank' })
  name!: string;

  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone: day boundaries and business hours follow it' })
  @IsDefined(REQUIRED)
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' })
  @IsDefined(REQUIRED)
  @IsCurrencyCode()
  currency!: string;

  @ApiPropertyOptional({ enum: SCHEMA_POLICIES, default: 'lenient', description: 'What happens to events breaking their type\'s property rules' })
  @IsOptional()
  @IsIn(SCHEMA_POLICIES, { message: `$property must be one of: ${SCHEMA_POLICIES.join(', ')}` })
  schemaPolicy?: SchemaPolicy;

  @ApiPropertyOptional({ default: false, description: STORE_MESSAGE_TEXT_DESCRIPTION })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  storeMessageText?: boolean;

  @ApiPropertyOptional({ enum: SECRET_KEY_SCOPES, isArray: true, example: ['read', 'manage'], description: `The first secret key's scopes. ${SCOPES_DESCRIPTION}` })
  @SecretKeyScopes()
  secretKeyScopes?: SecretKeyScope[];
}

export class CreateSecretKeyDto {
  @ApiPropertyOptional({ example: 'dashboards', description: 'Tells keys apart when rotating' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;

  @ApiPropertyOptional({ enum: SECRET_KEY_SCOPES, isArray: true, example: ['read'], description: SCOPES_DESCRIPTION })
  @SecretKeyScopes()
  scopes?: SecretKeyScope[];
}

export class TenantResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'acme-shop' }) slug!: string;
  @ApiProperty({ example: 'Acme Shop' }) name!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ enum: SCHEMA_POLICIES }) schemaPolicy!: SchemaPolicy;
  @ApiProperty({ description: 'Whether message texts are kept' }) storeMessageText!: boolean;
  @ApiProperty({ description: 'Whether the stream processor drops later events of erased users' }) suppressErasedUsers!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class SecretKeyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'dashboards' }) label!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Null while active; future while in its grace period' })
  revokedAt!: string | null;
  @ApiProperty({ enum: SECRET_KEY_SCOPES, isArray: true, example: ['read'], description: '["read"] or ["read", "manage"]' }) scopes!: SecretKeyScope[];
}

export class CreatedSecretKeyResponse extends SecretKeyResponse {
  @ApiProperty({ example: 'psk_…', description: 'Shown once: only its hash is stored' }) key!: string;
}

export class TenantDetailsResponse extends TenantResponse {
  @ApiProperty({ type: [SecretKeyResponse] }) secretKeys!: SecretKeyResponse[];
}

export class CreatedTenantResponse {
  @ApiProperty({ type: TenantResponse }) tenant!: TenantResponse;
  @ApiProperty({ example: 'pwk_…', description: 'Shown once: only its hash is stored' }) writeKey!: string;
  @ApiProperty({ type: CreatedSecretKeyResponse }) secretKey!: CreatedSecretKeyResponse;
}

export class RotatedWriteKeyResponse {
  @ApiProperty({ type: TenantResponse }) tenant!: TenantResponse;
  @ApiProperty({ example: 'pwk_…', description: 'Shown once; the previous write key stopped working' }) writeKey!: string;
}
