import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigValidationError } from './config-validation-error';
import { CONFIG_VARIABLES, DEFAULT_PORTS, loadServiceConfig, SERVICE_NAMES, type ServiceName } from './service-config';

const validEnv = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://pulse:pulse-db-secret@127.0.0.1:5432/pulse',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

function messageOf(env: Record<string, string | undefined>, service: ServiceName = 'ingestion'): string {
  try {
    loadServiceConfig(service, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('loadServiceConfig', () => {
  it('fills every optional variable with its default', () => {
    expect(loadServiceConfig('insights', validEnv)).toEqual({
      serviceName: 'insights',
      port: 3003,
      host: '0.0.0.0',
      logLevel: 'info',
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'pulse-insights' },
      database: { url: validEnv.DATABASE_URL, poolSize: 10 },
      redis: { url: 'redis://127.0.0.1:6379' },
    });
  });

  it('gives each service its own default port', () => {
    const ports = SERVICE_NAMES.map((service) => loadServiceConfig(service, validEnv).port);

    expect(ports).toEqual([3001, 3002, 3003, 3004, 3005]);
    expect(DEFAULT_PORTS).toEqual({ ingestion: 3001, 'stream-processor': 3002, insights: 3003, reporting: 3004, dashboards: 3005 });
  });

  it('reads every variable when set', () => {
    const config = loadServiceConfig('reporting', {
      KAFKA_BROKERS: 'kafka-0:9092, kafka-1:9092,[::1]:9093',
      DATABASE_URL: 'postgresql://db.internal/pulse',
      REDIS_URL: 'rediss://cache.internal:6380',
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'WARN',
      KAFKA_CLIENT_ID: 'reporting-eu-1',
      DATABASE_POOL_SIZE: '25',
      ADMIN_TOKEN: 'a-token-of-22-letters',
    });

    expect(config).toEqual({
      serviceName: 'reporting',
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'warn',
      kafka: { brokers: ['kafka-0:9092', 'kafka-1:9092', '[::1]:9093'], clientId: 'reporting-eu-1' },
      database: { url: 'postgresql://db.internal/pulse', poolSize: 25 },
      redis: { url: 'rediss://cache.internal:6380' },
      adminToken: 'a-token-of-22-letters',
    });
  });

  it('names a missing required variable and what it should hold', () => {
    expect(messageOf({ ...validEnv, KAFKA_BROKERS: undefined })).toBe(
      'Invalid configuration: KAFKA_BROKERS is required (comma-separated host:port list, e.g. 127.0.0.1:9092)',
    );
  });

  it('names all three required variables when the environment is empty', () => {
    const message = messageOf({});

    expect(message).toMatch(/^Invalid configuration: KAFKA_BROKERS is required \(.+\); DATABASE_URL is required \(.+\); REDIS_URL is required \(.+\)$/);
  });

  it.each([
    ['PORT', '0', 'PORT must be an integer from 1 to 65535'],
    ['PORT', '65536', 'PORT must be an integer from 1 to 65535'],
    ['PORT', 'http', 'PORT must be an integer from 1 to 65535'],
    ['DATABASE_POOL_SIZE', '101', 'DATABASE_POOL_SIZE must be an integer from 1 to 100'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL must be one of debug, info, warn, error'],
    ['KAFKA_BROKERS', '127.0.0.1', 'KAFKA_BROKERS must be a comma-separated host:port list, e.g. 127.0.0.1:9092'],
    ['KAFKA_BROKERS', 'kafka-0:9092,kafka-1', 'KAFKA_BROKERS must be a comma-separated host:port list, e.g. 127.0.0.1:9092'],
    ['KAFKA_BROKERS', 'kafka-0:99999', 'KAFKA_BROKERS must be a comma-separated host:port list, e.g. 127.0.0.1:9092'],
    ['DATABASE_URL', 'mysql://db/pulse', 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    ['DATABASE_URL', 'localhost:5432/pulse', 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    ['REDIS_URL', 'http://127.0.0.1:6379', 'REDIS_URL must be a redis:// or rediss:// URL'],
    ['ADMIN_TOKEN', 'short', 'ADMIN_TOKEN must be at least 16 characters long'],
  ])('rejects %s=%s with the rule it breaks', (variable, value, rule) => {
    expect(messageOf({ ...validEnv, [variable]: value })).toBe(`Invalid configuration: ${rule}`);
  });

  it('reports several bad variables together', () => {
    expect(messageOf({ ...validEnv, KAFKA_BROKERS: undefined, DATABASE_URL: 'mysql://db', PORT: '-1' })).toBe(
      'Invalid configuration: KAFKA_BROKERS is required (comma-separated host:port list, e.g. 127.0.0.1:9092); ' +
        'DATABASE_URL must be a postgres:// or postgresql:// URL; PORT must be an integer from 1 to 65535',
    );
  });

  it('never echoes the value of a bad variable', () => {
    const secrets = {
      DATABASE_URL: 'mysql://pulse:hunter2-db-password@db/pulse',
      REDIS_URL: 'http://:hunter2-redis-password@cache:6379',
      ADMIN_TOKEN: 'hunter2-tok',
      KAFKA_BROKERS: 'hunter2-broker',
    };
    const message = messageOf(secrets);

    expect(message).not.toMatch(/hunter2/);
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('ADMIN_TOKEN');
  });

  it('refuses a service name it does not know', () => {
    expect(() => loadServiceConfig('billing' as ServiceName, validEnv)).toThrow(/Unknown service "billing"/);
  });
});

describe('CONFIG_VARIABLES', () => {
  it('describes every variable the service environment reads, required ones first', () => {
    expect(CONFIG_VARIABLES.map((variable) => [variable.name, variable.required])).toEqual([
      ['KAFKA_BROKERS', true],
      ['DATABASE_URL', true],
      ['REDIS_URL', true],
      ['PORT', false],
      ['HOST', false],
      ['LOG_LEVEL', false],
      ['KAFKA_CLIENT_ID', false],
      ['DATABASE_POOL_SIZE', false],
      ['ADMIN_TOKEN', false],
    ]);
  });

  it('agrees with the table in the README', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

    for (const variable of CONFIG_VARIABLES) {
      const defaultValue = variable.default === undefined ? '' : `\`${variable.default}\``;
      const row = `| \`${variable.name}\` | ${variable.required ? 'yes' : 'no'} | ${defaultValue} | ${variable.description} |`;
      expect(readme).toContain(row);
    }
  });
});
