import type { DataSource } from 'typeorm';
import type { SqlExecutor } from '../repositories/sql-executor';

/**
 * Runs each analytical statement (funnels, retention, distinct counts over many rows) in its own short
 * transaction with settings suited to one big read: more sort/hash memory so window passes and DISTINCTs
 * stay in memory instead of spilling hundreds of MB to disk, and no JIT, whose compile time (≈ 2 s in the
 * 10 M-event plans, docs/BENCHMARKS.md) a seconds-long query never earns back. `SET LOCAL` ends with the
 * transaction, so the pool's connections keep the server defaults for everything else.
 */
export function analyticalSqlExecutor(dataSource: DataSource, workMem = '64MB'): SqlExecutor {
  if (!/^\d+(kB|MB)$/.test(workMem)) throw new RangeError(`work_mem must look like 64MB, got ${workMem}`);
  return {
    query: (sql, parameters) =>
      dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL work_mem = '${workMem}'`);
        await manager.query('SET LOCAL jit = off');
        return manager.query(sql, parameters);
      }),
  };
}
