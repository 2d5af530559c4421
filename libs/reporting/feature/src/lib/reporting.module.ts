import { Module } from '@nestjs/common';
import { ExportModule } from './export/export.module';

/** The reporting service's controllers and providers; the app and the embedded start both import it. */
@Module({ imports: [ExportModule] })
export class ReportingModule {}
