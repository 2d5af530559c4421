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
    description: "Each dependency: 'up', or 'down: <reason>'",
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { bus: 'up', store: 'up', cache: 'down: Redis is not connected (reconnecting)' },
  })
  checks!: Record<string, CheckOutcome>;
}
