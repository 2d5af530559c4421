import { runDistributedService } from '@pulse/platform';
import { REPORTING_SERVICE } from '@pulse/reporting/feature';

void runDistributedService(REPORTING_SERVICE);
