import { parse } from 'yaml';
import { imageProblem } from './manifest-rules';
import type { PlatformDependency } from './service-dependencies';

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string | number | null> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

/** The compose file with its `<<` merge keys resolved, as Docker Compose reads it. */
export function parseCompose(text: string): ComposeFile {
  return parse(text, { merge: true }) as ComposeFile;
}

function environmentNames(service: ComposeService): string[] {
  const environment = service.environment ?? {};
  return Array.isArray(environment) ? environment.map((entry) => entry.split('=')[0]) : Object.keys(environment);
}

function dependsOn(service: ComposeService): Record<string, string> {
  const dependencies = service.depends_on ?? {};
  if (Array.isArray(dependencies)) return Object.fromEntries(dependencies.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(dependencies).map(([name, { condition }]) => [name, condition ?? 'service_started']));
}

/** `TOPICS` of the kafka-topics service (`topic:partitions …`) as a map. */
export function composeTopicPartitions(compose: ComposeFile): Map<string, number> {
  const environment = compose.services['kafka-topics']?.environment;
  const topics = !environment || Array.isArray(environment) ? '' : String(environment['TOPICS'] ?? '');
  return new Map(topics.split(/\s+/).filter(Boolean).map((entry) => [entry.split(':')[0], Number(entry.split(':')[1])]));
}

/**
 * Each Pulse service: built from docker/Dockerfile with APP = its name, an image tagged but not latest, every
 * required variable set, PostgreSQL and Redis healthy before it starts (the platform connects to both at start)
 * and, when it uses the bus, the topics created. Every dependency exists, and a `service_healthy` one has a
 * healthcheck. Every image of the file is tagged, never latest.
 */
export function composeViolations(
  compose: ComposeFile,
  options: { services: Record<string, PlatformDependency[]>; requiredVariables: readonly string[] },
): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    const image = imageProblem(service.image, false);
    if (image) violations.push(`service ${name}: ${image}`);
    for (const [dependency, condition] of Object.entries(dependsOn(service))) {
      const target = compose.services[dependency];
      if (!target) violations.push(`service ${name} depends on ${dependency}, which is not defined`);
      else if (condition === 'service_healthy' && !target.healthcheck) {
        violations.push(`service ${name} waits for ${dependency} to be healthy, but ${dependency} has no healthcheck`);
      }
    }
  }
  for (const [name, dependencies] of Object.entries(options.services)) {
    const service = compose.services[name];
    if (!service) {
      violations.push(`service ${name} is missing`);
      continue;
    }
    if (service.build?.dockerfile !== 'docker/Dockerfile' || service.build.args?.['APP'] !== name) {
      violations.push(`service ${name} is not built from docker/Dockerfile with APP=${name}`);
    }
    const missing = options.requiredVariables.filter((variable) => !environmentNames(service).includes(variable));
    if (missing.length > 0) violations.push(`service ${name} does not set ${missing.join(', ')}`);
    const waitsFor = dependsOn(service);
    const expected: Record<string, string> = { postgres: 'service_healthy', redis: 'service_healthy' };
    if (dependencies.includes('bus')) expected['kafka-topics'] = 'service_completed_successfully';
    for (const [dependency, condition] of Object.entries(expected)) {
      if (waitsFor[dependency] !== condition) violations.push(`service ${name} does not wait for ${dependency} (${condition})`);
    }
  }
  return violations;
}
