import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { TenantAlreadyExistsError, InvalidTenantError } from '@pulse/storage';
import { AdminIdentity, AdminTokenGuard, AUDIT_ACTIONS, AdminAuditService, TenantAdminService } from '@pulse/tenancy';
import { badRequest, ErrorResponse } from '../http/ingestion-responses';
import {
  CreatedSecretKeyResponse,
  CreatedTenantResponse,
  CreateSecretKeyDto,
  CreateTenantDto,
  RotatedWriteKeyResponse,
  SecretKeyResponse,
  TenantDetailsResponse,
  TenantResponse,
} from './admin-dtos';
import { badRequest as issuesBadRequest, requestValidationPipe } from '@pulse/observability';
import { TenantSchemaSettingsService } from '../schema/tenant-schema-settings.service';
import { propertyMappingIssues } from './property-mapping-rules';
import { PropertyMappingsResponse, ReplacePropertyMappingsDto } from './property-mappings.dto';
import { UpdateTenantDto } from './update-tenant.dto';

/** Longest grace period of a revoked secret key: long enough to roll a deployment, short enough to matter. */
const MAX_GRACE_SECONDS = 30 * 24 * 60 * 60;

/** Tenants and their keys, for operators holding the admin token. Keys are shown once, when created. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'Missing or wrong admin token' })
@ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'No admin token configured (ADMIN_TOKEN)' })
@Controller('v1/admin/tenants')
@UseGuards(AdminTokenGuard)
@UsePipes(requestValidationPipe({ transform: false }))
export class TenantAdminController {
  constructor(
    private readonly admin: TenantAdminService,
    private readonly schemaSettings: TenantSchemaSettingsService,
    private readonly audit: AdminAuditService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create a tenant with its write key and a first secret key (both shown once; the key only reads unless secretKeyScopes says manage)',
  })
  @ApiCreatedResponse({ type: CreatedTenantResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The slug is taken' })
  async create(@Body() body: CreateTenantDto, @AdminIdentity() actor: string): Promise<CreatedTenantResponse> {
    const { secretKeyScopes, ...profile } = body;
    try {
      return await this.admin.createTenant(profile, { secretKeyScopes, actor });
    } catch (error) {
      if (error instanceof TenantAlreadyExistsError) {
        throw new ConflictException({
          statusCode: HttpStatus.CONFLICT,
          error: 'Conflict',
          message: `a tenant with slug "${body.slug}" already exists`,
        });
      }
      if (error instanceof InvalidTenantError) throw badRequest('', 'isValidTenant', error.message);
      throw error;
    }
  }

  @Get()
  @ApiOperation({ summary: 'List tenants by slug' })
  @ApiOkResponse({ type: [TenantResponse] })
  list(): Promise<TenantResponse[]> {
    return this.admin.listTenants();
  }

  @Get(':id')
  @ApiOperation({ summary: 'A tenant and its secret keys (without the keys themselves)' })
  @ApiOkResponse({ type: TenantDetailsResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async get(@Param('id') id: string): Promise<TenantDetailsResponse> {
    return found(await this.admin.getTenant(id), `no tenant with id ${id}`);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      "Change the tenant's schema policy (this process at once, other replicas within 30 s), whether message texts are kept and whether erased users' later events are dropped (the stream processor within a minute)",
  })
  @ApiOkResponse({ type: TenantResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async update(@Param('id') id: string, @Body() body: UpdateTenantDto, @AdminIdentity() actor: string): Promise<TenantResponse> {
    const settings = {
      ...(body.schemaPolicy !== undefined ? { schemaPolicy: body.schemaPolicy } : {}),
      ...(body.storeMessageText !== undefined ? { storeMessageText: body.storeMessageText } : {}),
      ...(body.suppressErasedUsers !== undefined ? { suppressErasedUsers: body.suppressErasedUsers } : {}),
    };
    const tenant = found(await this.admin.updateSettings(id, settings, { actor }), `no tenant with id ${id}`);
    this.schemaSettings.forget(id);
    return tenant;
  }

  @Get(':id/property-mappings')
  @ApiOperation({ summary: "The tenant's property mappings, applied at ingestion and by replay before validation" })
  @ApiOkResponse({ type: PropertyMappingsResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async propertyMappings(@Param('id') id: string): Promise<PropertyMappingsResponse> {
    return { mappings: found(await this.schemaSettings.mappingsOf(id), `no tenant with id ${id}`) };
  }

  @Put(':id/property-mappings')
  @ApiOperation({ summary: "Replace the tenant's property mappings (e.g. orderId → order_id on purchase)" })
  @ApiOkResponse({ type: PropertyMappingsResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Names each mapping field and the rule it broke (a target the type does not declare…)' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async replacePropertyMappings(
    @Param('id') id: string,
    @Body() body: ReplacePropertyMappingsDto,
    @AdminIdentity() actor: string,
  ): Promise<PropertyMappingsResponse> {
    const mappings = body.mappings.map(({ eventType, from, to, mode }) => ({ eventType, from, to, mode: mode ?? ('rename' as const) }));
    const issues = propertyMappingIssues(mappings);
    if (issues.length > 0) throw issuesBadRequest(issues);
    const replaced = found(await this.schemaSettings.replaceMappings(id, mappings), `no tenant with id ${id}`);
    await this.audit.record({ actor, action: AUDIT_ACTIONS.propertyMappingsReplace, tenantId: id, subject: null, details: { mappings: replaced } });
    return { mappings: replaced };
  }

  @Post(':id/write-key/rotate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Replace the write key; the old one stops working (in every process within seconds)' })
  @ApiOkResponse({ type: RotatedWriteKeyResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async rotateWriteKey(@Param('id') id: string, @AdminIdentity() actor: string): Promise<RotatedWriteKeyResponse> {
    return found(await this.admin.rotateWriteKey(id, { actor }), `no tenant with id ${id}`);
  }

  @Post(':id/secret-keys')
  @ApiOperation({ summary: 'Create one more secret key (shown once), e.g. the new half of a rotation; it only reads unless scopes says manage' })
  @ApiCreatedResponse({ type: CreatedSecretKeyResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async createSecretKey(
    @Param('id') id: string,
    @Body() body: CreateSecretKeyDto,
    @AdminIdentity() actor: string,
  ): Promise<CreatedSecretKeyResponse> {
    return found(await this.admin.createSecretKey(id, { label: body.label, scopes: body.scopes, actor }), `no tenant with id ${id}`);
  }

  @Delete(':id/secret-keys/:keyId')
  @ApiOperation({ summary: 'Revoke a secret key now, or after graceSeconds so clients can switch to its successor' })
  @ApiQuery({ name: 'graceSeconds', required: false, type: Number, description: `0 (default) to ${MAX_GRACE_SECONDS}` })
  @ApiOkResponse({ type: SecretKeyResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async revokeSecretKey(
    @Param('id') id: string,
    @Param('keyId') keyId: string,
    @AdminIdentity() actor: string,
    @Query('graceSeconds') graceSeconds?: string,
  ): Promise<SecretKeyResponse> {
    const revoked = await this.admin.revokeSecretKey(id, keyId, graceSecondsOf(graceSeconds), { actor });
    return found(revoked, `tenant ${id} has no secret key ${keyId}`);
  }
}

function graceSecondsOf(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds > MAX_GRACE_SECONDS) {
    throw badRequest('graceSeconds', 'isIntegerInRange', `graceSeconds must be a whole number from 0 to ${MAX_GRACE_SECONDS}`);
  }
  return seconds;
}

function found<T>(value: T | null, message: string): T {
  if (value === null) throw new NotFoundException({ statusCode: HttpStatus.NOT_FOUND, error: 'Not Found', message });
  return value;
}
