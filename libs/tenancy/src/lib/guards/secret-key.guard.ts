import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { bearerTokenOf } from '../auth/request-credentials';
import { TenantAuthService } from '../auth/tenant-auth.service';
import type { TenantRequest } from './tenant-request';
import { unauthorized } from './unauthorized';

export const MISSING_SECRET_KEY_MESSAGE = 'A secret key is required: send "Authorization: Bearer <secret key>".';
export const INVALID_SECRET_KEY_MESSAGE = 'The secret key is not valid.';
const WRITE_KEY_AS_SECRET_KEY_MESSAGE =
  'This is a write key (pwk_…), which can only send events: queries need a secret key (psk_…).';

/**
 * Lets a request through when `Authorization: Bearer` carries an active secret key (or one still in
 * its grace period) and attaches its tenant for `@CurrentTenant()`. Missing, unknown or revoked → 401.
 */
@Injectable()
export class SecretKeyGuard implements CanActivate {
  constructor(private readonly auth: TenantAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const key = bearerTokenOf(request);
    if (!key) throw unauthorized(MISSING_SECRET_KEY_MESSAGE);
    const tenant = await this.auth.authenticateSecretKey(key);
    if (!tenant) {
      throw unauthorized(key.startsWith('pwk_') ? WRITE_KEY_AS_SECRET_KEY_MESSAGE : INVALID_SECRET_KEY_MESSAGE);
    }
    request.pulseTenant = tenant;
    return true;
  }
}
