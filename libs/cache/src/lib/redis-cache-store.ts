import { Logger } from '@nestjs/common';
import type { HealthIndicator } from '@pulse/observability';
import { createClient } from 'redis';
import type { CacheScript, ScriptRunner } from './cache-script';
import type { CacheStore } from './cache-store';

type RedisClient = ReturnType<typeof createClient>;

export interface RedisCacheStoreOptions {
  /** Per connection attempt; the first connection makes `connectAttempts` of them before giving up. */
  connectTimeoutMs?: number;
  connectAttempts?: number;
  /** How long the readiness PING may take. */
  healthTimeoutMs?: number;
}

const DEFAULTS: Required<RedisCacheStoreOptions> = { connectTimeoutMs: 2000, connectAttempts: 3, healthTimeoutMs: 1000 };

/** The distributed mode's cache: node-redis v5 behind the CacheStore interface. */
export class RedisCacheStore implements CacheStore, ScriptRunner {
  readonly health: HealthIndicator = { name: 'cache', check: () => this.#ping() };

  readonly #client: RedisClient;
  readonly #options: Required<RedisCacheStoreOptions>;
  readonly #logger = new Logger(RedisCacheStore.name);
  #closed = false;
  #subscriber: Promise<RedisClient> | undefined;

  private constructor(client: RedisClient, options: Required<RedisCacheStoreOptions>) {
    this.#client = client;
    this.#options = options;
  }

  /**
   * Connects, retrying briefly, and rejects with `Redis is not reachable at host:port: …` if it cannot.
   * Once connected, lost connections are retried forever with backoff; meanwhile commands fail fast (no offline
   * queue) and the health check reports the cache down.
   */
  static async connect(url: string, options: RedisCacheStoreOptions = {}): Promise<RedisCacheStore> {
    const settings = { ...DEFAULTS, ...options };
    let connected = false;
    const client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: settings.connectTimeoutMs,
        // `false` rather than an Error to give up: node-redis checks `instanceof Error`, which fails across
        // realms (Jest's sandbox) and would turn "give up" into "retry forever".
        reconnectStrategy: (retries) => {
          if (connected) return Math.min(100 * 2 ** retries, 3000);
          return retries + 1 < settings.connectAttempts ? 250 * (retries + 1) : false;
        },
      },
    });
    const store = new RedisCacheStore(client, settings);
    let lastError: string | undefined;
    client.on('error', (error: Error) => {
      // Reported once per outage; the first connection's failure is thrown by connect() instead.
      if (connected && error.message !== lastError) store.#logger.warn(`Redis connection error: ${error.message}`);
      lastError = error.message;
    });
    client.on('ready', () => {
      if (connected && lastError !== undefined) store.#logger.log('Redis connection restored');
      lastError = undefined;
    });
    try {
      await client.connect();
      connected = true;
      return store;
    } catch (error) {
      if (client.isOpen) client.destroy();
      const reason = messageOf(error);
      // The workspace targets ES2020 libs, where Error has no `cause` option yet.
      throw Object.assign(new Error(`Redis is not reachable at ${hostOf(url)}: ${reason || 'connection failed'}`), { cause: error });
    }
  }

  async get(key: string): Promise<string | null> {
    return this.#client.get(key);
  }

  async set(key: string, value: string, options: { ttlSeconds?: number } = {}): Promise<void> {
    const { ttlSeconds } = options;
    await this.#client.set(key, value, ttlSeconds === undefined ? undefined : { expiration: { type: 'EX', value: ttlSeconds } });
  }

  async del(...keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.#client.del(keys);
  }

  async incrBy(key: string, by: number): Promise<number> {
    return this.#client.incrBy(key, by);
  }

  async incrByFloat(key: string, by: number): Promise<number> {
    return Number(await this.#client.incrByFloat(key, by));
  }

  async expire(key: string, ttlSeconds: number): Promise<void> {
    await this.#client.expire(key, ttlSeconds);
  }

  async pfAdd(key: string, members: string[]): Promise<void> {
    await this.#client.pfAdd(key, members);
  }

  async pfCount(...keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.#client.pfCount(keys);
  }

  async zAdd(key: string, entries: Array<{ score: number; member: string }>): Promise<void> {
    if (entries.length === 0) return;
    await this.#client.zAdd(key, entries.map(({ score, member }) => ({ score, value: member })));
  }

  async zRaise(key: string, entries: Array<{ score: number; member: string }>): Promise<void> {
    if (entries.length === 0) return;
    await this.#client.zAdd(key, entries.map(({ score, member }) => ({ score, value: member })), { comparison: 'GT' });
  }

  async zCount(key: string, min: number, max: number): Promise<number> {
    return this.#client.zCount(key, min, max);
  }

  async zRemRangeByScore(key: string, min: number, max: number): Promise<number> {
    return this.#client.zRemRangeByScore(key, min, max);
  }

  async hIncrBy(key: string, field: string, by: number): Promise<number> {
    return this.#client.hIncrBy(key, field, by);
  }

  async hGetAll(key: string): Promise<Record<string, string>> {
    return { ...(await this.#client.hGetAll(key)) };
  }

  async runScript(script: CacheScript, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.#client.evalSha(script.sha1, { keys, arguments: args });
    } catch (error) {
      if (!messageOf(error).startsWith('NOSCRIPT')) throw error;
      // EVAL also caches the script, so the next EVALSHA finds it.
      return this.#client.eval(script.source, { keys, arguments: args });
    }
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.#client.publish(channel, message);
  }

  /**
   * Subscriptions share one extra connection (Redis reserves a subscribed connection for messages), opened on the
   * first one. node-redis subscribes again after a reconnect; what was published meanwhile is lost.
   */
  async subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    const subscriber = await this.#subscriberClient();
    // A wrapper per subscription, so unsubscribing one leaves another of the same function in place.
    const subscription = (message: string) => listener(message);
    await subscriber.subscribe(channel, subscription);
    return async () => {
      if (subscriber.isReady) await subscriber.unsubscribe(channel, subscription);
    };
  }

  /** Waits for commands in flight, then quits; drops the socket at once if Redis is unreachable. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const subscriber = await this.#subscriber?.catch(() => undefined);
    if (subscriber?.isReady) await subscriber.close();
    else if (subscriber?.isOpen) subscriber.destroy();
    if (this.#client.isReady) await this.#client.close();
    else this.#client.destroy();
  }

  #subscriberClient(): Promise<RedisClient> {
    if (this.#closed) return Promise.reject(new Error('Redis client is closed'));
    this.#subscriber ??= (async () => {
      const subscriber = this.#client.duplicate();
      subscriber.on('error', (error: Error) => this.#logger.warn(`Redis subscriber connection error: ${error.message}`));
      await subscriber.connect();
      return subscriber;
    })();
    // A failed first connection is not kept: the next subscribe tries again.
    this.#subscriber.catch(() => (this.#subscriber = undefined));
    return this.#subscriber;
  }

  async #ping(): Promise<void> {
    if (this.#closed) throw new Error('Redis client is closed');
    if (!this.#client.isReady) throw new Error('Redis is not connected (reconnecting)');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer PING within ${this.#options.healthTimeoutMs} ms`)), this.#options.healthTimeoutMs);
    });
    try {
      await Promise.race([this.#client.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Not `instanceof Error`: socket errors come from Node's realm, which differs from Jest's sandbox. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** host:port only: the URL may carry a password. */
function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host || url.replace(/\/\/[^@/]*@/, '//');
  } catch {
    return 'the configured REDIS_URL (unparseable)';
  }
}
