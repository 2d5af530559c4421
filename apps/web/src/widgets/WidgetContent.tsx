import { formatChange, formatNumber, type NumberFormat } from '../model/number-format';
import type { Widget, WidgetResult } from '../model/dashboard-types';
import { ChartBox } from './ChartBox';
import { anomalyBandSvg, barSvg, forecastSvg, funnelSvg, retentionSvg, timeSeriesSvg } from './widget-charts';

interface Props {
  widget: Widget;
  result: WidgetResult | undefined;
  /** The latest value pushed over the live stream (live counters). */
  liveValue: number | undefined;
  /** The tenant's currency (from the live overview); money is shown without a sign until it is known. */
  currency: string | undefined;
  /** The tenant's time zone (the data's range), for the times on charts. */
  timeZone: string;
}

/** A widget's figure or chart from its `data` in `GET /v1/dashboards/:id/data`. */
export function WidgetContent({ widget, result, liveValue, currency, timeZone }: Props) {
  if (widget.type === 'text') return <p className="widget-text">{String(widget.options['text'] ?? '')}</p>;
  if (widget.type === 'live_counter') {
    const initial = result?.status === 'ok' ? (result.data as { value: number }).value : undefined;
    return <BigNumber value={liveValue ?? initial} format={formatOf(widget)} currency={currency} live />;
  }
  if (!result) return <p className="muted">Loading…</p>;
  if (result.status === 'error') {
    return (
      <p className="error" role="alert">
        {result.error.issues?.length
          ? result.error.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')
          : result.error.message}
      </p>
    );
  }
  const data = result.data as never;
  const title = widget.title;
  switch (widget.type) {
    case 'counter':
      return <Counter data={data} format={formatOf(widget)} currency={currency} />;
    case 'time_series':
      return <ChartBox draw={(size) => timeSeriesSvg(title, data, size)} />;
    case 'bar':
      return (
        <ChartBox draw={(size) => barSvg(title, data, size, widget.options['orientation'] as 'horizontal' | 'vertical' | undefined)} />
      );
    case 'funnel':
      return <ChartBox draw={(size) => funnelSvg(title, data, size)} />;
    case 'retention_heatmap':
      return <ChartBox draw={(size) => retentionSvg(title, data, size)} />;
    case 'anomaly_band':
      return <ChartBox draw={(size) => anomalyBandSvg(title, data, size, timeZone)} />;
    case 'forecast':
      return <ChartBox draw={(size) => forecastSvg(title, data, size, timeZone)} />;
    case 'table':
      return <DataTable data={data} />;
    case 'top_list':
      return <TopList data={data} />;
    default:
      // A type this UI does not draw yet (e.g. conversation ROI): its top-level figures as a list.
      return <Figures data={result.data} />;
  }
}

function formatOf(widget: Widget): NumberFormat {
  const format = widget.options['format'];
  return format === 'currency' || format === 'percent' ? format : 'number';
}

function BigNumber({
  value,
  format,
  currency,
  live,
}: {
  value: number | null | undefined;
  format: NumberFormat;
  currency?: string;
  live?: boolean;
}) {
  return (
    <p className="big-number" data-value={value ?? ''} aria-live={live ? 'polite' : undefined}>
      {formatMoney(value, format, currency)}
    </p>
  );
}

function formatMoney(value: number | null | undefined, format: NumberFormat, currency: string | undefined): string {
  if (format !== 'currency') return formatNumber(value, format);
  if (!currency) return formatNumber(value === null || value === undefined ? value : Math.round(value * 100) / 100);
  return formatNumber(value, 'currency', currency);
}

function Figures({ data }: { data: unknown }) {
  const entries = Object.entries(typeof data === 'object' && data !== null ? data : {}).filter(
    ([, value]) => typeof value === 'number' || typeof value === 'string',
  );
  return (
    <dl className="figures">
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}</dt>
          <dd>{typeof value === 'number' ? formatNumber(value) : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Counter({
  data,
  format,
  currency,
}: {
  data: { value: number | null; previous?: number | null; change?: number | null };
  format: NumberFormat;
  currency: string | undefined;
}) {
  const change = data.change;
  return (
    <div className="counter">
      <BigNumber value={data.value} format={format} currency={currency} />
      {data.previous !== undefined && (
        <p className={`change ${change && change > 0 ? 'up' : change && change < 0 ? 'down' : ''}`}>
          {formatChange(change)} <span className="muted">vs {formatMoney(data.previous, format, currency)}</span>
        </p>
      )}
    </div>
  );
}

function DataTable({ data }: { data: { columns: string[]; rows: (string | number | null)[][] } }) {
  if (data.rows.length === 0) return <p className="muted">No data in this range.</p>;
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            {data.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) => (
                <td key={column} className={typeof cell === 'number' ? 'number' : undefined}>
                  {typeof cell === 'number' ? formatNumber(cell) : (cell ?? '(none)')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TopList({ data }: { data: { items: { label: string | null; value: number | null; share: number | null }[] } }) {
  if (data.items.length === 0) return <p className="muted">No data in this range.</p>;
  return (
    <ol className="top-list">
      {data.items.map((item, index) => (
        <li key={index}>
          <span className="label">{item.label ?? '(none)'}</span>
          <span className="number">{formatNumber(item.value)}</span>
          <span className="share" style={{ width: `${Math.round((item.share ?? 0) * 100)}%` }} aria-hidden="true" />
        </li>
      ))}
    </ol>
  );
}
