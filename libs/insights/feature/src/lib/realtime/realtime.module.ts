import { Module } from '@nestjs/common';
import { LiveStateModule } from '@pulse/realtime';
import { TenancyModule } from '@pulse/tenancy';
import { RealtimeController } from './realtime.controller';

/** `GET /v1/realtime/*`: the live state, scoped to the tenant of the secret key. */
@Module({
  imports: [TenancyModule, LiveStateModule],
  controllers: [RealtimeController],
})
export class RealtimeModule {}
