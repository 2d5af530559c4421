import type { DemoTenant, RunningService } from '@pulse/platform';
import type { StandaloneOptions } from './standalone-options';

export function printBanner(services: RunningService[], demo: DemoTenant | undefined, options: StandaloneOptions): void {
  const { dataDir } = options;
  const width = Math.max(...services.map((service) => service.name.length));
  const lines = [
    '',
    'Pulse is running (embedded mode: in-process bus, embedded PostgreSQL (PGlite), in-memory cache)',
    dataDir ? `Data directory: ${dataDir}` : 'Data is kept in memory (set PULSE_DATA_DIR to keep it).',
    '',
    ...services.map((service) => `  ${service.name.padEnd(width)}  ${service.url}   API docs ${service.url}/docs   health ${service.url}/health`),
    '',
  ];
  if (demo) {
    lines.push(`Demo tenant '${demo.slug}' with ${demo.events} events; write key ${demo.writeKey}`);
    lines.push(`  secret key (queries): ${demo.secretKey}`);
  }
  lines.push(`Admin token (admin API, e.g. creating tenants): ${options.adminToken}`);
  lines.push('Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n') + '\n');
}
