import { ApiProperty } from '@nestjs/swagger';

/** Values an answer left out because they broke their type's rule (stored under the lenient schema policy). */
export class SkippedValuesResponse {
  @ApiProperty({ example: 'purchase' }) eventType!: string;
  @ApiProperty({ example: 'properties.revenue', description: 'List positions generalized: properties.items[].price' }) field!: string;
  @ApiProperty({ example: 'isNumber', description: 'The rule the value broke, or isDefined when it was missing' }) rule!: string;
  @ApiProperty({ example: 3, description: 'Events in the answer\'s range whose value was left out (or missing)' }) events!: number;
}
