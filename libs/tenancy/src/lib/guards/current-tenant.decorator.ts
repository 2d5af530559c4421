import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedTenant } from '../authenticated-tenant';
import type { SecretKeyIdentity } from '../auth/tenant-key-lookup';
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

/**
 * `handler(@CurrentSecretKey() key: SecretKeyIdentity)`: `{ id, scopes }` of the key `SecretKeyGuard` let through,
 * e.g. to record who exported (`secretKeyActor(key)`).
 */
export const CurrentSecretKey = createParamDecorator((_data: unknown, context: ExecutionContext): SecretKeyIdentity => {
  const key = context.switchToHttp().getRequest<TenantRequest>().pulseSecretKey;
  if (!key) throw new Error('@CurrentSecretKey() needs SecretKeyGuard on the route');
  return key;
});

/** How the audit log names a secret key: its id, never the key. */
export function secretKeyActor(key: SecretKeyIdentity): string {
  return `secret-key:${key.id}`;
}
