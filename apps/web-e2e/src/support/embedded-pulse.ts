import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const workspaceRoot = join(__dirname, '..', '..', '..', '..');

export interface EmbeddedPulse {
  /** Each service's base URL, by name, as the banner prints them. */
  urls: Map<string, string>;
  webUi: string;
  secretKey: string;
  writeKey: string;
  stop(): Promise<void>;
}

/**
 * The built embedded start (`npm start`: dist/apps/standalone/main.js) on free ports with the demo tenant;
 * the banner gives the URLs and keys. Stopped with Ctrl-C as a user would.
 */
export async function startEmbeddedPulse(): Promise<EmbeddedPulse> {
  const child = spawn(process.execPath, [join(workspaceRoot, 'dist', 'apps', 'standalone', 'main.js')], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PULSE_BASE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    await waitFor(
      () => output.includes('Press Ctrl-C to stop'),
      120_000,
      () => `the embedded start never became ready:\n${output}`,
      child,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const urls = new Map<string, string>();
  for (const match of output.matchAll(/^\s+([a-z-]+)\s+(http:\/\/\S+)\s+API docs/gm)) urls.set(match[1], match[2]);
  const webUi = /^Web UI: (http:\/\/\S+)/m.exec(output)?.[1];
  const secretKey = /secret key \(queries\): (psk_\S+)/.exec(output)?.[1];
  const writeKey = /write key (pwk_\S+)/.exec(output)?.[1];
  if (!webUi || !secretKey || !writeKey) {
    child.kill('SIGKILL');
    throw new Error(`the banner lacks the web UI's URL or the demo keys:\n${output}`);
  }
  return {
    urls,
    webUi,
    secretKey,
    writeKey,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number, describe: () => string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
