import { runDistributedService } from '@pulse/platform';
import { INSIGHTS_SERVICE } from '@pulse/insights/feature';

void runDistributedService(INSIGHTS_SERVICE);
