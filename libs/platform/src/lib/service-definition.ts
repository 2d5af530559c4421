import type { DynamicModule, Type } from '@nestjs/common';
import type { ServiceName } from '@pulse/config';
import type { StoreSchema } from '@pulse/storage';

/** The shared infrastructure a service may depend on; `/ready` checks exactly these. */
export type PlatformDependency = 'bus' | 'store' | 'cache';

/**
 * What a deployable service is: its feature module and the infrastructure it needs.
 * Feature libraries export one of these; apps (and the embedded start) only run them.
 */
export interface ServiceDefinition {
  name: ServiceName;
  title: string;
  description: string;
  featureModule: Type<unknown> | DynamicModule;
  dependencies: PlatformDependency[];
  /**
   * Of `dependencies`, those the service still works without, less well (the cache, for services whose other
   * routes need only the database): failing, `/ready` says `degraded: …` and stays 200, so the service is not
   * taken out of its load balancer for what only some routes need.
   */
  degradedWithout?: PlatformDependency[];
  /** The service's own tables (migrations and entities), registered wherever the store it uses is opened. */
  storeSchema?: StoreSchema;
  /**
   * The service serves `@EventPattern(topic)` handlers from the bus (`MessageBusTransport`, options from
   * the `MESSAGE_BUS_TRANSPORT_OPTIONS` its feature module provides).
   */
  consumesEvents?: boolean;
  /**
   * Largest JSON request body, in bytes, read at start (Express's default of 100 kB when omitted); a larger
   * body is answered 413 with a JSON error naming the limit.
   */
  maxJsonBodyBytes?: () => number;
}
