import { Module } from '@nestjs/common';
import { ExportModule } from './export/export.module';
import { ReportsModule } from './reports/reports.module';

/** The reporting service's controllers and providers; the app and the embedded start both import it. */
@Module({
  imports: [ReportsModule, ExportModule],
})
export class ReportingModule {}
