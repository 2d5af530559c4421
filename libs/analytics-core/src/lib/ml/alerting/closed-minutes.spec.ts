import { minutesToClose } from './closed-minutes';

const at = (iso: string) => Date.parse(iso);
const LATENESS = 15_000;

describe('minutesToClose', () => {
  it('closes a minute only once the clock is the lateness past its end', () => {
    // 10:07 ends at 10:08:00 and may close from 10:08:15.
    expect(minutesToClose(at('2026-03-10T10:08:14.999Z'), LATENESS, at('2026-03-10T10:06:00Z'), 5)).toEqual([]);
    expect(minutesToClose(at('2026-03-10T10:08:15Z'), LATENESS, at('2026-03-10T10:06:00Z'), 5)).toEqual([at('2026-03-10T10:07:00Z')]);
  });

  it('starts with the latest closable minute when nothing was closed yet', () => {
    expect(minutesToClose(at('2026-03-10T10:08:40Z'), LATENESS, null, 5)).toEqual([at('2026-03-10T10:07:00Z')]);
  });

  it('never closes a minute twice', () => {
    expect(minutesToClose(at('2026-03-10T10:08:40Z'), LATENESS, at('2026-03-10T10:07:00Z'), 5)).toEqual([]);
  });

  it('catches up on the minutes it missed, oldest first, at most the latest few', () => {
    const now = at('2026-03-10T10:20:15Z');
    expect(minutesToClose(now, LATENESS, at('2026-03-10T10:16:00Z'), 5)).toEqual(
      ['10:17', '10:18', '10:19'].map((time) => at(`2026-03-10T${time}:00Z`)),
    );
    expect(minutesToClose(now, LATENESS, at('2026-03-10T10:00:00Z'), 3)).toEqual(
      ['10:17', '10:18', '10:19'].map((time) => at(`2026-03-10T${time}:00Z`)),
    );
  });

  it('closes with no lateness exactly at the minute end', () => {
    expect(minutesToClose(at('2026-03-10T10:08:00Z'), 0, null, 1)).toEqual([at('2026-03-10T10:07:00Z')]);
  });
});
