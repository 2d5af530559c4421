import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerTokenOf } from '../auth/request-credentials';
import { TenantAuthService } from '../auth/tenant-auth.service';
import { grantsScope, type SecretKeyScope } from '../key-scopes';
import { missingScope, REQUIRED_SCOPE } from './required-scope';
import type { TenantRequest } from './tenant-request';
import { unauthorized } from './unauthorized';

export const MISSING_SECRET_KEY_MESSAGE = 'A secret key is required: send "Authorization: Bearer <secret key>".';
export const INVALID_SECRET_KEY_MESSAGE = 'The secret key is not valid.';
const WRITE_KEY_AS_SECRET_KEY_MESSAGE =
  'This is a write key (pwk_…), which can only send events: queries need a secret key (psk_…).';

/**
 * Lets a request through when `Authorization: Bearer` carries an active secret key (or one still in
 * its grace period) and attaches its tenant for `@CurrentTenant()` and the key for `@CurrentSecretKey()`.
 * Missing, unknown or revoked → 401; a key without the scope `@RequireScope` names on the route → 403.
 */
@Injectable()
export class SecretKeyGuard implements CanActivate {
  constructor(
    private readonly auth: TenantAuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const key = bearerTokenOf(request);
    if (!key) throw unauthorized(MISSING_SECRET_KEY_MESSAGE);
    const resolved = await this.auth.resolveSecretKey(key);
    if (!resolved) {
      throw unauthorized(key.startsWith('pwk_') ? WRITE_KEY_AS_SECRET_KEY_MESSAGE : INVALID_SECRET_KEY_MESSAGE);
    }
    const required = this.reflector.getAllAndOverride<SecretKeyScope | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    if (required && !grantsScope(resolved.secretKey.scopes, required)) throw missingScope(required);
    request.pulseTenant = resolved.tenant;
    request.pulseSecretKey = resolved.secretKey;
    return true;
  }
}
