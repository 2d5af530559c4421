import { logLevel } from 'kafkajs';
import { createKafkaLogCreator } from './kafka-log-creator';

function recordingLogger() {
  const calls: { method: string; args: unknown[] }[] = [];
  const record =
    (method: string) =>
    (...args: unknown[]) =>
      calls.push({ method, args });
  return {
    calls,
    logger: {
      log: record('log'),
      warn: record('warn'),
      error: record('error'),
      debug: record('debug'),
    },
  };
}

const entry = (level: logLevel, log: Record<string, unknown>) => ({
  namespace: 'Consumer',
  level,
  label: 'x',
  log: { timestamp: '2024-01-01T00:00:00.000Z', message: 'hello', ...log },
});

describe('createKafkaLogCreator', () => {
  it('maps kafkajs levels onto the logger’s methods, with the namespace as context', () => {
    const { calls, logger } = recordingLogger();
    const write = createKafkaLogCreator(logger)(logLevel.DEBUG);

    write(entry(logLevel.INFO, {}));
    write(entry(logLevel.WARN, {}));
    write(entry(logLevel.DEBUG, {}));

    expect(calls).toEqual([
      { method: 'log', args: ['hello', 'kafkajs:Consumer'] },
      { method: 'warn', args: ['hello', 'kafkajs:Consumer'] },
      { method: 'debug', args: ['hello', 'kafkajs:Consumer'] },
    ]);
  });

  it('appends the details as JSON and passes an error’s stack separately', () => {
    const { calls, logger } = recordingLogger();
    const write = createKafkaLogCreator(logger)(logLevel.INFO);

    write(
      entry(logLevel.ERROR, {
        groupId: 'g',
        error: new Error('boom'),
        stack: 'Error: boom\n    at x (y.js:1:1)',
      }),
    );

    expect(calls).toEqual([
      {
        method: 'error',
        args: [
          'hello {"groupId":"g","error":"boom"}',
          'Error: boom\n    at x (y.js:1:1)',
          'kafkajs:Consumer',
        ],
      },
    ]);
  });

  it('downgrades the error responses kafkajs logs and retries to warnings', () => {
    const { calls, logger } = recordingLogger();
    const write = createKafkaLogCreator(logger)(logLevel.INFO);

    write({
      ...entry(logLevel.ERROR, {
        message: 'Response GroupCoordinator(key: 10, version: 2)',
      }),
      namespace: 'Connection',
    });

    expect(calls.map((call) => call.method)).toEqual(['warn']);
  });
});
