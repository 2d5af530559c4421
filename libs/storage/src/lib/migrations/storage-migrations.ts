import { CreateTenants1764115200000 } from './1764115200000-create-tenants';
import { CreateEvents1764115200001 } from './1764115200001-create-events';

/** Every migration, oldest first. Add new ones at the end (see the lib README). */
export const STORAGE_MIGRATIONS = [
  CreateTenants1764115200000,
  CreateEvents1764115200001,
];
