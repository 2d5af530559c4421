import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import { currentRequestContext } from '../context/request-context';

/** The levels LOG_LEVEL takes, lowest first. */
export type JsonLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface JsonLoggerOptions {
  /** Written into every entry, so one stream can carry several services (the embedded mode). */
  service?: string;
  /** Entries below this level are dropped. Default info. */
  level?: JsonLogLevel;
  /** Receives one JSON document per call, without the newline. Default: a line on stdout. */
  write?: (line: string) => void;
  now?: () => Date;
}

// Nest's six levels, each with the level name written and the LOG_LEVEL threshold it passes.
const NEST_LEVELS: Record<NestLogLevel, { written: string; rank: number }> = {
  verbose: { written: 'verbose', rank: 0 },
  debug: { written: 'debug', rank: 0 },
  log: { written: 'info', rank: 1 },
  warn: { written: 'warn', rank: 2 },
  error: { written: 'error', rank: 3 },
  fatal: { written: 'fatal', rank: 3 },
};
const THRESHOLDS: Record<JsonLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

const RESERVED_FIELDS = new Set(['time', 'level', 'service', 'context', 'message', 'requestId', 'requestIds']);
const STACK_TRACE = /\n\s+at /;

/**
 * Nest's LoggerService writing one JSON object per line: `time`, `level`, `service`, `context`, `message`,
 * then any fields passed as objects (`logger.log({ message: 'flushed', rows: 120 }, 'Writer')`).
 * Follows Nest's calling conventions: the last string argument is the context, and `error` takes a stack.
 * Inside `runWithRequestContext` (an HTTP request, a processed batch) each entry also carries `requestId` / `requestIds`.
 */
export class JsonLogger implements LoggerService {
  readonly #service?: string;
  readonly #write: (line: string) => void;
  readonly #now: () => Date;
  #enabled: Set<NestLogLevel>;

  constructor(options: JsonLoggerOptions = {}) {
    this.#service = options.service;
    this.#write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.#now = options.now ?? (() => new Date());
    this.#enabled = levelsFrom(options.level ?? 'info');
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.#entry('log', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.#entry('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.#entry('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.#entry('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.#entry('verbose', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.#entry('fatal', message, optionalParams);
  }

  /** Nest calls this when an application is given explicit log levels; they replace LOG_LEVEL. */
  setLogLevels(levels: NestLogLevel[]): void {
    this.#enabled = new Set(levels);
  }

  isLevelEnabled(level: NestLogLevel): boolean {
    return this.#enabled.has(level);
  }

  #entry(level: NestLogLevel, message: unknown, optionalParams: unknown[]): void {
    if (!this.#enabled.has(level)) return;
    const params = optionalParams.filter((param) => param !== undefined);
    const last = params[params.length - 1];
    const context = typeof last === 'string' && !STACK_TRACE.test(last) ? (params.pop() as string) : undefined;

    const extra: Record<string, unknown> = {};
    const text = describeMessage(message, extra);
    const details: string[] = [];
    for (const param of params) {
      if (typeof param === 'string') {
        // Nest's error(message, stack, context): the string before the context is the stack.
        if (level === 'error' || level === 'fatal' || STACK_TRACE.test(param)) extra['stack'] ??= param;
        else details.push(param);
      } else if (isError(param)) {
        extra['error'] = errorFields(param);
      } else if (param !== null && typeof param === 'object') {
        Object.assign(extra, param);
      } else {
        details.push(String(param));
      }
    }
    if (details.length > 0) extra['details'] = details;

    const entry: Record<string, unknown> = {
      time: this.#now().toISOString(),
      level: NEST_LEVELS[level].written,
      service: this.#service,
      context,
      message: text,
    };
    // Written on behalf of a request or a batch: its id(s), so one request can be followed across services.
    const request = currentRequestContext();
    if (request?.requestId) entry['requestId'] = request.requestId;
    if (request?.requestIds?.length) entry['requestIds'] = request.requestIds;
    for (const [field, value] of Object.entries(extra)) if (!RESERVED_FIELDS.has(field)) entry[field] = value;
    this.#write(safeStringify(entry));
  }
}

function levelsFrom(threshold: JsonLogLevel): Set<NestLogLevel> {
  const rank = THRESHOLDS[threshold] ?? THRESHOLDS.info;
  return new Set((Object.keys(NEST_LEVELS) as NestLogLevel[]).filter((level) => NEST_LEVELS[level].rank >= rank));
}

/** The text of the entry; an Error adds its stack, an object adds its fields. */
function describeMessage(message: unknown, extra: Record<string, unknown>): string {
  if (typeof message === 'string') return message;
  if (isError(message)) {
    if (message.stack) extra['stack'] = message.stack;
    return message.message;
  }
  if (message !== null && typeof message === 'object') {
    Object.assign(extra, message);
    const text = (message as { message?: unknown }).message;
    return typeof text === 'string' ? text : '';
  }
  return String(message);
}

// Not `instanceof Error`: errors thrown by Node's own modules may come from another realm.
function isError(value: unknown): value is Error {
  return Object.prototype.toString.call(value) === '[object Error]';
}

function errorFields(error: Error): Record<string, unknown> {
  return { name: error.name, message: error.message, stack: error.stack };
}

/** JSON that never throws: BigInts become strings, Errors keep their message, repeated objects become a marker. */
function safeStringify(entry: Record<string, unknown>): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(entry, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (isError(value)) return errorFields(value);
    if (value !== null && typeof value === 'object') {
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
    }
    return value;
  });
}
