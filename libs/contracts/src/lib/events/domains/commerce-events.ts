import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsOptional,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsAmount,
  IsCount,
  IsCurrencyCode,
  IsIdentifier,
  IsPlainObject,
  IsPositiveCount,
  IsRequired,
  IsText,
  IsUrlText,
  RequiresThisOr,
} from '../../validation/property-rules';

/**
 * Commerce events, named as the commerce analytics spec lists them (page_view … filter). Its example
 * `page_view` carries `page` (the path) and `referrer`; the rest follow Segment's e-commerce spec,
 * which uses the same snake_case names, so Segment and Pulse clients describe a purchase alike.
 */

export class PageViewProperties {
  /** The path, as in the spec's example (`/products/wireless-headphones`). */
  @IsOptional() @IsUrlText() readonly page?: string;
  @IsOptional() @IsUrlText() readonly url?: string;
  @IsOptional() @IsUrlText() readonly path?: string;
  @IsOptional() @IsText(512) readonly title?: string;
  @IsOptional() @IsUrlText() readonly referrer?: string;
  @IsOptional() @IsText() readonly name?: string;
}

/** Mobile counterpart of page_view (Segment `screen`, PostHog `$screen`). */
export class ScreenViewProperties {
  @IsOptional() @IsText() readonly name?: string;
}

export class CommerceItem {
  @IsRequired() @IsIdentifier() readonly product_id!: string;
  @IsOptional() @IsText() readonly name?: string;
  @IsOptional() @IsText() readonly category?: string;
  @IsRequired() @IsAmount() readonly price!: number;
  @IsRequired() @IsPositiveCount() readonly quantity!: number;
}

export class ProductViewProperties {
  @IsRequired() @IsIdentifier() readonly product_id!: string;
  @IsOptional() @IsText() readonly name?: string;
  @IsOptional() @IsText() readonly category?: string;
  @IsOptional() @IsAmount() readonly price?: number;
  @IsOptional() @IsCurrencyCode() readonly currency?: string;
}

/** add_to_cart and remove_from_cart. */
export class CartChangeProperties extends ProductViewProperties {
  @IsOptional() @IsPositiveCount() readonly quantity?: number;
  @IsOptional() @IsIdentifier() readonly cart_id?: string;
}

export class CheckoutStartProperties {
  @IsOptional() @IsIdentifier() readonly cart_id?: string;
  @IsOptional() @IsIdentifier() readonly checkout_id?: string;
  @IsOptional() @IsAmount() readonly total?: number;
  @IsOptional() @IsCurrencyCode() readonly currency?: string;
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CommerceItem)
  readonly items?: CommerceItem[];
}

export class PurchaseProperties {
  @IsRequired() @IsIdentifier() readonly order_id!: string;
  /** Order revenue. A purchase carries `revenue`, `total`, or both (Segment's Order Completed sends either). */
  @ValidateIf(
    (purchase: PurchaseProperties) =>
      purchase.revenue != null || purchase.total == null,
  )
  @RequiresThisOr('total')
  @IsAmount()
  readonly revenue?: number;
  @IsOptional() @IsAmount() readonly total?: number;
  /** Required: revenues in different currencies cannot be summed. */
  @IsRequired() @IsCurrencyCode() readonly currency!: string;
  @IsOptional() @IsAmount() readonly tax?: number;
  @IsOptional() @IsAmount() readonly shipping?: number;
  @IsOptional() @IsAmount() readonly discount?: number;
  @IsOptional() @IsText(128) readonly coupon?: string;
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CommerceItem)
  readonly items?: CommerceItem[];
}

export class SearchProperties {
  @IsRequired() @IsText(1024) readonly query!: string;
  @IsOptional() @IsCount() readonly results_count?: number;
}

export class FilterProperties {
  /** The filters applied, as in the spec's dashboard example: `{ "category": "electronics" }`. */
  @IsRequired() @IsPlainObject() readonly filters!: Record<string, unknown>;
  @IsOptional() @IsIdentifier() readonly list_id?: string;
}
