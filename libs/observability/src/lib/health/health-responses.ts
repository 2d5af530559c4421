import { ApiProperty } from '@nestjs/swagger';
import type { CheckOutcome } from './readiness';

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty({ example: 'ingestion' })
  service!: string;

  @ApiProperty({ description: 'Seconds since this service started', example: 42 })
  uptimeSeconds!: number;
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ready', 'not_ready'] })
  status!: 'ready' | 'not_ready';

  @ApiProperty({
    description: "Each dependency: 'up', 'down: <reason>', or 'degraded: <reason>' for one the service works on without (it stays ready)",
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { bus: 'up', store: 'up', sharedRateLimit: 'degraded: Redis is unreachable (…); each replica limits on its own' },
  })
  checks!: Record<string, CheckOutcome>;
}
