import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, workspaceRoot } from './process-under-test';

const run = promisify(execFile);
const KAFKA_SCRIPT = join(workspaceRoot, 'tools', 'kafka', 'kafka.sh');

/**
 * A Kafka broker of the test's own (`tools/kafka/kafka.sh` on free ports, its data in a temp dir, the jars
 * shared with the main broker's), so a test can stop and start it without disturbing the shared one.
 */
export class PrivateKafka {
  private constructor(
    private readonly directory: string,
    readonly port: number,
    private readonly controllerPort: number,
  ) {}

  static async start(): Promise<PrivateKafka> {
    const directory = await mkdtemp(join(tmpdir(), 'pulse-private-kafka-'));
    const broker = new PrivateKafka(directory, await freePort(), await freePort());
    await broker.script('start', false);
    return broker;
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Stops the broker; its data stays for `resume`. */
  stop(): Promise<string> {
    return this.script('stop', true);
  }

  /** Starts the broker again on the data it had; resolves once it answers. */
  resume(): Promise<string> {
    return this.script('start', true);
  }

  async destroy(): Promise<void> {
    await this.script('stop', true).catch(() => undefined);
    await rm(this.directory, { recursive: true, force: true });
  }

  private async script(command: 'start' | 'stop', keepData: boolean): Promise<string> {
    const env = {
      ...process.env,
      KAFKA_PORT: String(this.port),
      KAFKA_CONTROLLER_PORT: String(this.controllerPort),
      KAFKA_CACHE_DIR: this.directory,
      KAFKA_KEEP_DATA: keepData ? '1' : '0',
    };
    try {
      const { stdout, stderr } = await run('bash', [KAFKA_SCRIPT, command], { cwd: workspaceRoot, env, timeout: 180_000 });
      return stdout + stderr;
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`kafka.sh ${command} (private broker on ${this.port}) failed: ${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
    }
  }
}
