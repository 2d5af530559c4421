import { useState } from 'react';
import { RELATIVE_PERIODS } from '../model/dashboard-types';
import { customRangeProblem, isRelativePeriod, PERIOD_LABELS, type DateRangeChoice } from '../model/date-range';

interface Props {
  choice: DateRangeChoice;
  compare: boolean;
  onChange: (choice: DateRangeChoice, compare: boolean) => void;
}

/** Relative periods (resolved by the service in the tenant's zone) or custom local days, and the compare toggle. */
export function DateRangePicker({ choice, compare, onChange }: Props) {
  const [from, setFrom] = useState(choice.kind === 'custom' ? choice.from : '');
  const [to, setTo] = useState(choice.kind === 'custom' ? choice.to : '');
  const [custom, setCustom] = useState(choice.kind === 'custom');
  const problem = custom && (from || to) ? customRangeProblem(from, to) : undefined;

  const choosePeriod = (value: string) => {
    if (value === 'custom') return setCustom(true);
    setCustom(false);
    if (isRelativePeriod(value)) onChange({ kind: 'period', period: value }, compare);
  };

  return (
    <fieldset className="range-picker">
      <legend className="visually-hidden">Date range</legend>
      <label htmlFor="range-period">Date range</label>
      <select
        id="range-period"
        value={custom ? 'custom' : choice.kind === 'period' ? choice.period : 'custom'}
        onChange={(event) => choosePeriod(event.target.value)}
      >
        {RELATIVE_PERIODS.map((period) => (
          <option key={period} value={period}>
            {PERIOD_LABELS[period]}
          </option>
        ))}
        <option value="custom">Custom…</option>
      </select>
      {custom && (
        <form
          className="custom-range"
          onSubmit={(event) => {
            event.preventDefault();
            if (!customRangeProblem(from, to)) onChange({ kind: 'custom', from, to }, compare);
          }}
        >
          <label htmlFor="range-from">From</label>
          <input id="range-from" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
          <label htmlFor="range-to">To</label>
          <input id="range-to" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
          <button type="submit" disabled={!from || !to || Boolean(problem)}>
            Apply
          </button>
          {problem && (
            <span className="error" role="alert">
              {problem}
            </span>
          )}
        </form>
      )}
      <label className="toggle">
        <input type="checkbox" checked={compare} onChange={(event) => onChange(choice, event.target.checked)} />
        Compare with previous period
      </label>
    </fieldset>
  );
}
