import type { AuthenticatedTenant } from '../authenticated-tenant';
import type { CredentialCarrier } from '../auth/request-credentials';
import type { SecretKeyIdentity } from '../auth/tenant-key-lookup';

/** A request a key guard has let through: the tenant the key opened rides along on it (and which secret key). */
export interface TenantRequest extends CredentialCarrier {
  pulseTenant?: AuthenticatedTenant;
  pulseSecretKey?: SecretKeyIdentity;
}
