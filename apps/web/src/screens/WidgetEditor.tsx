import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/ErrorMessage';
import { LIVE_METRICS, WIDGET_TYPES, type Widget, type WidgetBody } from '../model/dashboard-types';
import {
  emptyWidgetForm,
  FILTER_OPERATORS,
  GRANULARITIES,
  MEASURES,
  METRIC_WIDGET_TYPES,
  ROI_ASSUMPTIONS,
  ROI_LABELS,
  widgetBodyOf,
  widgetFormOf,
  widgetFormProblems,
  type WidgetForm,
} from '../model/widget-form';

const TYPE_LABELS: Record<string, string> = {
  counter: 'Counter',
  time_series: 'Time series',
  bar: 'Bar chart',
  table: 'Table',
  top_list: 'Top list',
  funnel: 'Funnel',
  retention_heatmap: 'Retention heatmap',
  conversation_roi: 'Conversation ROI',
  live_counter: 'Live counter',
  anomaly_band: 'Anomaly band',
  forecast: 'Forecast',
  text: 'Text',
};

const MEASURE_LABELS: Record<string, string> = {
  event_count: 'Count of events',
  unique_users: 'Unique users',
  sum: 'Sum of a property',
  avg: 'Average of a property',
  min: 'Minimum of a property',
  max: 'Maximum of a property',
  count_distinct: 'Distinct values of a property',
  p50: 'Median (p50) of a property',
  p95: 'p95 of a property',
  p99: 'p99 of a property',
};

interface Props {
  widget?: Widget;
  onSave: (body: WidgetBody) => Promise<void>;
  onCancel: () => void;
}

/** The query builder: a modal dialog (focus stays inside, Escape cancels) that creates or edits a widget. */
export function WidgetEditor({ widget, onSave, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<WidgetForm>(() => (widget ? widgetFormOf(widget) : emptyWidgetForm()));
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const set = <K extends keyof WidgetForm>(key: K, value: WidgetForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = widgetFormProblems(form);
    setProblems(found);
    if (found.length > 0) return;
    setSaving(true);
    setError(undefined);
    try {
      await onSave(widgetBodyOf(form));
    } catch (failure) {
      setError(failure);
      setSaving(false);
    }
  };

  const isMetric = METRIC_WIDGET_TYPES.includes(form.type);
  const aggregates = form.measure !== 'event_count' && form.measure !== 'unique_users';
  return (
    <dialog ref={dialog} className="editor" aria-labelledby="editor-title" onCancel={onCancel}>
      <form onSubmit={submit}>
        <h2 id="editor-title">{widget ? `Edit “${widget.title}”` : 'Add a widget'}</h2>
        <div className="form-grid">
          <label htmlFor="widget-title">Title</label>
          <input id="widget-title" value={form.title} onChange={(event) => set('title', event.target.value)} maxLength={200} />

          <label htmlFor="widget-type">Type</label>
          <select id="widget-type" value={form.type} onChange={(event) => set('type', event.target.value as WidgetForm['type'])}>
            {WIDGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {TYPE_LABELS[type]}
              </option>
            ))}
          </select>

          {isMetric && (
            <>
              <label htmlFor="widget-event">Event type</label>
              <input
                id="widget-event"
                value={form.eventType}
                onChange={(event) => set('eventType', event.target.value)}
                placeholder="all events (e.g. purchase)"
              />

              <label htmlFor="widget-measure">Aggregation</label>
              <select
                id="widget-measure"
                value={form.measure}
                onChange={(event) => set('measure', event.target.value as WidgetForm['measure'])}
              >
                {MEASURES.map((measure) => (
                  <option key={measure} value={measure}>
                    {MEASURE_LABELS[measure]}
                  </option>
                ))}
              </select>

              {aggregates && (
                <>
                  <label htmlFor="widget-field">Property</label>
                  <input
                    id="widget-field"
                    value={form.field}
                    onChange={(event) => set('field', event.target.value)}
                    placeholder="properties.revenue"
                  />
                </>
              )}

              <label htmlFor="widget-granularity">Granularity</label>
              <select id="widget-granularity" value={form.granularity} onChange={(event) => set('granularity', event.target.value)}>
                {GRANULARITIES.map((granularity) => (
                  <option key={granularity} value={granularity}>
                    {granularity}
                  </option>
                ))}
              </select>

              {!['counter', 'anomaly_band', 'forecast'].includes(form.type) && (
                <>
                  <label htmlFor="widget-group-by">Group by</label>
                  <input
                    id="widget-group-by"
                    value={form.groupBy}
                    onChange={(event) => set('groupBy', event.target.value)}
                    placeholder="context.geo.country"
                  />
                </>
              )}
            </>
          )}

          {(form.type === 'counter' || form.type === 'live_counter') && (
            <>
              <label htmlFor="widget-format">Number format</label>
              <select
                id="widget-format"
                value={form.format}
                onChange={(event) => set('format', event.target.value as WidgetForm['format'])}
              >
                <option value="number">Number</option>
                <option value="currency">Currency</option>
                <option value="percent">Percent</option>
              </select>
            </>
          )}

          {form.type === 'live_counter' && (
            <>
              <label htmlFor="widget-live-metric">Live figure</label>
              <select id="widget-live-metric" value={form.liveMetric} onChange={(event) => set('liveMetric', event.target.value)}>
                {LIVE_METRICS.map((metric) => (
                  <option key={metric} value={metric}>
                    {metric.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </>
          )}

          {form.type === 'funnel' && (
            <>
              {form.funnelSteps.map((step, index) => (
                <FunnelStep
                  key={index}
                  index={index}
                  value={step}
                  onChange={(value) =>
                    set(
                      'funnelSteps',
                      form.funnelSteps.map((other, at) => (at === index ? value : other)),
                    )
                  }
                  onRemove={
                    form.funnelSteps.length > 2
                      ? () =>
                          set(
                            'funnelSteps',
                            form.funnelSteps.filter((_, at) => at !== index),
                          )
                      : undefined
                  }
                />
              ))}
              <span />
              <button
                type="button"
                className="secondary"
                onClick={() => set('funnelSteps', [...form.funnelSteps, ''])}
                disabled={form.funnelSteps.length >= 10}
              >
                Add step
              </button>
              <label htmlFor="widget-window">Conversion window (days)</label>
              <input
                id="widget-window"
                type="number"
                min={1}
                max={90}
                value={form.conversionWindowDays}
                onChange={(event) => set('conversionWindowDays', Number(event.target.value))}
              />
            </>
          )}

          {form.type === 'conversation_roi' &&
            ROI_ASSUMPTIONS.map((assumption) => (
              <RoiInput
                key={assumption}
                id={`widget-roi-${assumption}`}
                label={ROI_LABELS[assumption]}
                value={form.roi[assumption]}
                onChange={(value) => set('roi', { ...form.roi, [assumption]: value })}
              />
            ))}

          {form.type === 'retention_heatmap' && (
            <>
              <label htmlFor="widget-cohort-event">Cohort event</label>
              <input
                id="widget-cohort-event"
                value={form.cohortEvent}
                onChange={(event) => set('cohortEvent', event.target.value)}
                placeholder="any event"
              />
              <label htmlFor="widget-return-event">Return event</label>
              <input
                id="widget-return-event"
                value={form.returnEvent}
                onChange={(event) => set('returnEvent', event.target.value)}
                placeholder="any event"
              />
              <label htmlFor="widget-retention-period">Period</label>
              <select
                id="widget-retention-period"
                value={form.retentionPeriod}
                onChange={(event) => set('retentionPeriod', event.target.value as WidgetForm['retentionPeriod'])}
              >
                <option value="day">day</option>
                <option value="week">week</option>
                <option value="month">month</option>
              </select>
              <label htmlFor="widget-retention-periods">Periods</label>
              <input
                id="widget-retention-periods"
                type="number"
                min={1}
                max={52}
                value={form.retentionPeriods}
                onChange={(event) => set('retentionPeriods', Number(event.target.value))}
              />
            </>
          )}

          {form.type === 'text' && (
            <>
              <label htmlFor="widget-text">Text</label>
              <textarea
                id="widget-text"
                rows={4}
                value={form.text}
                onChange={(event) => set('text', event.target.value)}
                maxLength={10000}
              />
            </>
          )}
        </div>

        {isMetric && (
          <fieldset className="filters">
            <legend>Filters</legend>
            {form.filters.map((filter, index) => (
              <div className="filter-row" key={index}>
                <label htmlFor={`filter-field-${index}`}>Field</label>
                <input
                  id={`filter-field-${index}`}
                  value={filter.field}
                  placeholder="properties.plan"
                  onChange={(event) =>
                    set(
                      'filters',
                      form.filters.map((other, at) => (at === index ? { ...other, field: event.target.value } : other)),
                    )
                  }
                />
                <label htmlFor={`filter-operator-${index}`}>Operator</label>
                <select
                  id={`filter-operator-${index}`}
                  value={filter.operator}
                  onChange={(event) =>
                    set(
                      'filters',
                      form.filters.map((other, at) => (at === index ? { ...other, operator: event.target.value } : other)),
                    )
                  }
                >
                  {FILTER_OPERATORS.map((operator) => (
                    <option key={operator} value={operator}>
                      {operator.replace(/_/g, ' ')}
                    </option>
                  ))}
                </select>
                <label htmlFor={`filter-value-${index}`}>Value</label>
                <input
                  id={`filter-value-${index}`}
                  value={filter.value}
                  onChange={(event) =>
                    set(
                      'filters',
                      form.filters.map((other, at) => (at === index ? { ...other, value: event.target.value } : other)),
                    )
                  }
                />
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    set(
                      'filters',
                      form.filters.filter((_, at) => at !== index),
                    )
                  }
                >
                  Remove filter {index + 1}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="secondary"
              onClick={() => set('filters', [...form.filters, { field: '', operator: 'equals', value: '' }])}
            >
              Add filter
            </button>
          </fieldset>
        )}

        {problems.length > 0 && (
          <ul className="error" role="alert">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        <ErrorMessage error={error} />
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : widget ? 'Save widget' : 'Add widget'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function FunnelStep({
  index,
  value,
  onChange,
  onRemove,
}: {
  index: number;
  value: string;
  onChange: (value: string) => void;
  onRemove?: () => void;
}) {
  return (
    <>
      <label htmlFor={`funnel-step-${index}`}>Step {index + 1} event</label>
      <span className="with-button">
        <input id={`funnel-step-${index}`} value={value} onChange={(event) => onChange(event.target.value)} />
        {onRemove && (
          <button type="button" className="secondary" onClick={onRemove} aria-label={`Remove step ${index + 1}`}>
            ×
          </button>
        )}
      </span>
    </>
  );
}

/** One ROI assumption: blank keeps the service's default. */
function RoiInput({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" min={0} step="any" value={value} placeholder="default" onChange={(event) => onChange(event.target.value)} />
    </>
  );
}
