import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { KubernetesObject } from './kubernetes-object';

export interface SchemaProblem {
  object: string;
  problem: string;
}

/**
 * Every object checked against the Kubernetes API schemas of kubernetes-models, offline. The package is ESM-only
 * and Jest here runs CommonJS, so a plain Node process does the validating (validate-schemas.mjs).
 */
export function schemaProblemsOf(objects: readonly KubernetesObject[]): SchemaProblem[] {
  const result = spawnSync(process.execPath, [join(__dirname, 'validate-schemas.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`validate-schemas.mjs failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as SchemaProblem[];
}
