import { Body, ConflictException, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, UseGuards, UsePipes } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SegmentNameTakenError, SegmentRepository, type StoredSegment } from '@pulse/storage';
import { CurrentTenant, SecretKeyGuard, type AuthenticatedTenant, RequireScope } from '@pulse/tenancy';
import { requestValidationPipe } from '@pulse/observability';
import { CreateSegmentRequestDto } from './dto/segment-request.dto';
import { SegmentListResponse, SegmentResponse } from './dto/segment-response.dto';

/** Saved segments of the key's tenant; another tenant's segment answers 404 as if it did not exist. */
@ApiTags('segments')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' })
@UseGuards(SecretKeyGuard)
@UsePipes(requestValidationPipe())
@Controller('v1/segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentRepository) {}

  @Post()
  @RequireScope('manage')
  @ApiOperation({
    summary: 'Save a segment: trait filters and "did event X at least N times in the last D days" rules, all of which must hold',
    description: 'Membership is evaluated when a query uses the segment (funnels and retention take segmentId), so it follows the data.',
  })
  @ApiCreatedResponse({ type: SegmentResponse })
  @ApiBadRequestResponse({ description: 'errors: [{ field, rule, message }]' })
  @ApiConflictResponse({ description: 'The tenant already has a segment with this name' })
  async create(@CurrentTenant() tenant: AuthenticatedTenant, @Body() request: CreateSegmentRequestDto): Promise<SegmentResponse> {
    try {
      return toResponse(await this.segments.create(tenant.id, { name: request.name, description: request.description ?? null, definition: request.definition }));
    } catch (error) {
      if (error instanceof SegmentNameTakenError) throw new ConflictException(error.message);
      throw error;
    }
  }

  @Get()
  @ApiOperation({ summary: "The tenant's segments, by name" })
  @ApiOkResponse({ type: SegmentListResponse })
  async list(@CurrentTenant() tenant: AuthenticatedTenant): Promise<SegmentListResponse> {
    return { segments: (await this.segments.list(tenant.id)).map(toResponse) };
  }

  @Get(':id')
  @ApiOkResponse({ type: SegmentResponse })
  @ApiNotFoundResponse({ description: 'No such segment for this tenant' })
  async find(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<SegmentResponse> {
    const segment = await this.segments.find(tenant.id, id);
    if (!segment) throw new NotFoundException(`Segment ${id} not found`);
    return toResponse(segment);
  }

  @Delete(':id')
  @RequireScope('manage')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such segment for this tenant' })
  async remove(@CurrentTenant() tenant: AuthenticatedTenant, @Param('id') id: string): Promise<void> {
    if (!(await this.segments.delete(tenant.id, id))) throw new NotFoundException(`Segment ${id} not found`);
  }
}

function toResponse(segment: StoredSegment): SegmentResponse {
  return {
    id: segment.id,
    name: segment.name,
    description: segment.description,
    definition: segment.definition,
    createdAt: segment.createdAt.toISOString(),
    updatedAt: segment.updatedAt.toISOString(),
  };
}
