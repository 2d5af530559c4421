import type { AuthenticatedTenant } from '../authenticated-tenant';
import type { CredentialCarrier } from '../auth/request-credentials';

/** A request a key guard has let through: the tenant the key opened rides along on it. */
export interface TenantRequest extends CredentialCarrier {
  pulseTenant?: AuthenticatedTenant;
}
