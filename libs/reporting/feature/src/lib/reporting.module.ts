import { Module } from '@nestjs/common';
import { ReportsModule } from './reports/reports.module';

/** The reporting service's controllers and providers; the app and the embedded start both import it. */
@Module({
  imports: [ReportsModule],
})
export class ReportingModule {}
