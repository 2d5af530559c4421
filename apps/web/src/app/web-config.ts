/** What the serving dashboards service tells the UI (`GET /web-ui/config.json`). */
export interface WebConfig {
  /** Base URL of the reporting service's API; '' = the same origin (one host in front of every service). */
  reportingUrl: string;
}

export async function loadWebConfig(): Promise<WebConfig> {
  try {
    const response = await fetch('/web-ui/config.json');
    if (!response.ok) return { reportingUrl: '' };
    const body = (await response.json()) as Partial<WebConfig>;
    return { reportingUrl: typeof body.reportingUrl === 'string' ? body.reportingUrl.replace(/\/$/, '') : '' };
  } catch {
    return { reportingUrl: '' };
  }
}
