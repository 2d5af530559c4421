/** Where a request reached this service: the Host it named and the socket it arrived on. */
export interface ServiceAddress {
  /** The request's Host header (`pulse.example.com`, `localhost:3003`). */
  hostHeader: string | undefined;
  /** The local address and port of the socket (`127.0.0.1`, 3003). */
  localAddress: string | undefined;
  localPort: number | undefined;
}

const LOOPBACK_NAMES = new Set(['localhost', '0.0.0.0', '::', '::1', '::ffff:127.0.0.1']);

/**
 * Whether a webhook URL would send the alert back to this service: the host and port the request came
 * through (behind a gateway: its Host), or this machine's own names on the port the service listens on.
 * A webhook to ourselves would at best be refused (no route), at worst loop.
 */
export function pointsAtService(url: URL, service: ServiceAddress): boolean {
  const host = hostOf(url.hostname);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (service.hostHeader) {
    const named = parseHost(service.hostHeader, url.protocol);
    if (named && named.host === host && named.port === port) return true;
  }
  if (service.localPort !== undefined && port === service.localPort) {
    const local = service.localAddress === undefined ? undefined : hostOf(service.localAddress);
    if (LOOPBACK_NAMES.has(host) || /^127\./.test(host) || host === local) return true;
    if (service.hostHeader && parseHost(service.hostHeader, url.protocol)?.host === host) return true;
  }
  return false;
}

function hostOf(name: string): string {
  return name.replace(/^\[|\]$/g, '').toLowerCase();
}

function parseHost(header: string, protocol: string): { host: string; port: number } | undefined {
  try {
    const parsed = new URL(`${protocol}//${header}`);
    return { host: hostOf(parsed.hostname), port: parsed.port === '' ? (protocol === 'https:' ? 443 : 80) : Number(parsed.port) };
  } catch {
    return undefined;
  }
}
