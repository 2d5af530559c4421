import type { ServiceDefinition } from '@pulse/platform';
import { StreamProcessorModule } from './stream-processor.module';

export const STREAM_PROCESSOR_SERVICE: ServiceDefinition = {
  name: 'stream-processor',
  title: 'Stream processor',
  description: 'Consumes event topics in batches: validates, de-duplicates, enriches, stores raw events and rollups, and keeps live state.',
  featureModule: StreamProcessorModule,
  dependencies: ['bus', 'store', 'cache'],
  // Events are stored without the cache; the live state is rebuilt from them once it is back (LiveStateRecovery).
  degradedWithout: ['cache'],
};
