import { Module } from '@nestjs/common';
import { analyticalSqlExecutor, DATA_SOURCE, FunnelQuery, JourneyQuery, PathsQuery, RetentionQuery, SegmentRepository, SessionsQuery, StickinessQuery, TenantRetentionRepository, UserProfileQuery } from '@pulse/storage';
import { TenancyModule } from '@pulse/tenancy';
import type { DataSource } from 'typeorm';
import { FunnelController } from './funnel.controller';
import { FunnelService } from './funnel.service';
import { RetentionCheck } from '../query/retention-check';
import { JourneysController } from './journeys.controller';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';
import { SegmentPersons } from './segment-persons';
import { SegmentsController } from './segments.controller';
import { StickinessController } from './stickiness.controller';
import { UsersController } from './users.controller';

/** Behavioural analyses over raw events (funnels, retention, paths, journeys, sessions, user profiles, stickiness) and saved segments, scoped to the tenant of the secret key. */
@Module({
  imports: [TenancyModule],
  providers: [
    {
      provide: RetentionCheck,
      useFactory: (dataSource: DataSource) => new RetentionCheck(new TenantRetentionRepository(dataSource)),
      inject: [DATA_SOURCE],
    },
    { provide: FunnelQuery, useFactory: (dataSource: DataSource) => new FunnelQuery(analyticalSqlExecutor(dataSource)), inject: [DATA_SOURCE] },
    { provide: RetentionQuery, useFactory: (dataSource: DataSource) => new RetentionQuery(analyticalSqlExecutor(dataSource)), inject: [DATA_SOURCE] },
    { provide: JourneyQuery, useFactory: (dataSource: DataSource) => new JourneyQuery(dataSource), inject: [DATA_SOURCE] },
    { provide: PathsQuery, useFactory: (dataSource: DataSource) => new PathsQuery(dataSource), inject: [DATA_SOURCE] },
    { provide: SessionsQuery, useFactory: (dataSource: DataSource) => new SessionsQuery(dataSource), inject: [DATA_SOURCE] },
    { provide: SegmentRepository, useFactory: (dataSource: DataSource) => new SegmentRepository(dataSource), inject: [DATA_SOURCE] },
    { provide: UserProfileQuery, useFactory: (dataSource: DataSource) => new UserProfileQuery(dataSource), inject: [DATA_SOURCE] },
    { provide: StickinessQuery, useFactory: (dataSource: DataSource) => new StickinessQuery(analyticalSqlExecutor(dataSource)), inject: [DATA_SOURCE] },
    SegmentPersons,
    FunnelService,
    RetentionService,
  ],
  controllers: [FunnelController, RetentionController, JourneysController, SegmentsController, UsersController, StickinessController],
})
export class BehaviourModule {}
