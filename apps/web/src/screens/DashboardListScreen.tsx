import { useEffect, useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/api-client';
import { navigate } from '../app/router';
import { ErrorMessage } from '../components/ErrorMessage';
import { Link } from '../components/Link';
import type { Dashboard, DashboardSummary } from '../model/dashboard-types';

export function DashboardListScreen({ client }: { client: ApiClient }) {
  const [dashboards, setDashboards] = useState<DashboardSummary[]>();
  const [error, setError] = useState<unknown>();
  const [name, setName] = useState('');

  useEffect(() => {
    client.get<DashboardSummary[]>('/v1/dashboards').then(setDashboards, setError);
  }, [client]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await client.post<Dashboard>('/v1/dashboards', { name: name.trim() });
      navigate(`/dashboards/${created.id}`);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section aria-labelledby="dashboards-title">
      <h1 id="dashboards-title">Dashboards</h1>
      <ErrorMessage error={error} />
      {!dashboards && !error && <p aria-live="polite">Loading…</p>}
      {dashboards && (
        <ul className="card-list">
          {dashboards.map((dashboard) => (
            <li key={dashboard.id} className="card">
              <h2>
                <Link href={`/dashboards/${dashboard.id}`}>{dashboard.name}</Link>
              </h2>
              {dashboard.description && <p>{dashboard.description}</p>}
              <p className="muted">
                {dashboard.widgetCount} widgets{dashboard.prebuiltKey ? ' · prebuilt' : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={create}>
        <label htmlFor="new-dashboard-name">New dashboard</label>
        <input
          id="new-dashboard-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Name"
          required
          maxLength={200}
        />
        <button type="submit">Create</button>
      </form>
    </section>
  );
}
