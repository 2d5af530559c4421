import type { EntitySchema, MigrationInterface } from 'typeorm';

/** A migration class: named `<WhatItDoes><unix-ms>`, with the same `name` property, like storage's. */
export type MigrationClass = new () => MigrationInterface;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
export type EntityTarget = Function | string | EntitySchema;

/** A service's own tables, registered where the store is opened: its migrations and the entities that map them. */
export interface StoreSchema {
  migrations?: readonly MigrationClass[];
  entities?: readonly EntityTarget[];
}

/** Several schemas as one, each migration and entity once (the embedded start hosts every service on one store). */
export function mergeStoreSchemas(...schemas: ReadonlyArray<StoreSchema | undefined>): { migrations: MigrationClass[]; entities: EntityTarget[] } {
  const migrations: MigrationClass[] = [];
  const entities: EntityTarget[] = [];
  for (const schema of schemas) {
    for (const migration of schema?.migrations ?? []) if (!migrations.includes(migration)) migrations.push(migration);
    for (const entity of schema?.entities ?? []) if (!entities.includes(entity)) entities.push(entity);
  }
  assertUniqueMigrationTimestamps(migrations);
  return { migrations, entities };
}

/**
 * TypeORM runs pending migrations in the order of the timestamp that ends their name. Two with the same
 * timestamp (two services picking the same one) would run in an arbitrary order, so a clash stops the
 * store from opening, naming both.
 */
function assertUniqueMigrationTimestamps(migrations: readonly MigrationClass[]): void {
  const byTimestamp = new Map<string, string>();
  for (const migration of migrations) {
    // The instance's `name`, as TypeORM reads it: class names do not survive minification.
    const name = new migration().name ?? migration.name;
    const timestamp = /(\d{13})$/.exec(name)?.[1];
    if (timestamp === undefined) throw new Error(`Migration ${name} must end with a 13-digit timestamp (unix ms)`);
    const other = byTimestamp.get(timestamp);
    if (other !== undefined) throw new Error(`Migrations ${other} and ${name} share the timestamp ${timestamp}: give one a new one`);
    byTimestamp.set(timestamp, name);
  }
}
