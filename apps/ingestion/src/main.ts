import { runDistributedService } from '@pulse/platform';
import { INGESTION_SERVICE } from '@pulse/ingestion/feature';

void runDistributedService(INGESTION_SERVICE);
