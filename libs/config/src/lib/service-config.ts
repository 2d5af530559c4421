import { IsOptional, IsString } from 'class-validator';
import {
  HasMinLength,
  IsHostPortList,
  IsIntegerInRange,
  IsOneOf,
  IsUrlWithScheme,
  Required,
  parseHostPortList,
} from './environment-rules';
import { loadConfig, type Environment } from './load-config';

export const SERVICE_NAMES = ['ingestion', 'stream-processor', 'insights', 'reporting', 'dashboards'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Each service's HTTP port when PORT is unset, so all five can run side by side on one machine. */
export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = {
  ingestion: 3001,
  'stream-processor': 3002,
  insights: 3003,
  reporting: 3004,
  dashboards: 3005,
};

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServiceConfig {
  serviceName: ServiceName;
  port: number;
  host: string;
  logLevel: LogLevel;
  kafka: { brokers: string[]; clientId: string };
  database: { url: string; poolSize: number };
  redis: { url: string };
  adminToken?: string;
}

/** One row of the configuration reference: the README table and the "is required" messages come from here. */
export interface ConfigVariable {
  name: string;
  required: boolean;
  default?: string;
  description: string;
}

export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'KAFKA_BROKERS', required: true, description: 'comma-separated host:port list, e.g. 127.0.0.1:9092' },
  {
    name: 'DATABASE_URL',
    required: true,
    description: 'PostgreSQL URL, postgres:// or postgresql://, e.g. postgres://pulse:secret@127.0.0.1:5432/pulse',
  },
  { name: 'REDIS_URL', required: true, description: 'Redis URL, redis:// or rediss://, e.g. redis://127.0.0.1:6379' },
  {
    name: 'PORT',
    required: false,
    default: Object.entries(DEFAULT_PORTS)
      .map(([service, port]) => `${service} ${port}`)
      .join(', '),
    description: 'HTTP port, an integer from 1 to 65535',
  },
  { name: 'HOST', required: false, default: '0.0.0.0', description: 'interface the HTTP server listens on' },
  { name: 'LOG_LEVEL', required: false, default: 'info', description: `lowest level logged: ${LOG_LEVELS.join(', ')}` },
  { name: 'KAFKA_CLIENT_ID', required: false, default: 'pulse-<service>', description: 'client id sent to Kafka' },
  {
    name: 'DATABASE_POOL_SIZE',
    required: false,
    default: '10',
    description: 'PostgreSQL connections per process, an integer from 1 to 100',
  },
  {
    name: 'ADMIN_TOKEN',
    required: false,
    description: 'secret for administrative endpoints, at least 16 characters',
  },
];

function descriptionOf(name: string): string {
  const variable = CONFIG_VARIABLES.find((candidate) => candidate.name === name);
  if (!variable) throw new Error(`${name} is missing from CONFIG_VARIABLES`);
  return variable.description;
}

/**
 * The environment every distributed service reads. Extend it for service-specific variables and load the
 * subclass with `loadConfig`.
 */
export class ServiceEnvironment {
  @Required(descriptionOf('KAFKA_BROKERS'))
  @IsHostPortList()
  KAFKA_BROKERS!: string;

  @Required(descriptionOf('DATABASE_URL'))
  @IsUrlWithScheme(['postgres', 'postgresql'])
  DATABASE_URL!: string;

  @Required(descriptionOf('REDIS_URL'))
  @IsUrlWithScheme(['redis', 'rediss'])
  REDIS_URL!: string;

  /** Unset means the service's entry in DEFAULT_PORTS. */
  @IsOptional()
  @IsIntegerInRange(1, 65535)
  PORT?: number;

  @IsString()
  HOST = '0.0.0.0';

  @IsOneOf(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Unset means `pulse-<service>`. */
  @IsOptional()
  @IsString()
  KAFKA_CLIENT_ID?: string;

  @IsIntegerInRange(1, 100)
  DATABASE_POOL_SIZE = 10;

  @IsOptional()
  @HasMinLength(16)
  ADMIN_TOKEN?: string;
}

/**
 * Validates the environment of one distributed service and shapes it for the code.
 *
 * @throws ConfigValidationError naming every bad variable, e.g.
 *   `Invalid configuration: KAFKA_BROKERS is required (comma-separated host:port list, e.g. 127.0.0.1:9092)`.
 */
export function loadServiceConfig(serviceName: ServiceName, env: Environment = process.env): ServiceConfig {
  if (!SERVICE_NAMES.includes(serviceName)) {
    throw new Error(`Unknown service "${serviceName}"; expected one of ${SERVICE_NAMES.join(', ')}`);
  }
  const environment = loadConfig(ServiceEnvironment, env);
  return {
    serviceName,
    port: environment.PORT ?? DEFAULT_PORTS[serviceName],
    host: environment.HOST,
    logLevel: environment.LOG_LEVEL,
    kafka: {
      // Validated above, so the parse succeeds.
      brokers: parseHostPortList(environment.KAFKA_BROKERS) ?? [],
      clientId: environment.KAFKA_CLIENT_ID ?? `pulse-${serviceName}`,
    },
    database: { url: environment.DATABASE_URL, poolSize: environment.DATABASE_POOL_SIZE },
    redis: { url: environment.REDIS_URL },
    ...(environment.ADMIN_TOKEN === undefined ? {} : { adminToken: environment.ADMIN_TOKEN }),
  };
}
