import { useEffect, useMemo, useState } from 'react';
import { ApiClient } from '../api/api-client';
import { Link } from '../components/Link';
import { DashboardListScreen } from '../screens/DashboardListScreen';
import { DashboardScreen } from '../screens/DashboardScreen';
import { ReportsScreen } from '../screens/ReportsScreen';
import { SignInScreen } from '../screens/SignInScreen';
import { navigate, routeOf, usePath } from './router';
import { forgetSecretKey, storedSecretKey, storeSecretKey } from './session';
import { loadWebConfig, type WebConfig } from './web-config';

export function App() {
  const [secretKey, setSecretKey] = useState(storedSecretKey);
  const [config, setConfig] = useState<WebConfig>();
  const path = usePath();
  const route = routeOf(path);

  useEffect(() => {
    void loadWebConfig().then(setConfig);
  }, []);

  // No API call before the configuration says where the reporting API is.
  const clients = useMemo(
    () =>
      secretKey && config ? { dashboards: new ApiClient(secretKey), reporting: new ApiClient(secretKey, config.reportingUrl) } : undefined,
    [secretKey, config],
  );

  if (!secretKey) {
    return (
      <SignInScreen
        onSignedIn={(key) => {
          storeSecretKey(key);
          setSecretKey(key);
        }}
      />
    );
  }

  if (!clients) return <p aria-live="polite">Loading…</p>;

  const signOut = () => {
    forgetSecretKey();
    setSecretKey(null);
    navigate('/');
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">Pulse</span>
        <nav aria-label="Main">
          <Link href="/" aria-current={route.screen !== 'reports' ? 'page' : undefined}>
            Dashboards
          </Link>
          <Link href="/reports" aria-current={route.screen === 'reports' ? 'page' : undefined}>
            Reports
          </Link>
        </nav>
        <button type="button" className="secondary" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {route.screen === 'dashboards' && <DashboardListScreen client={clients.dashboards} />}
        {route.screen === 'dashboard' && <DashboardScreen key={route.id} client={clients.dashboards} dashboardId={route.id} />}
        {route.screen === 'reports' && <ReportsScreen client={clients.reporting} />}
      </main>
    </>
  );
}
