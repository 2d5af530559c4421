import type { DataSource } from 'typeorm';

/**
 * Undoes the migrations from `first` (by name) to the newest, then applies them again: what a deployment
 * that stored events before `first` existed goes through, so a backfill test sees its migration fill the
 * tables from those events. Stays right when later migrations are added.
 */
export async function reapplyMigrationsFrom(dataSource: DataSource, first: { name: string }): Promise<void> {
  const applied: Array<{ name: string }> = await dataSource.query(`SELECT "name" FROM "migrations" ORDER BY "id"`);
  const position = applied.findIndex((migration) => migration.name === first.name);
  if (position < 0) throw new Error(`Migration ${first.name} is not applied`);
  for (let undone = position; undone < applied.length; undone++) await dataSource.undoLastMigration();
  await dataSource.runMigrations();
}
