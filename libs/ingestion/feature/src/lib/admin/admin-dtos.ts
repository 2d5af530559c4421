import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCurrencyCode, IsIanaTimeZone, IsTenantSlug } from '@pulse/tenancy';
import { SCHEMA_POLICIES, type SchemaPolicy } from '@pulse/contracts';
import { IsDefined, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

const REQUIRED = { message: '$property is required' };

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
}

export class CreateSecretKeyDto {
  @ApiPropertyOptional({ example: 'dashboards', description: 'Tells keys apart when rotating' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;
}

export class TenantResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'acme-shop' }) slug!: string;
  @ApiProperty({ example: 'Acme Shop' }) name!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ enum: SCHEMA_POLICIES }) schemaPolicy!: SchemaPolicy;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class SecretKeyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'dashboards' }) label!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Null while active; future while in its grace period' })
  revokedAt!: string | null;
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
