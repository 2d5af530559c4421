import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { LocalDateRangeQuery } from '../shared/local-date-range.dto';

export class SystemEndpointsQuery extends LocalDateRangeQuery {
  @ApiPropertyOptional({ description: 'Only this service (tags.service)', example: 'checkout-api' })
  @IsOptional()
  @IsString()
  @Length(1, 256, { message: 'service must be 1 to 256 characters long' })
  service?: string;
}
