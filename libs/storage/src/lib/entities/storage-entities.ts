import { EventEntity } from './event.entity';
import { TenantEntity } from './tenant.entity';

export const STORAGE_ENTITIES = [TenantEntity, EventEntity];
