import type { LogLevel } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

export interface StandaloneOptions {
  host: string;
  basePort: number;
  dataDir?: string;
  /** The admin API's token: PULSE_ADMIN_TOKEN, or a fresh random one printed at start. */
  adminToken: string;
  seedDemo: boolean;
  logLevels: LogLevel[];
}

/** The embedded start needs no configuration; these variables only move it out of the way. */
export function readStandaloneOptions(env: NodeJS.ProcessEnv): StandaloneOptions {
  const basePort = Number(env['PULSE_BASE_PORT'] ?? 3001);
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65530) {
    throw new Error(`PULSE_BASE_PORT must be an integer from 0 to 65530 (got '${env['PULSE_BASE_PORT']}')`);
  }
  return {
    host: env['PULSE_HOST'] ?? '127.0.0.1',
    basePort,
    dataDir: env['PULSE_DATA_DIR'] || undefined,
    adminToken: env['PULSE_ADMIN_TOKEN'] || randomBytes(18).toString('base64url'),
    seedDemo: env['PULSE_DEMO'] !== 'false',
    logLevels: env['PULSE_VERBOSE'] === 'true' ? ['log', 'error', 'warn', 'debug'] : ['error', 'warn'],
  };
}
