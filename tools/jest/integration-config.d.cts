import type { Config } from 'jest';

export declare function integrationConfig(options: { displayName: string; projectDir: string; testTimeout?: number }): Config;
