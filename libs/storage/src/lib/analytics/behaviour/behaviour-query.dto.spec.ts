import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FunnelQueryDto, RetentionQueryDto } from './behaviour-query.dto';

async function rulesBroken(body: object, dto: new () => object = RetentionQueryDto): Promise<Array<[string, string[]]>> {
  const errors = await validate(plainToInstance(dto, body) as object);
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

describe('FunnelQueryDto', () => {
  const steps = [{ eventType: 'view' }, { eventType: 'buy' }];

  it('refuses a null window rather than reading null as one (a 500 before)', async () => {
    expect(await rulesBroken({ steps, conversionWindow: null }, FunnelQueryDto)).toEqual([['conversionWindow', expect.arrayContaining(['isObject'])]]);
    expect(await rulesBroken({ steps, conversionWindowSeconds: null, conversionWindow: { value: 1, unit: 'day' } }, FunnelQueryDto)).toEqual([
      ['conversionWindowSeconds', expect.arrayContaining(['isInt'])],
    ]);
  });

  it('refuses lists where steps, filters and exclusions should be objects (class-validator walks into them and finds nothing wrong)', async () => {
    expect(await rulesBroken({ steps: [[], { eventType: 'buy', filters: [[[]]] }], conversionWindowSeconds: 60, exclusions: [[]] }, FunnelQueryDto)).toEqual([
      ['steps', expect.arrayContaining(['isObject'])],
      ['exclusions', expect.arrayContaining(['isObject'])],
    ]);
    const [stepErrors] = await validate(plainToInstance(FunnelQueryDto, { steps: [{ eventType: 'view' }, { eventType: 'buy', filters: [[[]]] }], conversionWindowSeconds: 60 }));
    expect(stepErrors?.children?.[0]?.children?.[0]).toMatchObject({ property: 'filters', constraints: { isObject: expect.any(String) } });
  });
});
