import { applyDecorators, Controller, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { badRequest, requestValidationPipe } from '@pulse/observability';
import { SecretKeyGuard } from '@pulse/tenancy';

/** A model's routes (churn, satisfaction): the tenant's secret key, validated requests, one OpenAPI tag. */
export function ModelController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked secret key' }),
    ApiBadRequestResponse({ description: 'errors: [{ field, rule, message }]' }),
    UseGuards(SecretKeyGuard),
    UsePipes(requestValidationPipe()),
    Controller(path),
  );
}

/** A 400 naming the `id` path parameter when it is longer than the store keeps. */
export function assertIdLength(id: string, maxLength: number): void {
  if (id.length > maxLength) throw badRequest([{ field: 'id', rule: 'maxLength', message: `id must be at most ${maxLength} characters` }]);
}
