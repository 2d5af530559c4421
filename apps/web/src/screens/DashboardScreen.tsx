import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { followLiveStream } from '../api/live-stream';
import { DateRangePicker } from '../components/DateRangePicker';
import { ErrorMessage } from '../components/ErrorMessage';
import { Link } from '../components/Link';
import type { Dashboard, DashboardData, Widget, WidgetBody, WidgetResult } from '../model/dashboard-types';
import { choiceFromFilters, dataQueryParameters, type DateRangeChoice } from '../model/date-range';
import { inReadingOrder, movedPosition, placeWidget, resizedPosition, type MoveDirection } from '../model/grid-layout';
import { WidgetCard } from '../widgets/WidgetCard';
import { WidgetEditor } from './WidgetEditor';

/** A dashboard: its widgets on the grid with their data for the chosen range, live counters pushed live. */
export function DashboardScreen({ client, dashboardId }: { client: ApiClient; dashboardId: string }) {
  const [dashboard, setDashboard] = useState<Dashboard>();
  const [data, setData] = useState<DashboardData>();
  const [range, setRange] = useState<{ choice: DateRangeChoice; compare: boolean }>();
  const [liveValues, setLiveValues] = useState<Record<string, number>>({});
  const [currency, setCurrency] = useState<string>();
  const [connected, setConnected] = useState(false);
  const [editing, setEditing] = useState(false);
  const [editor, setEditor] = useState<{ widget?: Widget } | undefined>();
  const [error, setError] = useState<unknown>();
  const base = `/v1/dashboards/${encodeURIComponent(dashboardId)}`;

  useEffect(() => {
    client.get<Dashboard>(base).then((loaded) => {
      setDashboard(loaded);
      setRange({ choice: choiceFromFilters(loaded.filters), compare: Boolean(loaded.filters.compare) });
    }, setError);
  }, [client, base]);

  const loadData = useCallback(() => {
    if (!range) return;
    client.get<DashboardData>(`${base}/data?${dataQueryParameters(range.choice, range.compare)}`).then(setData, setError);
  }, [client, base, range]);

  useEffect(loadData, [loadData]);

  useEffect(
    () =>
      followLiveStream(
        client,
        dashboardId,
        (frame) => {
          setLiveValues(Object.fromEntries(frame.widgets.map((widget) => [widget.id, widget.value])));
          if (typeof frame.overview?.['currency'] === 'string') setCurrency(frame.overview['currency']);
        },
        setConnected,
      ),
    [client, dashboardId],
  );

  const replaceWidget = (updated: Widget) =>
    setDashboard(
      (current) => current && { ...current, widgets: current.widgets.map((widget) => (widget.id === updated.id ? updated : widget)) },
    );

  /** Moves or resizes one widget; widgets it would cover are pushed down (each change saved with PUT). */
  const arrange = async (widget: Widget, position: Widget['position']) => {
    if (JSON.stringify(position) === JSON.stringify(widget.position)) return;
    try {
      for (const [id, changed] of placeWidget(dashboard?.widgets ?? [], widget.id, position)) {
        replaceWidget(await client.put<Widget>(`${base}/widgets/${id}`, { position: changed }));
      }
    } catch (failure) {
      setError(failure);
    }
  };

  const remove = async (widget: Widget) => {
    if (!window.confirm(`Delete the widget "${widget.title}"?`)) return;
    try {
      await client.delete(`${base}/widgets/${widget.id}`);
      setDashboard((current) => current && { ...current, widgets: current.widgets.filter((other) => other.id !== widget.id) });
    } catch (failure) {
      setError(failure);
    }
  };

  const save = async (body: WidgetBody, widget?: Widget) => {
    const saved = widget
      ? await client.put<Widget>(`${base}/widgets/${widget.id}`, body)
      : await client.post<Widget>(`${base}/widgets`, body);
    setDashboard(
      (current) =>
        current && {
          ...current,
          widgets: widget ? current.widgets.map((other) => (other.id === saved.id ? saved : other)) : [...current.widgets, saved],
        },
    );
    setEditor(undefined);
    loadData();
  };

  if (!dashboard || !range) {
    return (
      <section>
        <ErrorMessage error={error} />
        {!error && <p aria-live="polite">Loading…</p>}
      </section>
    );
  }

  const results = new Map<string, WidgetResult>((data?.widgets ?? []).map((result) => [result.id, result]));
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <div className="dashboard-head">
        <p className="breadcrumb">
          <Link href="/">Dashboards</Link> /
        </p>
        <h1 id="dashboard-title">{dashboard.name}</h1>
        <span className={`live-state ${connected ? 'on' : ''}`} role="status">
          {connected ? 'Live' : 'Connecting…'}
        </span>
      </div>
      <div className="toolbar">
        <DateRangePicker choice={range.choice} compare={range.compare} onChange={(choice, compare) => setRange({ choice, compare })} />
        {data && (
          <p className="muted range-text">
            {data.range.from} – {data.range.to} ({data.range.timeZone})
          </p>
        )}
        <button type="button" className="secondary" aria-pressed={editing} onClick={() => setEditing(!editing)}>
          {editing ? 'Done arranging' : 'Arrange widgets'}
        </button>
        <button type="button" onClick={() => setEditor({})}>
          Add widget
        </button>
      </div>
      <ErrorMessage error={error} />
      <div className="grid">
        {inReadingOrder(dashboard.widgets).map((widget) => (
          <WidgetCard
            key={widget.id}
            widget={widget}
            result={results.get(widget.id)}
            liveValue={liveValues[widget.id]}
            currency={currency}
            timeZone={data?.range.timeZone ?? 'UTC'}
            editing={editing}
            onEdit={() => setEditor({ widget })}
            onMove={(direction: MoveDirection) => void arrange(widget, movedPosition(widget.position, direction))}
            onResize={(columns, rows) => void arrange(widget, resizedPosition(widget.position, columns, rows))}
            onDelete={() => void remove(widget)}
          />
        ))}
      </div>
      {editor && <WidgetEditor widget={editor.widget} onSave={(body) => save(body, editor.widget)} onCancel={() => setEditor(undefined)} />}
    </section>
  );
}
