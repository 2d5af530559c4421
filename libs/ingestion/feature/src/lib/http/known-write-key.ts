import { HttpStatus, NotFoundException } from '@nestjs/common';
import type { TenantAuthService } from '@pulse/tenancy';

/**
 * The SDKs' configuration routes carry the write key in their path: an unknown key answers 404 there,
 * so a mistyped key fails when the SDK loads rather than on every event after.
 */
export async function requireKnownWriteKey(auth: TenantAuthService, writeKey: string): Promise<void> {
  if (await auth.authenticateWriteKey(writeKey)) return;
  throw new NotFoundException({ statusCode: HttpStatus.NOT_FOUND, error: 'Not Found', message: 'No project has this write key.' });
}
