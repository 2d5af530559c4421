import { JsonLogger, type JsonLoggerOptions } from './json-logger';

const fixedTime = new Date('2025-03-01T12:00:00.000Z');

function capture(options: Omit<JsonLoggerOptions, 'write' | 'now'> = {}) {
  const lines: string[] = [];
  const logger = new JsonLogger({ ...options, write: (line) => lines.push(line), now: () => fixedTime });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line)) };
}

describe('JsonLogger', () => {
  it('writes one JSON object per entry with time, level, service, context and message', () => {
    const { logger, lines, entries } = capture({ service: 'ingestion' });

    logger.log('listening on :3001', 'Bootstrap');

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(entries()).toEqual([
      { time: '2025-03-01T12:00:00.000Z', level: 'info', service: 'ingestion', context: 'Bootstrap', message: 'listening on :3001' },
    ]);
  });

  it('adds the fields of an object message or argument, keeping its own fields first', () => {
    const { logger, entries } = capture({ service: 'stream-processor' });

    logger.log({ message: 'batch written', rows: 120, level: 'ignored' }, { partition: 3 }, 'Writer');

    expect(entries()[0]).toEqual({
      time: '2025-03-01T12:00:00.000Z',
      level: 'info',
      service: 'stream-processor',
      context: 'Writer',
      message: 'batch written',
      rows: 120,
      partition: 3,
    });
  });

  it("follows Nest's error(message, stack, context) convention", () => {
    const { logger, entries } = capture();
    const stack = 'Error: boom\n    at handler (main.ts:1:1)';

    logger.error('request failed', stack, 'ExceptionsHandler');
    logger.error('startup failed', undefined, 'Bootstrap');

    expect(entries()).toEqual([
      expect.objectContaining({ level: 'error', context: 'ExceptionsHandler', message: 'request failed', stack }),
      expect.objectContaining({ level: 'error', context: 'Bootstrap', message: 'startup failed' }),
    ]);
    expect(entries()[1]).not.toHaveProperty('stack');
  });

  it('takes a lone stack trace as the stack, not the context', () => {
    const { logger, entries } = capture();

    logger.error('request failed', 'Error: boom\n    at handler (main.ts:1:1)');

    expect(entries()[0]).not.toHaveProperty('context');
    expect(entries()[0].stack).toMatch(/^Error: boom/);
  });

  it('logs an Error with its message and stack', () => {
    const { logger, entries } = capture();

    logger.error(new Error('connection reset'), 'KafkaConsumer');

    expect(entries()[0]).toEqual(
      expect.objectContaining({ level: 'error', context: 'KafkaConsumer', message: 'connection reset', stack: expect.stringContaining('connection reset') }),
    );
  });

  it('drops entries below the configured level', () => {
    const { logger, entries } = capture({ level: 'warn' });

    logger.verbose('v');
    logger.debug('d');
    logger.log('i');
    logger.warn('w');
    logger.error('e');
    logger.fatal('f');

    expect(entries().map((entry) => [entry.level, entry.message])).toEqual([
      ['warn', 'w'],
      ['error', 'e'],
      ['fatal', 'f'],
    ]);
  });

  it('logs info and above by default, and everything at debug', () => {
    const byDefault = capture();
    byDefault.logger.debug('hidden');
    byDefault.logger.log('shown');
    const atDebug = capture({ level: 'debug' });
    atDebug.logger.verbose('detail');
    atDebug.logger.debug('more');

    expect(byDefault.entries().map((entry) => entry.message)).toEqual(['shown']);
    expect(atDebug.entries().map((entry) => entry.level)).toEqual(['verbose', 'debug']);
  });

  it('lets Nest replace the levels with setLogLevels', () => {
    const { logger, entries } = capture({ level: 'error' });

    logger.setLogLevels(['log']);
    logger.log('now shown');
    logger.error('now hidden');

    expect(entries().map((entry) => entry.message)).toEqual(['now shown']);
    expect(logger.isLevelEnabled('log')).toBe(true);
  });

  it('never throws on values JSON cannot hold', () => {
    const { logger, entries } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop['self'] = loop;

    logger.log({ message: 'odd values', count: BigInt('18446744073709551616'), loop });

    expect(entries()[0]).toEqual(expect.objectContaining({ count: '18446744073709551616', loop: { name: 'loop', self: '[Circular]' } }));
  });
});
