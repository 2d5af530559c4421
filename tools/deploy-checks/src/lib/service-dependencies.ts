import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type PlatformDependency = 'bus' | 'store' | 'cache';

/**
 * Each service's `ServiceDefinition.dependencies`, read from the feature libraries' source. Read as text, not
 * imported: this project may not depend on feature libraries (module boundaries), and the list is a literal.
 */
export function readServiceDependencies(workspaceRoot: string): Record<string, PlatformDependency[]> {
  const dependencies: Record<string, PlatformDependency[]> = {};
  for (const service of readdirSync(join(workspaceRoot, 'libs'))) {
    const directory = join(workspaceRoot, 'libs', service, 'feature', 'src', 'lib');
    let files: string[];
    try {
      files = readdirSync(directory).filter((file) => file.endsWith('.service-definition.ts'));
    } catch {
      continue;
    }
    for (const file of files) {
      const source = readFileSync(join(directory, file), 'utf8');
      const name = /\bname:\s*'([^']+)'/.exec(source)?.[1];
      const list = /\bdependencies:\s*\[([^\]]*)\]/.exec(source)?.[1];
      if (!name || list === undefined) throw new Error(`${file}: no name or dependencies literal found`);
      dependencies[name] = [...list.matchAll(/'(bus|store|cache)'/g)].map((match) => match[1] as PlatformDependency);
    }
  }
  return dependencies;
}
