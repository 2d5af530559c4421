import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './process-under-test';

const run = promisify(execFile);

/** Where Debian puts the server binaries; `PG_BIN_DIR` overrides. */
function binDirectory(): string {
  const override = process.env['PG_BIN_DIR'];
  if (override) return override;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? join(root, '15', 'bin') : join(root, newest, 'bin');
}

/**
 * A PostgreSQL server of the test's own (initdb into a temp dir, a free port, trust auth), so a test can
 * stop and start it without disturbing the machine's shared server. initdb refuses to run as root: as root,
 * the server runs as the `postgres` user (`runuser`), in a directory it owns.
 */
export class PrivatePostgres {
  private running = false;

  private constructor(
    private readonly bin: string,
    private readonly directory: string,
    readonly port: number,
    private readonly owner: number | undefined,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const bin = binDirectory();
    for (const tool of ['initdb', 'pg_ctl']) {
      if (!existsSync(join(bin, tool))) {
        throw new Error(
          `PostgreSQL's ${tool} is not in ${bin}: install the server (apt-get install postgresql-15) or set PG_BIN_DIR to its bin directory`,
        );
      }
    }
    const directory = await mkdtemp(join(tmpdir(), 'pulse-private-pg-'));
    let owner: number | undefined;
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
        throw new Error('running as root, PostgreSQL needs the `postgres` user to run as (initdb refuses root)');
      });
      owner = Number(stdout.trim());
      const { stdout: group } = await run('id', ['-g', 'postgres']);
      await chown(directory, owner, Number(group.trim()));
    }
    const server = new PrivatePostgres(bin, directory, await freePort(), owner);
    await server.command('initdb', ['-D', server.dataDirectory, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await server.resume();
    return server;
  }

  /** A connection URL to `database` on this server. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the (stopped) server again on the same data and port; resolves once it accepts connections. */
  async resume(): Promise<void> {
    await this.command('pg_ctl', [
      '-D',
      this.dataDirectory,
      '-l',
      join(this.directory, 'server.log'),
      // fsync off: a test server's data need not survive a machine crash, only a server restart.
      '-o',
      `-p ${this.port} -k ${this.directory} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-w',
      '-t',
      '60',
      'start',
    ]);
    this.running = true;
  }

  /** Stops the server (`fast`: clients are disconnected, data kept), as a restart or an outage would. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.running) return;
    await this.command('pg_ctl', ['-D', this.dataDirectory, '-m', mode, '-w', '-t', '60', 'stop']);
    this.running = false;
  }

  /** Stops the server and deletes its files. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    await rm(this.directory, { recursive: true, force: true });
  }

  private get dataDirectory(): string {
    return join(this.directory, 'data');
  }

  private async command(tool: string, args: string[]): Promise<void> {
    const executable = join(this.bin, tool);
    const [file, argv] = this.owner === undefined ? [executable, args] : ['runuser', ['-u', 'postgres', '--', executable, ...args]];
    try {
      await run(file, argv, { cwd: this.directory, timeout: 90_000 });
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      const log = await readFile(join(this.directory, 'server.log'), 'utf8').catch(() => '');
      throw new Error(`${tool} ${args.at(-1)} failed: ${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}\n${log.slice(-2000)}`);
    }
  }
}
