import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  REPORT_DELIVERY_CHANNELS,
  REPORT_DELIVERY_STATUSES,
  type ReportDeliveryChannel,
  type ReportDeliveryStatus,
} from '@pulse/reporting-data-access';

export class ReportDeliveryAttemptResponse {
  @ApiProperty({ description: 'When the attempt started' }) at!: string;
  @ApiProperty() durationMs!: number;
  @ApiPropertyOptional({
    description: "The receiver's answer: `HTTP 204`, the SMTP server's reply",
  })
  response?: string;
  @ApiPropertyOptional({ description: 'Why the attempt failed' })
  error?: string;
}

export class ReportDeliveryResponse {
  @ApiProperty({ description: 'Also the webhook’s X-Pulse-Delivery header' })
  id!: string;
  @ApiProperty({ enum: REPORT_DELIVERY_CHANNELS })
  channel!: ReportDeliveryChannel;
  @ApiProperty({
    description: 'The recipients (comma-separated) or the webhook URL',
  })
  target!: string;
  @ApiProperty({ enum: REPORT_DELIVERY_STATUSES })
  status!: ReportDeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When a pending delivery is tried (again)',
  })
  nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveredAt!: string | null;
  @ApiProperty({
    type: [ReportDeliveryAttemptResponse],
    description: 'Oldest first',
  })
  attemptLog!: ReportDeliveryAttemptResponse[];
}
