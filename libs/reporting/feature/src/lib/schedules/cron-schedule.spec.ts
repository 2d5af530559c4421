import { checkCronExpression, dueOccurrence, nextOccurrence } from './cron-schedule';

const BERLIN = 'Europe/Berlin';
// 2026 in Berlin: clocks go 02:00 CET → 03:00 CEST on 29 March (01:00 UTC), 03:00 CEST → 02:00 CET on 25 October (01:00 UTC).
function occurrences(expression: string, timeZone: string, from: string, count: number): string[] {
  const found: string[] = [];
  let after = new Date(from);
  for (let index = 0; index < count; index++) {
    const next = nextOccurrence(expression, timeZone, after);
    if (next === null) break;
    found.push(next.toISOString());
    after = next;
  }
  return found;
}

describe('nextOccurrence in Europe/Berlin', () => {
  it('reads the expression as local wall-clock time (CET = UTC+1 in winter, CEST = UTC+2 in summer)', () => {
    expect(occurrences('0 8 * * 1', BERLIN, '2026-03-20T00:00:00Z', 2)).toEqual(['2026-03-23T07:00:00.000Z', '2026-03-30T06:00:00.000Z']);
  });

  it('runs a time inside the spring-forward gap once, when the gap ends (02:30 does not exist on 29 March)', () => {
    expect(occurrences('30 2 * * *', BERLIN, '2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST, the end of the gap
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('runs a time inside the repeated fall-back hour once, at its first (summer-time) instance', () => {
    expect(occurrences('30 2 * * *', BERLIN, '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST; 02:30 CET (01:30 UTC) is not a second run
      '2026-10-26T01:30:00.000Z', // 02:30 CET
    ]);
    expect(occurrences('30 1 * * *', BERLIN, '2026-10-24T12:00:00Z', 2)).toEqual(['2026-10-24T23:30:00.000Z', '2026-10-26T00:30:00.000Z']);
  });

  it('runs an hourly expression at every clock hour that exists: both 02:00s in autumn, no 02:00 in spring', () => {
    expect(occurrences('0 * * * *', BERLIN, '2026-10-24T23:30:00Z', 3)).toEqual([
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-25T01:00:00.000Z', // 02:00 CET
      '2026-10-25T02:00:00.000Z', // 03:00 CET
    ]);
    expect(occurrences('0 * * * *', BERLIN, '2026-03-29T00:30:00Z', 2)).toEqual([
      '2026-03-29T01:00:00.000Z', // 03:00 CEST (01:00 CET, then the gap)
      '2026-03-29T02:00:00.000Z', // 04:00 CEST
    ]);
  });

  it('follows a zone ahead of UTC by a half hour', () => {
    expect(occurrences('0 9 * * *', 'Asia/Kolkata', '2026-03-01T00:00:00Z', 1)).toEqual(['2026-03-01T03:30:00.000Z']);
  });
});

describe('dueOccurrence', () => {
  it('runs the latest missed occurrence once after downtime and skips the older ones', () => {
    const due = dueOccurrence('0 8 * * *', BERLIN, new Date('2026-03-02T07:00:00Z'), new Date('2026-03-05T09:00:00Z'));
    expect(due).toEqual({
      occurrenceAt: new Date('2026-03-05T07:00:00Z'),
      nextRunAt: new Date('2026-03-06T07:00:00Z'),
    });
  });

  it('runs the due occurrence itself when nothing later has passed, also exactly at its instant', () => {
    expect(dueOccurrence('0 8 * * *', BERLIN, new Date('2026-03-05T07:00:00Z'), new Date('2026-03-05T07:00:00Z'))).toEqual({
      occurrenceAt: new Date('2026-03-05T07:00:00Z'),
      nextRunAt: new Date('2026-03-06T07:00:00Z'),
    });
    expect(dueOccurrence('*/15 * * * *', BERLIN, new Date('2026-03-05T07:00:00Z'), new Date('2026-03-05T07:14:59Z'))).toEqual({
      occurrenceAt: new Date('2026-03-05T07:00:00Z'),
      nextRunAt: new Date('2026-03-05T07:15:00Z'),
    });
  });
});

describe('checkCronExpression', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const rules = (expression: string) => {
    const check = checkCronExpression(expression, BERLIN, now);
    return check.ok ? [] : check.issues.map((issue) => [issue.field, issue.rule]);
  };

  it('accepts five fields with lists, ranges and steps', () => {
    expect(rules('0 8 * * 1-5')).toEqual([]);
    expect(rules('*/15 9-17 1,15 * *')).toEqual([]);
  });

  it('refuses anything but five fields, naming the field and the rule', () => {
    expect(rules('* * * *')).toEqual([['cron', 'isFiveFieldCron']]);
    expect(rules('0 0 8 * * *')).toEqual([['cron', 'isFiveFieldCron']]);
    expect(rules('@daily')).toEqual([['cron', 'isFiveFieldCron']]);
  });

  it("refuses a value out of its field's range, saying which", () => {
    const check = checkCronExpression('61 * * * *', BERLIN, now);
    expect(check).toEqual({
      ok: false,
      issues: [
        {
          field: 'cron',
          rule: 'isCronExpression',
          message: expect.stringContaining('minute'),
        },
      ],
    });
    expect(rules('0 25 * * *')).toEqual([['cron', 'isCronExpression']]);
    expect(rules('0 8 * 13 *')).toEqual([['cron', 'isCronExpression']]);
  });

  it('refuses an expression that never matches again', () => {
    expect(rules('0 0 30 2 *')).toEqual([['cron', 'occursAgain']]);
  });
});
