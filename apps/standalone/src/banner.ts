import { embeddedBusDirectory, type DemoTenant, type RunningService } from '@pulse/platform';
import type { StandaloneOptions } from './standalone-options';

export function printBanner(services: RunningService[], demo: DemoTenant | undefined, options: StandaloneOptions): void {
  const width = Math.max(...services.map((service) => service.name.length));
  const lines = [
    '',
    'Pulse is running (embedded mode: in-process bus, embedded PostgreSQL (PGlite), in-memory cache)',
    ...whereDataLives(options.dataDir),
    '',
    ...services.map(
      (service) => `  ${service.name.padEnd(width)}  ${service.url}   API docs ${service.url}/docs   health ${service.url}/health`,
    ),
    '',
    ...webUiLine(services),
  ];
  if (demo?.writeKey) {
    lines.push(`Demo tenant '${demo.slug}' with ${demo.events} events; write key ${demo.writeKey}`);
    lines.push(`  secret key (queries): ${demo.secretKey}`);
  } else if (demo) {
    lines.push(`Demo tenant '${demo.slug}' kept from an earlier run; its write key is the one printed then`);
    lines.push(`  new secret key (queries): ${demo.secretKey}`);
  }
  lines.push(`Admin token (admin API, e.g. creating tenants): ${options.adminToken}`);
  lines.push('Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n') + '\n');
}

/** The web UI is served by the dashboards service at its root. */
function webUiLine(services: RunningService[]): string[] {
  const dashboards = services.find((service) => service.name === 'dashboards');
  return dashboards ? [`Web UI: ${dashboards.url}/  (sign in with the secret key below)`, ''] : [];
}

/** Plainly: what survives the process ending, and what does not. */
function whereDataLives(dataDir: string | undefined): string[] {
  if (!dataDir) {
    return [
      'Data is kept in memory (set PULSE_DATA_DIR to keep it on disk).',
      'Accepted events (answered 202) live in memory until stored; when the process ends they are lost, and so is everything stored.',
    ];
  }
  return [
    `Data directory: ${dataDir} (embedded PostgreSQL)`,
    `Bus log on disk at ${embeddedBusDirectory(dataDir)}: accepted events (answered 202) are on disk before the answer; a restart stores any not stored yet.`,
  ];
}
