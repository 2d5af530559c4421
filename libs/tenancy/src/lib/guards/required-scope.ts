import { applyDecorators, ForbiddenException, HttpStatus, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import type { SecretKeyScope } from '../key-scopes';

export const REQUIRED_SCOPE = 'pulse:required-secret-key-scope';

/**
 * A route (or every route of a controller) that `SecretKeyGuard` opens only to keys with this scope:
 * `@RequireScope('manage')` on whatever changes the tenant's configuration. Routes without it need `read`.
 * Also documents the 403 in the OpenAPI description.
 */
export const RequireScope = (scope: SecretKeyScope) =>
  applyDecorators(
    SetMetadata(REQUIRED_SCOPE, scope),
    ApiForbiddenResponse({
      description: `The secret key lacks the "${scope}" scope: { statusCode: 403, error, message, requiredScope: "${scope}" }`,
    }),
  );

/** 403 naming the scope the key lacks, so a client (the web UI) can say what to ask the admin for. */
export function missingScope(scope: SecretKeyScope): ForbiddenException {
  return new ForbiddenException({
    statusCode: HttpStatus.FORBIDDEN,
    error: 'Forbidden',
    message: `This secret key may only read: this request changes the tenant's configuration and needs a key with the "${scope}" scope (an admin issues one with POST /v1/admin/tenants/:id/secret-keys {"scopes":["read","${scope}"]}).`,
    requiredScope: scope,
  });
}
