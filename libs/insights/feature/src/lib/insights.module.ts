import { Module } from '@nestjs/common';
import { RealtimeModule } from './realtime/realtime.module';

/** The insights service's controllers and providers; the app and the embedded start both import it. */
@Module({
  imports: [RealtimeModule],
})
export class InsightsModule {}
