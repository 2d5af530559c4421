import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE, TenantRepository } from '@pulse/storage';
import { toAuthenticatedTenant, type AuthenticatedTenant } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';

const TTL_MS = 60_000;

/** Tenants by id for the bus handlers (no request, no key): zone and currency, cached a minute. */
@Injectable()
export class AlertTenants {
  private readonly tenants: TenantRepository;
  private readonly cache = new Map<string, { tenant: AuthenticatedTenant | null; until: number }>();

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.tenants = new TenantRepository(dataSource);
  }

  async find(tenantId: string, now = Date.now()): Promise<AuthenticatedTenant | null> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.until > now) return cached.tenant;
    const stored = /^[0-9a-f-]{36}$/i.test(tenantId) ? await this.tenants.findById(tenantId) : null;
    const tenant = stored ? toAuthenticatedTenant(stored) : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(tenantId, { tenant, until: now + TTL_MS });
    return tenant;
  }
}
