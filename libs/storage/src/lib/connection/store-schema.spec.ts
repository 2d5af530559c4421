import type { MigrationInterface } from 'typeorm';
import { mergeStoreSchemas } from './store-schema';

function migration(name: string): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = name;
    async up(): Promise<void> {
      return undefined;
    }
    async down(): Promise<void> {
      return undefined;
    }
  };
}

describe('mergeStoreSchemas', () => {
  const storage = migration('CreateTenants1764115200000');
  const alerts = migration('CreateAlertRules1764115301000');
  class AlertEntity {}

  it('lists each migration and entity once, in the order first given', () => {
    const merged = mergeStoreSchemas({ migrations: [storage] }, { migrations: [alerts, storage], entities: [AlertEntity] }, undefined, {
      entities: [AlertEntity],
    });
    expect(merged).toEqual({ migrations: [storage, alerts], entities: [AlertEntity] });
  });

  it('refuses two migrations with the same timestamp, naming both', () => {
    const clash = migration('CreateReports1764115301000');
    expect(() => mergeStoreSchemas({ migrations: [alerts] }, { migrations: [clash] })).toThrow(
      'Migrations CreateAlertRules1764115301000 and CreateReports1764115301000 share the timestamp 1764115301000',
    );
  });

  it('refuses a migration whose name does not end with a unix-ms timestamp', () => {
    expect(() => mergeStoreSchemas({ migrations: [migration('CreateAlertRules')] })).toThrow('must end with a 13-digit timestamp');
  });
});
