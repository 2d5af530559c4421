import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RetentionQueryDto } from './behaviour-query.dto';

async function rulesBroken(body: object): Promise<Array<[string, string[]]>> {
  const errors = await validate(plainToInstance(RetentionQueryDto, body));
  return errors.map((error) => [error.property, Object.keys(error.constraints ?? {})]);
}

describe('RetentionQueryDto', () => {
  it('takes a matcher or none', async () => {
    expect(await rulesBroken({ period: 'week', periods: 4 })).toEqual([]);
    expect(await rulesBroken({ period: 'week', periods: 4, cohortEvent: { eventType: 'signup' }, returnEvent: { eventType: 'login' } })).toEqual([]);
  });

  it('refuses a null matcher, which the query builders would read as one (null.filters: a 500 before)', async () => {
    expect(await rulesBroken({ period: 'week', periods: 4, cohortEvent: null, returnEvent: null })).toEqual([
      ['cohortEvent', expect.arrayContaining(['isObject'])],
      ['returnEvent', expect.arrayContaining(['isObject'])],
    ]);
  });
});
