import type { PGlite } from '@electric-sql/pglite';
import { PglitePgConnection } from '@electric-sql/pglite/node-postgres';
import { EventEmitter } from 'node:events';
import {
  Client,
  defaults,
  types,
  type ClientConfig,
  type QueryResult,
} from 'pg';

/** A pg `Client` lent out by the pool; `release` hands it back (pg-pool's contract). */
export type PGliteLeasedClient = Client & {
  release(error?: Error | boolean): void;
};

type ConnectCallback = (
  error: Error | undefined,
  client?: PGliteLeasedClient,
  release?: (error?: Error | boolean) => void,
) => void;

type QueryCallback = (error: Error | null, result?: QueryResult) => void;

export interface PGlitePoolOptions {
  /** How long `connect()` waits for the single connection before failing. pg's name, so TypeORM's `connectTimeoutMS` reaches it. */
  connectionTimeoutMillis?: number;
}

/** The driver object TypeORM's postgres driver would otherwise `require('pg')` for. */
export interface PGlitePgDriver {
  Pool: new (options?: PGlitePoolOptions) => PGlitePool;
  types: typeof types;
  defaults: typeof defaults;
}

const DEFAULT_ACQUIRE_TIMEOUT_MS = 30_000;

/**
 * A pg-compatible driver over one PGlite instance, for TypeORM's `driver` option.
 *
 * PGlite is a single PostgreSQL session, so the pool lends out exactly one connection at a time:
 * whoever holds it has the session to themselves, which keeps transactions intact. The connection
 * is the real `pg.Client` over PGlite's in-process protocol adapter, so values are serialized and
 * parsed by the same code as against a PostgreSQL server.
 */
export function createPGlitePgDriver(pglite: PGlite): PGlitePgDriver {
  class BoundPGlitePool extends PGlitePool {
    constructor(options: PGlitePoolOptions = {}) {
      super(pglite, options);
    }
  }
  return { Pool: BoundPGlitePool, types, defaults };
}

interface Waiter {
  resolve(client: PGliteLeasedClient): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

export class PGlitePool extends EventEmitter {
  private client?: PGliteLeasedClient;
  private leased = false;
  private ended = false;
  private readonly waiters: Waiter[] = [];
  private readonly acquireTimeoutMs: number;

  constructor(
    private readonly pglite: PGlite,
    options: PGlitePoolOptions = {},
  ) {
    super();
    this.acquireTimeoutMs =
      options.connectionTimeoutMillis || DEFAULT_ACQUIRE_TIMEOUT_MS;
  }

  get totalCount(): number {
    return this.client ? 1 : 0;
  }

  get idleCount(): number {
    return this.client && !this.leased ? 1 : 0;
  }

  get waitingCount(): number {
    return this.waiters.length;
  }

  connect(): Promise<PGliteLeasedClient>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<PGliteLeasedClient> | void {
    const leased = this.acquire();
    if (!callback) return leased;
    leased.then(
      (client) => callback(undefined, client, client.release),
      (error: Error) => callback(error),
    );
  }

  query(text: string, values?: unknown[]): Promise<QueryResult>;
  query(
    text: string,
    values: unknown[] | undefined,
    callback: QueryCallback,
  ): void;
  query(text: string, callback: QueryCallback): void;
  query(
    text: string,
    valuesOrCallback?: unknown[] | QueryCallback,
    callback?: QueryCallback,
  ): Promise<QueryResult> | void {
    const values =
      typeof valuesOrCallback === 'function' ? undefined : valuesOrCallback;
    const done =
      typeof valuesOrCallback === 'function' ? valuesOrCallback : callback;
    const result = this.queryOnce(text, values);
    if (!done) return result;
    result.then(
      (rows) => done(null, rows),
      (error: Error) => done(error),
    );
  }

  end(): Promise<void>;
  end(callback: (error?: Error) => void): void;
  end(callback?: (error?: Error) => void): Promise<void> | void {
    const ended = this.shutDown();
    if (!callback) return ended;
    ended.then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }

  private async queryOnce(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult> {
    const client = await this.acquire();
    try {
      return await client.query(text, values);
    } finally {
      client.release();
    }
  }

  private acquire(): Promise<PGliteLeasedClient> {
    if (this.ended)
      return Promise.reject(
        new Error('PGlite pool has ended; cannot lend a connection.'),
      );
    if (!this.leased) {
      this.leased = true;
      return this.lend().catch((error: Error) => {
        this.handOver();
        throw error;
      });
    }
    return new Promise<PGliteLeasedClient>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      waiter.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(
          new Error(
            `Timed out after ${this.acquireTimeoutMs} ms waiting for the embedded store's only connection. ` +
              'PGlite is a single session: is a transaction or query runner holding it while asking for another?',
          ),
        );
      }, this.acquireTimeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async lend(): Promise<PGliteLeasedClient> {
    this.client ??= await this.openClient();
    return this.withFreshRelease(this.client);
  }

  private async openClient(): Promise<PGliteLeasedClient> {
    const config: ClientConfig & { connection: PglitePgConnection } = {
      connection: new PglitePgConnection({ pglite: this.pglite }),
    };
    const client = new Client(config) as PGliteLeasedClient;
    // pg emits 'error' when its connection breaks; unhandled, Node would crash the process.
    client.on('error', (error) => {
      if (this.client === client) this.client = undefined;
      if (this.listenerCount('error') > 0) this.emit('error', error, client);
    });
    await client.connect();
    this.emit('connect', client);
    return client;
  }

  /** Each borrower gets a one-shot `release`, as with pg-pool. */
  private withFreshRelease(client: PGliteLeasedClient): PGliteLeasedClient {
    let released = false;
    client.release = (error?: Error | boolean) => {
      if (released)
        throw new Error(
          'Release called on a PGlite client that was already released.',
        );
      released = true;
      void this.takeBack(client, error);
    };
    return client;
  }

  private async takeBack(
    client: PGliteLeasedClient,
    error?: Error | boolean,
  ): Promise<void> {
    // The session outlives any client: a transaction left open would swallow the next borrower's work.
    await this.rollBackOpenTransaction(client);
    if (error || this.client !== client) {
      if (this.client === client) this.client = undefined;
      await client.end().catch(() => undefined);
    }
    this.handOver();
  }

  private async rollBackOpenTransaction(
    client: PGliteLeasedClient,
  ): Promise<void> {
    const status = client.getTransactionStatus();
    if (status !== 'T' && status !== 'E') return;
    try {
      await client.query('ROLLBACK');
    } catch {
      await this.pglite.exec('ROLLBACK').catch(() => undefined);
    }
  }

  private handOver(): void {
    const next = this.waiters.shift();
    if (!next) {
      this.leased = false;
      if (this.ended) void this.closeIdleClient();
      return;
    }
    clearTimeout(next.timer);
    this.lend().then(next.resolve, (error: Error) => {
      next.reject(error);
      this.handOver();
    });
  }

  private async shutDown(): Promise<void> {
    this.ended = true;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(
        new Error('PGlite pool has ended; cannot lend a connection.'),
      );
    }
    if (!this.leased) await this.closeIdleClient();
  }

  private async closeIdleClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
