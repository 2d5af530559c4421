import { runDistributedService } from '@pulse/platform';
import { STREAM_PROCESSOR_SERVICE } from '@pulse/stream-processor/feature';

void runDistributedService(STREAM_PROCESSOR_SERVICE);
