import { isValidEventTypeName, toEventTypeName } from './event-type-names';

describe('toEventTypeName', () => {
  it.each([
    ['Order Completed', 'order_completed'],
    ['videoPlayed', 'video_played'],
    ['HTMLExport', 'html_export'],
    ['$autocapture', 'autocapture'],
    ['checkout-step 2', 'checkout_step_2'],
  ])('turns %s into %s', (name, type) =>
    expect(toEventTypeName(name)).toBe(type),
  );

  it('leaves a name that starts with a digit invalid for validation to report', () => {
    expect(isValidEventTypeName(toEventTypeName('2FA Enabled'))).toBe(false);
  });
});
