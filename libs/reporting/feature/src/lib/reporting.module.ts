import { Module } from '@nestjs/common';

/** The reporting service's controllers and providers; the app and the embedded start both import it. */
@Module({})
export class ReportingModule {}
