import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROPERTY_MAPPING_MODES, type PropertyMapping } from '@pulse/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

/** Most mappings a tenant may keep: each is tried on every event of its type. */
export const MAX_PROPERTY_MAPPINGS = 200;

const REQUIRED = { message: '$property is required' };

export class PropertyMappingDto {
  @ApiProperty({ example: 'purchase', description: 'A registered event type (after the source\'s own name was mapped: Segment "Order Completed" is purchase)' })
  @IsDefined(REQUIRED)
  @IsString()
  @Length(1, 200)
  eventType!: string;

  @ApiProperty({ example: 'orderId', description: 'The property name the source sends' })
  @IsDefined(REQUIRED)
  @IsString()
  @Length(1, 200)
  from!: string;

  @ApiProperty({ example: 'order_id', description: 'A property the event type declares' })
  @IsDefined(REQUIRED)
  @IsString()
  @Length(1, 200)
  to!: string;

  @ApiPropertyOptional({ enum: PROPERTY_MAPPING_MODES, default: 'rename', description: 'rename moves the value; alias copies it and keeps the source property' })
  @IsOptional()
  @IsIn(PROPERTY_MAPPING_MODES, { message: `$property must be one of: ${PROPERTY_MAPPING_MODES.join(', ')}` })
  mode?: PropertyMapping['mode'];
}

export class ReplacePropertyMappingsDto {
  @ApiProperty({ type: [PropertyMappingDto] })
  @IsDefined(REQUIRED)
  @IsArray()
  @ArrayMaxSize(MAX_PROPERTY_MAPPINGS)
  @ValidateNested({ each: true })
  @Type(() => PropertyMappingDto)
  mappings!: PropertyMappingDto[];
}

export class PropertyMappingResponse {
  @ApiProperty({ example: 'purchase' }) eventType!: string;
  @ApiProperty({ example: 'orderId' }) from!: string;
  @ApiProperty({ example: 'order_id' }) to!: string;
  @ApiProperty({ enum: PROPERTY_MAPPING_MODES }) mode!: PropertyMapping['mode'];
}

export class PropertyMappingsResponse {
  @ApiProperty({ type: [PropertyMappingResponse] }) mappings!: PropertyMappingResponse[];
}
