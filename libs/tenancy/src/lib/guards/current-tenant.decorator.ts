import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedTenant } from '../authenticated-tenant';
import type { TenantRequest } from './tenant-request';

/** The tenant attached by `WriteKeyGuard` or `SecretKeyGuard`. Reading it without a guard is a bug. */
export function tenantOfRequest(request: TenantRequest): AuthenticatedTenant {
  if (!request.pulseTenant) {
    throw new Error('@CurrentTenant() needs WriteKeyGuard or SecretKeyGuard on the route');
  }
  return request.pulseTenant;
}

/** `handler(@CurrentTenant() tenant: AuthenticatedTenant)`: `{ id, slug, name, timeZone, currency }`. */
export const CurrentTenant = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedTenant =>
  tenantOfRequest(context.switchToHttp().getRequest<TenantRequest>()),
);
