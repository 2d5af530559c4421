import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { writeKeyOf } from '../auth/request-credentials';
import { TenantAuthService } from '../auth/tenant-auth.service';
import type { TenantRequest } from './tenant-request';
import { unauthorized } from './unauthorized';

export const MISSING_WRITE_KEY_MESSAGE =
  'A write key is required: send it as "Authorization: Bearer <write key>", as the HTTP Basic user name ' +
  '(Segment SDKs), in an "X-Pulse-Write-Key" header, or as "api_key" in the body (PostHog SDKs).';
export const INVALID_WRITE_KEY_MESSAGE = 'The write key is not valid.';
const SECRET_KEY_AS_WRITE_KEY_MESSAGE =
  'This is a secret key (psk_…): ingestion takes the project\'s write key (pwk_…). Never ship a secret key in a client.';

/**
 * Lets a request through when it carries a valid write key, wherever the SDK puts it (see
 * `writeKeyOf`), and attaches the tenant for `@CurrentTenant()`. Unknown or missing → 401, with the
 * same answer whether or not such a tenant ever existed.
 */
@Injectable()
export class WriteKeyGuard implements CanActivate {
  constructor(private readonly auth: TenantAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const found = writeKeyOf(request);
    if (!found) throw unauthorized(MISSING_WRITE_KEY_MESSAGE);
    const tenant = await this.auth.authenticateWriteKey(found.key);
    if (!tenant) {
      throw unauthorized(found.key.startsWith('psk_') ? SECRET_KEY_AS_WRITE_KEY_MESSAGE : INVALID_WRITE_KEY_MESSAGE);
    }
    request.pulseTenant = tenant;
    return true;
  }
}
