import { useEffect, useState } from 'react';

/** The page's path, following history navigation (the service answers index.html for every UI path). */
export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const follow = () => setPath(window.location.pathname);
    window.addEventListener('popstate', follow);
    window.addEventListener('pulse:navigate', follow);
    return () => {
      window.removeEventListener('popstate', follow);
      window.removeEventListener('pulse:navigate', follow);
    };
  }, []);
  return path;
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event('pulse:navigate'));
  window.scrollTo(0, 0);
}

export type Route = { screen: 'dashboards' } | { screen: 'dashboard'; id: string } | { screen: 'reports' };

export function routeOf(path: string): Route {
  const dashboard = /^\/dashboards\/([^/]+)\/?$/.exec(path);
  if (dashboard) return { screen: 'dashboard', id: decodeURIComponent(dashboard[1]) };
  if (path.startsWith('/reports')) return { screen: 'reports' };
  return { screen: 'dashboards' };
}
