import { ConsoleLogger } from '@nestjs/common';
import { DASHBOARDS_SERVICE, seedPrebuiltDashboards } from '@pulse/dashboards/feature';
import { INGESTION_SERVICE } from '@pulse/ingestion/feature';
import { INSIGHTS_SERVICE } from '@pulse/insights/feature';
import { onShutdownSignal, runEmbeddedPlatform, seedDemoTenant, type DemoTenant } from '@pulse/platform';
import { REPORTING_SERVICE } from '@pulse/reporting/feature';
import { STREAM_PROCESSOR_SERVICE } from '@pulse/stream-processor/feature';
import { readStandaloneOptions } from './standalone-options';
import { printBanner } from './banner';
import { withWebUiCrossOrigin } from './web-ui-cross-origin';

/** `npm start`: every Pulse service in this one process, on embedded adapters, with demo data. */
async function main(): Promise<void> {
  const options = readStandaloneOptions(process.env);
  const logger = new ConsoleLogger('Pulse', { logLevels: options.logLevels });
  let demo: DemoTenant | undefined;
  const platform = await runEmbeddedPlatform({
    services: [INGESTION_SERVICE, STREAM_PROCESSOR_SERVICE, INSIGHTS_SERVICE, withWebUiCrossOrigin(REPORTING_SERVICE), DASHBOARDS_SERVICE],
    host: options.host,
    basePort: options.basePort,
    dataDir: options.dataDir,
    adminToken: options.adminToken,
    logger,
    prepare: async (adapters) => {
      if (options.seedDemo) {
        demo = await seedDemoTenant(adapters);
        await seedPrebuiltDashboards(adapters.store.dataSource, demo.tenantId);
      }
    },
  });
  // The web UI (served by the dashboards service) reaches the reporting API on its own port.
  const reporting = platform.services.find((service) => service.name === 'reporting');
  if (reporting && !process.env['WEB_UI_REPORTING_URL']) process.env['WEB_UI_REPORTING_URL'] = reporting.url;
  printBanner(platform.services, demo, options);
  onShutdownSignal(
    async () => {
      await platform.stop();
      process.stdout.write('Pulse stopped cleanly.\n');
    },
    (message) => process.stdout.write(`${message}\n`),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Pulse failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
