import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MemoryCacheStore } from '@pulse/cache';
import { TOPICS } from '@pulse/contracts';
import {
  InProcessMessageBus,
  KafkaMessageBus,
  MESSAGE_BUS_TRANSPORT_OPTIONS,
  MessageBusTransport,
  type MessageBus,
  type MessageBusTransportOptions,
} from '@pulse/messaging';
import { ML_STORE_SCHEMA } from '@pulse/ml-data-access';
import { ObservabilityModule } from '@pulse/observability';
import { PlatformModule, type PlatformAdapters } from '@pulse/platform';
import { openEmbeddedStore, openFreshPostgresStore, type OpenedStore } from '@pulse/storage/testing';
import { TenantAdminService } from '@pulse/tenancy';
import { randomBytes } from 'node:crypto';
import { ALERTS_CLOCK } from '../lib/alerts/alerts-clock';
import { ALERTS_OPTIONS, DEFAULT_ALERTS_OPTIONS, type AlertsOptions } from '../lib/alerts/alerts-options';
import { WebhookDeliverer } from '../lib/alerts/webhook-deliverer';
import { InsightsModule } from '../lib/insights.module';

/** The adapters one alerting test runs on, isolated from other runs. */
export interface AlertsTarget {
  name: string;
  open(): Promise<{ adapters: PlatformAdapters; dispose(): Promise<void> }>;
}

const silentLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

export const EMBEDDED_ALERTS_TARGET: AlertsTarget = {
  name: 'the in-process bus and PGlite',
  open: async () => openTarget(await openEmbeddedStore(ML_STORE_SCHEMA), new InProcessMessageBus({ logger: silentLogger })),
};

export const KAFKA_ALERTS_TARGET: AlertsTarget = {
  name: 'Kafka and PostgreSQL',
  open: async () => {
    const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
    const opened = await openFreshPostgresStore({ prefix: 'pulse_alerts', schema: ML_STORE_SCHEMA });
    const bus = new KafkaMessageBus({ brokers, clientId: 'alerts-it', logger: silentLogger });
    try {
      await bus.health.check();
    } catch (error) {
      await opened.dispose();
      throw new Error(`these tests need Kafka at ${brokers.join(',')} (bash tools/kafka/kafka.sh start): ${(error as Error).message}`);
    }
    return openTarget(opened, bus);
  },
};

function openTarget(opened: OpenedStore, bus: MessageBus) {
  const cache = new MemoryCacheStore();
  const adapters: PlatformAdapters = { mode: 'embedded', settings: {}, bus, store: opened.store, cache };
  return {
    adapters,
    dispose: async () => {
      await bus.close();
      await cache.close();
      await opened.dispose();
    },
  };
}

/** Unique topics and groups per run, so runs on one broker never read each other's messages. */
export function uniqueAlertsOptions(overrides: Partial<AlertsOptions> = {}): AlertsOptions {
  const run = randomBytes(6).toString('hex');
  return {
    ...DEFAULT_ALERTS_OPTIONS,
    topics: { aggregates: `test-${run}.${TOPICS.aggregates}`, anomalies: `test-${run}.${TOPICS.anomalies}` },
    groupIdPrefix: `pulse-insights-test-${run}`,
    ...overrides,
  };
}

export interface AlertsAppUnderTest {
  url: string;
  app: INestApplication;
  options: AlertsOptions;
  createTenant(profile?: { timeZone?: string; currency?: string }): Promise<{ id: string; secretKey: string; timeZone: string; currency: string }>;
  /** A JSON request with the secret key as bearer token; the parsed answer. */
  call(method: string, path: string, secretKey: string | null, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Resolves when the webhook queue holds nothing due. */
  deliveriesIdle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The insights service on the adapters, as `startServiceApplication` builds it (the alert handlers
 * served by the bus transport), with the alerting options and clock of the test.
 */
export async function startAlertsApp(
  adapters: PlatformAdapters,
  options: AlertsOptions,
  clock: () => number = Date.now,
): Promise<AlertsAppUnderTest> {
  const module = await Test.createTestingModule({
    imports: [PlatformModule.forAdapters(adapters), ObservabilityModule.forService({ serviceName: 'insights', indicators: [] }), InsightsModule],
  })
    .overrideProvider(ALERTS_OPTIONS)
    .useValue(options)
    .overrideProvider(ALERTS_CLOCK)
    .useValue(clock)
    .compile();
  const app = module.createNestApplication({ logger: ['error'] });
  // From the beginning of the run's own topics: on Kafka a new group would otherwise start wherever the
  // topic ends once it joined, missing what a test published while it was joining.
  const transportOptions = { ...app.get<MessageBusTransportOptions>(MESSAGE_BUS_TRANSPORT_OPTIONS), fromBeginning: true };
  app.connectMicroservice({ strategy: new MessageBusTransport(adapters.bus, transportOptions) });
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  return {
    url,
    app,
    options,
    createTenant: async ({ timeZone = 'UTC', currency = 'USD' } = {}) => {
      const slug = `alerts-${randomBytes(5).toString('hex')}`;
      const created = await app
        .get(TenantAdminService, { strict: false })
        .createTenant({ slug, name: slug, timeZone, currency }, { secretKeyScopes: ['manage'] });
      return { id: created.tenant.id, secretKey: created.secretKey.key, timeZone, currency };
    },
    call: async (method, path, secretKey, body) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secretKey) headers['authorization'] = `Bearer ${secretKey}`;
      const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    deliveriesIdle: () => app.get(WebhookDeliverer).idle(),
    stop: () => app.close(),
  };
}
