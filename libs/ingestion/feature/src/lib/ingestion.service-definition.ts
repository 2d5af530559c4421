import type { ServiceDefinition } from '@pulse/platform';
import { IngestionModule } from './ingestion.module';

export const INGESTION_SERVICE: ServiceDefinition = {
  name: 'ingestion',
  title: 'Ingestion',
  description: 'Receives events over HTTP (native, Segment and PostHog compatible APIs) and publishes them to Kafka once acknowledged.',
  featureModule: IngestionModule,
  dependencies: ['bus', 'store'],
};
