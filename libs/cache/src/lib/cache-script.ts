import { createHash } from 'node:crypto';
import type { CacheStore } from './cache-store';

/** A Lua script Redis runs atomically, known to Redis by the SHA-1 of its source. */
export class CacheScript {
  readonly sha1: string;

  constructor(readonly source: string) {
    this.sha1 = createHash('sha1').update(source).digest('hex');
  }
}

/**
 * A cache that runs Lua scripts. Only Redis does (the memory adapter has no Lua): callers check with
 * `canRunScripts` and choose a local way when it cannot.
 */
export interface ScriptRunner {
  /** `EVALSHA`, then `EVAL` when Redis does not know the script (`NOSCRIPT`: first use, restart, `SCRIPT FLUSH`). */
  runScript(script: CacheScript, keys: string[], args: string[]): Promise<unknown>;
}

export function canRunScripts(cache: CacheStore): cache is CacheStore & ScriptRunner {
  return typeof (cache as Partial<ScriptRunner>).runScript === 'function';
}
