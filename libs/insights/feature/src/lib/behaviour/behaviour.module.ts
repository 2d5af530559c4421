import { Module } from '@nestjs/common';
import { DATA_SOURCE, FunnelQuery, JourneyQuery, PathsQuery, RetentionQuery, SessionsQuery } from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { FunnelController } from './funnel.controller';
import { FunnelService } from './funnel.service';
import { JourneysController } from './journeys.controller';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';

/** Behavioural analyses over raw events (funnels, retention, paths, journeys, sessions), scoped to the tenant of the secret key. */
@Module({
  imports: [TenancyModule],
  providers: [
    { provide: FunnelQuery, useFactory: (dataSource: DataSource) => new FunnelQuery(dataSource), inject: [DATA_SOURCE] },
    { provide: RetentionQuery, useFactory: (dataSource: DataSource) => new RetentionQuery(dataSource), inject: [DATA_SOURCE] },
    { provide: JourneyQuery, useFactory: (dataSource: DataSource) => new JourneyQuery(dataSource), inject: [DATA_SOURCE] },
    { provide: PathsQuery, useFactory: (dataSource: DataSource) => new PathsQuery(dataSource), inject: [DATA_SOURCE] },
    { provide: SessionsQuery, useFactory: (dataSource: DataSource) => new SessionsQuery(dataSource), inject: [DATA_SOURCE] },
    FunnelService,
    RetentionService,
  ],
  controllers: [FunnelController, RetentionController, JourneysController],
})
export class BehaviourModule {}
