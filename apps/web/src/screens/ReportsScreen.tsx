import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/api-client';
import { downloadFile } from '../api/download';
import { ErrorMessage } from '../components/ErrorMessage';
import { RELATIVE_PERIODS } from '../model/dashboard-types';
import { PERIOD_LABELS } from '../model/date-range';

interface Report {
  id: string;
  name: string;
  type: string;
  format: string;
  period: string | null;
  from: string | null;
  to: string | null;
}

interface Run {
  id: string;
  status: 'queued' | 'generating' | 'completed' | 'failed';
  progress: number;
  error: string | null;
  format: string;
  from: string;
  to: string;
  createdAt?: string;
}

interface Schedule {
  id: string;
  cron: string;
  recipients: string[];
  webhookUrl: string | null;
  nextRunAt: string | null;
  /** Answered once, by the POST that creates a schedule with a webhook. */
  webhookSecret?: string;
}

const REPORT_TYPES = [
  'executive_summary',
  'commerce',
  'conversation_performance',
  'content_performance',
  'user_engagement',
  'system_health',
  'import_summary',
];
const FORMATS = ['pdf', 'html', 'xlsx', 'csv', 'json'];
const POLL_MS = 1000;

const label = (value: string) => value.replace(/_/g, ' ');

/** Reports: create from a template, generate, follow the run, download the file, schedule deliveries. */
export function ReportsScreen({ client }: { client: ApiClient }) {
  const [reports, setReports] = useState<Report[]>();
  const [selected, setSelected] = useState<Report>();
  const [error, setError] = useState<unknown>();
  const [draft, setDraft] = useState({ name: 'Weekly summary', type: 'executive_summary', format: 'pdf', period: 'last_7_days' });

  const load = useCallback(() => {
    client.get<Report[]>('/v1/reports').then(setReports, setError);
  }, [client]);
  useEffect(load, [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const report = await client.post<Report>('/v1/reports', draft);
      load();
      setSelected(report);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section aria-labelledby="reports-title" className="reports">
      <h1 id="reports-title">Reports</h1>
      <ErrorMessage error={error} />
      <div className="reports-layout">
        <div>
          {!reports && !error && <p aria-live="polite">Loading…</p>}
          {reports && reports.length === 0 && <p className="muted">No reports yet: create one below.</p>}
          {reports && reports.length > 0 && (
            <table>
              <caption className="visually-hidden">Reports</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Format</th>
                  <th scope="col">Days</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {reports.map((report) => (
                  <tr key={report.id} aria-selected={selected?.id === report.id}>
                    <td>{report.name}</td>
                    <td>{label(report.type)}</td>
                    <td>{report.format.toUpperCase()}</td>
                    <td>{report.period ? label(report.period) : `${report.from} – ${report.to}`}</td>
                    <td>
                      <button type="button" className="secondary" onClick={() => setSelected(report)} aria-label={`Open ${report.name}`}>
                        Open
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form className="card new-report" onSubmit={create}>
            <h2>New report</h2>
            <div className="form-grid">
              <label htmlFor="report-name">Name</label>
              <input
                id="report-name"
                value={draft.name}
                onChange={(event) => setDraft({ ...draft, name: event.target.value })}
                required
                maxLength={200}
              />
              <label htmlFor="report-type">Template</label>
              <select id="report-type" value={draft.type} onChange={(event) => setDraft({ ...draft, type: event.target.value })}>
                {REPORT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {label(type)}
                  </option>
                ))}
              </select>
              <label htmlFor="report-format">Format</label>
              <select id="report-format" value={draft.format} onChange={(event) => setDraft({ ...draft, format: event.target.value })}>
                {FORMATS.map((format) => (
                  <option key={format} value={format}>
                    {format.toUpperCase()}
                  </option>
                ))}
              </select>
              <label htmlFor="report-period">Days</label>
              <select id="report-period" value={draft.period} onChange={(event) => setDraft({ ...draft, period: event.target.value })}>
                {RELATIVE_PERIODS.map((period) => (
                  <option key={period} value={period}>
                    {PERIOD_LABELS[period]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Create report</button>
          </form>
        </div>
        {selected && <ReportPanel key={selected.id} client={client} report={selected} />}
      </div>
    </section>
  );
}

function ReportPanel({ client, report }: { client: ApiClient; report: Report }) {
  const base = `/v1/reports/${encodeURIComponent(report.id)}`;
  const [runs, setRuns] = useState<Run[]>([]);
  const [error, setError] = useState<unknown>();

  const loadRuns = useCallback(() => {
    client.get<Run[]>(`${base}/runs`).then(setRuns, setError);
  }, [client, base]);
  useEffect(loadRuns, [loadRuns]);

  // Poll while a run is queued or generating; stop once every run has an outcome.
  const pending = runs.some((run) => run.status === 'queued' || run.status === 'generating');
  useEffect(() => {
    if (!pending) return undefined;
    const timer = setInterval(loadRuns, POLL_MS);
    return () => clearInterval(timer);
  }, [pending, loadRuns]);

  const generate = async () => {
    setError(undefined);
    try {
      const run = await client.post<Run>(`${base}/generate`);
      setRuns((current) => [run, ...current.filter((other) => other.id !== run.id)]);
    } catch (failure) {
      setError(failure);
    }
  };

  const download = async (run: Run) => {
    try {
      await downloadFile(client, `${base}/runs/${run.id}/download`, `${report.name}.${run.format}`);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <aside className="card report-panel" aria-labelledby="report-panel-title">
      <h2 id="report-panel-title">{report.name}</h2>
      <button type="button" onClick={() => void generate()}>
        Generate now
      </button>
      <ErrorMessage error={error} />
      <h3>Runs</h3>
      {runs.length === 0 ? (
        <p className="muted">Not generated yet.</p>
      ) : (
        <ul className="runs" aria-live="polite">
          {runs.slice(0, 10).map((run) => (
            <li key={run.id} data-run-status={run.status}>
              <span>
                {run.from} – {run.to}
              </span>
              <span className={`status status-${run.status}`}>
                {run.status}
                {run.status === 'generating' ? ` ${run.progress} %` : ''}
              </span>
              {run.status === 'completed' && (
                <button type="button" className="secondary" onClick={() => void download(run)}>
                  Download {run.format.toUpperCase()}
                </button>
              )}
              {run.status === 'failed' && <span className="error">{run.error}</span>}
            </li>
          ))}
        </ul>
      )}
      <Schedules client={client} base={base} />
    </aside>
  );
}

function Schedules({ client, base }: { client: ApiClient; base: string }) {
  const [schedules, setSchedules] = useState<Schedule[]>([]);
  const [cron, setCron] = useState('0 8 * * 1');
  const [recipients, setRecipients] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<Schedule>();

  useEffect(() => {
    client.get<Schedule[]>(`${base}/schedules`).then(setSchedules, () => setSchedules([]));
  }, [client, base]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(undefined);
    const body: Record<string, unknown> = {
      cron: cron.trim(),
      recipients: recipients
        .split(',')
        .map((recipient) => recipient.trim())
        .filter(Boolean),
    };
    if (webhookUrl.trim()) body['webhookUrl'] = webhookUrl.trim();
    try {
      const schedule = await client.post<Schedule>(`${base}/schedules`, body);
      setSchedules((current) => [...current, schedule]);
      setSaved(schedule);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <form className="schedule" onSubmit={create}>
      <h3>Schedule</h3>
      {schedules.length > 0 && (
        <ul>
          {schedules.map((schedule) => (
            <li key={schedule.id}>
              <code>{schedule.cron}</code> → {[...schedule.recipients, schedule.webhookUrl].filter(Boolean).join(', ')}
              {schedule.nextRunAt && <span className="muted"> · next {new Date(schedule.nextRunAt).toLocaleString()}</span>}
            </li>
          ))}
        </ul>
      )}
      <div className="form-grid">
        <label htmlFor="schedule-cron">Cron (tenant&apos;s time zone)</label>
        <input id="schedule-cron" value={cron} onChange={(event) => setCron(event.target.value)} aria-describedby="schedule-cron-hint" />
        <span />
        <span id="schedule-cron-hint" className="muted">
          minute hour day-of-month month day-of-week: “0 8 * * 1” is Mondays at 08:00
        </span>
        <label htmlFor="schedule-recipients">Email recipients</label>
        <input
          id="schedule-recipients"
          value={recipients}
          onChange={(event) => setRecipients(event.target.value)}
          placeholder="a@example.com, b@example.com"
        />
        <label htmlFor="schedule-webhook">Webhook URL (optional)</label>
        <input id="schedule-webhook" type="url" value={webhookUrl} onChange={(event) => setWebhookUrl(event.target.value)} />
      </div>
      <ErrorMessage error={error} />
      {saved && (
        <p role="status">
          Schedule saved.
          {saved.webhookSecret && (
            <>
              {' '}
              Webhook signing secret (shown once): <code>{saved.webhookSecret}</code>
            </>
          )}
        </p>
      )}
      <button type="submit">Add schedule</button>
    </form>
  );
}
