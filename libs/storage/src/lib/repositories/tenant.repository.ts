import type { DataSource, Repository } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { TenantEntity, type Tenant } from '../entities/tenant.entity';
import {
  InvalidTenantError,
  findNewTenantProblems,
  type NewTenant,
} from './new-tenant';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = '23505';

export class TenantAlreadyExistsError extends Error {
  constructor(readonly constraint: string) {
    super(
      `A tenant with the same ${constraint === 'UQ_tenants_slug' ? 'slug' : 'write key'} already exists.`,
    );
    this.name = 'TenantAlreadyExistsError';
  }
}

/** What an operator may change on a tenant after creating it. */
export type TenantSettings = Partial<Pick<Tenant, 'schemaPolicy' | 'storeMessageText' | 'suppressErasedUsers'>>;

export class TenantRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get tenants(): Repository<Tenant> {
    return this.dataSource.getRepository(TenantEntity);
  }

  /** Inserts a tenant and returns it as stored (with its id, defaults and timestamps). */
  async create(tenant: NewTenant): Promise<Tenant> {
    const problems = findNewTenantProblems(tenant);
    if (problems.length > 0) throw new InvalidTenantError(problems);
    try {
      const result = await this.tenants.insert({
        slug: tenant.slug,
        name: tenant.name,
        writeKeyHash: tenant.writeKeyHash,
        timeZone: tenant.timeZone,
        currency: tenant.currency,
        ...(tenant.schemaPolicy ? { schemaPolicy: tenant.schemaPolicy } : {}),
        ...(tenant.storeMessageText !== undefined ? { storeMessageText: tenant.storeMessageText } : {}),
      });
      const id = (result.identifiers[0] as { id: string }).id;
      return await this.tenants.findOneByOrFail({ id });
    } catch (error) {
      const constraint = uniqueViolationConstraint(error);
      if (constraint) throw new TenantAlreadyExistsError(constraint);
      throw error;
    }
  }

  /** Null for an unknown id, including one that is not a UUID at all. */
  async findById(id: string): Promise<Tenant | null> {
    if (!UUID.test(id)) return null;
    return this.tenants.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ slug });
  }

  findByWriteKeyHash(writeKeyHash: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ writeKeyHash });
  }

  /** Changes the settings given (the others stay); null for an unknown id. */
  async updateSettings(id: string, settings: TenantSettings): Promise<Tenant | null> {
    if (!UUID.test(id)) return null;
    const result = await this.tenants.update({ id }, settings);
    return result.affected ? this.tenants.findOneBy({ id }) : null;
  }

  /** All tenants by slug; there are few enough to list without paging. */
  list(): Promise<Tenant[]> {
    return this.tenants.find({ order: { slug: 'ASC' } });
  }
}

function uniqueViolationConstraint(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as {
    code?: string;
    constraint?: string;
  };
  return driverError.code === UNIQUE_VIOLATION
    ? (driverError.constraint ?? 'unknown')
    : undefined;
}
