import type { SqlParameters } from './sql-parameters';

/**
 * A set of persons a query is narrowed to (e.g. a segment's members): `sql` returns a subquery selecting
 * person keys of the tenant bound at `tenantPlaceholder`, adding its own parameters.
 */
export interface PersonCondition {
  sql(tenantPlaceholder: string, parameters: SqlParameters): string;
}
