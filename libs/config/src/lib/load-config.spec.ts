import { IsOptional } from 'class-validator';
import { ConfigValidationError } from './config-validation-error';
import { IsIntegerInRange, IsUrlWithScheme, Required } from './environment-rules';
import { loadConfig } from './load-config';

class WorkerEnvironment {
  @Required('queue URL, amqp://host')
  @IsUrlWithScheme(['amqp'])
  QUEUE_URL!: string;

  @IsOptional()
  @IsIntegerInRange(1, 8)
  WORKERS?: number;

  @IsIntegerInRange(1, 60)
  POLL_SECONDS = 5;
}

function errorOf(action: () => unknown): ConfigValidationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('loadConfig', () => {
  it('returns an instance of the schema with parsed integers and class defaults', () => {
    const config = loadConfig(WorkerEnvironment, { QUEUE_URL: 'amqp://queue', WORKERS: '4' });

    expect(config).toBeInstanceOf(WorkerEnvironment);
    expect(config).toEqual(Object.assign(new WorkerEnvironment(), { QUEUE_URL: 'amqp://queue', WORKERS: 4, POLL_SECONDS: 5 }));
  });

  it('keeps only the variables the schema declares', () => {
    const config = loadConfig(WorkerEnvironment, { QUEUE_URL: 'amqp://queue', PATH: '/usr/bin', HOME: '/root' });

    expect(Object.keys(config).sort()).toEqual(['POLL_SECONDS', 'QUEUE_URL']);
  });

  it('trims values and treats an empty value as unset', () => {
    const config = loadConfig(WorkerEnvironment, { QUEUE_URL: '  amqp://queue  ', WORKERS: '', POLL_SECONDS: ' ' });

    expect(config.QUEUE_URL).toBe('amqp://queue');
    expect(config.WORKERS).toBeUndefined();
    expect(config.POLL_SECONDS).toBe(5);
  });

  it('reports a missing required variable with what to put there, and nothing about its format', () => {
    const error = errorOf(() => loadConfig(WorkerEnvironment, {}));

    expect(error.message).toBe('Invalid configuration: QUEUE_URL is required (queue URL, amqp://host)');
    expect(error.problems).toEqual([{ variable: 'QUEUE_URL', rules: ['QUEUE_URL is required (queue URL, amqp://host)'] }]);
  });

  it('lists every bad variable in one error, in declaration order', () => {
    const error = errorOf(() => loadConfig(WorkerEnvironment, { WORKERS: '9', POLL_SECONDS: 'soon' }));

    expect(error.problems.map((problem) => problem.variable)).toEqual(['QUEUE_URL', 'WORKERS', 'POLL_SECONDS']);
    expect(error.message).toBe(
      'Invalid configuration: QUEUE_URL is required (queue URL, amqp://host); ' +
        'WORKERS must be an integer from 1 to 8; POLL_SECONDS must be an integer from 1 to 60',
    );
  });

  it('rejects integers written with a fraction, an exponent or hex digits', () => {
    for (const written of ['2.5', '1e1', '0x4']) {
      const error = errorOf(() => loadConfig(WorkerEnvironment, { QUEUE_URL: 'amqp://queue', WORKERS: written }));
      expect(error.message).toBe('Invalid configuration: WORKERS must be an integer from 1 to 8');
    }
  });

  it('is an Error named ConfigValidationError', () => {
    const error = errorOf(() => loadConfig(WorkerEnvironment, {}));

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigValidationError');
  });
});
