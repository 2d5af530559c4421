import { runDistributedService } from '@pulse/platform';
import { DASHBOARDS_SERVICE } from '@pulse/dashboards/feature';

void runDistributedService(DASHBOARDS_SERVICE);
