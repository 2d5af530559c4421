/** An instant as the tenant reads it: "2025-03-01 14:00" in its zone, the date alone at local midnight. */
export function localTime(time: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(time))
      .map((part) => [part.type, part.value]),
  );
  const date = `${parts['year']}-${parts['month']}-${parts['day']}`;
  const clock = `${parts['hour']}:${parts['minute']}`;
  return clock === '00:00' ? date : `${date} ${clock}`;
}
