import {
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  ServiceUnavailableException,
} from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerTokenOf, type CredentialCarrier } from '../auth/request-credentials';
import { TENANCY_SETTINGS, type TenancySettings } from '../tenancy-settings';
import { unauthorized } from './unauthorized';

export const ADMIN_API_DISABLED_MESSAGE =
  'The admin API is disabled: no admin token is configured. Set ADMIN_TOKEN (at least 16 characters) and restart.';
export const MISSING_ADMIN_TOKEN_MESSAGE = 'An admin token is required: send "Authorization: Bearer <admin token>".';
export const INVALID_ADMIN_TOKEN_MESSAGE = 'The admin token is not valid.';

/**
 * Protects the admin API with the configured admin token, compared in constant time. Not provided by
 * `TenancyModule`: the module whose controller uses it provides `TENANCY_SETTINGS`.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expectedDigest: Buffer | undefined;

  constructor(@Inject(TENANCY_SETTINGS) settings: TenancySettings) {
    this.expectedDigest = settings.adminToken ? digest(settings.adminToken) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expectedDigest) {
      throw new ServiceUnavailableException({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: ADMIN_API_DISABLED_MESSAGE,
      });
    }
    const token = bearerTokenOf(context.switchToHttp().getRequest<CredentialCarrier>());
    if (!token) throw unauthorized(MISSING_ADMIN_TOKEN_MESSAGE);
    // Digests have one length whatever was sent, so neither the comparison nor its length check leaks.
    if (!timingSafeEqual(digest(token), this.expectedDigest)) throw unauthorized(INVALID_ADMIN_TOKEN_MESSAGE);
    return true;
  }
}

/**
 * Who an admin request acts as, for the audit log: the admin API knows one credential, the admin token, so its
 * identity is a short fingerprint of it (`admin-token:` + the first 12 hex digits of its SHA-256). A rotated token
 * shows as another identity; the token itself is never recorded.
 */
export function adminIdentityOf(token: string): string {
  return `admin-token:${digest(token).toString('hex').slice(0, 12)}`;
}

/** The admin identity of the request (`adminIdentityOf`); only on routes behind `AdminTokenGuard`. */
export const AdminIdentity = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  adminIdentityOf(bearerTokenOf(context.switchToHttp().getRequest<CredentialCarrier>()) ?? ''),
);

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
