import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root (this file is tools/deploy-checks/src/lib/workspace.ts). */
export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');

/** The keys of a `KEY=value` env file (comments and blank lines skipped): documented Secret keys. */
export function envFileKeys(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.slice(0, line.indexOf('=')));
}
