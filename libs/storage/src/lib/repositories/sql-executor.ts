/**
 * Anything that runs SQL with bound parameters: a `DataSource`, or inside a transaction its
 * `EntityManager` / `QueryRunner`. Repositories that take one work in whatever transaction they are
 * given. On the embedded store every statement of a transaction must go through its own executor:
 * a query through the DataSource would wait for the single connection the transaction holds.
 */
export interface SqlExecutor {
  // TypeORM's own signature returns `any`; rows are typed where each repository reads them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, parameters?: unknown[]): Promise<any>;
}
