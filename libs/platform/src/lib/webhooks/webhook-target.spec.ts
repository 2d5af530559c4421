import { pointsAtService, type ServiceAddress } from './webhook-target';

const direct: ServiceAddress = { hostHeader: '127.0.0.1:3003', localAddress: '127.0.0.1', localPort: 3003 };
const behindGateway: ServiceAddress = { hostHeader: 'pulse.example.com', localAddress: '10.0.3.7', localPort: 3003 };
const points = (url: string, service: ServiceAddress) => pointsAtService(new URL(url), service);

describe('pointsAtService', () => {
  it('catches the host and port the request came through', () => {
    expect(points('http://127.0.0.1:3003/v1/alerts', direct)).toBe(true);
    expect(points('https://pulse.example.com/hook', behindGateway)).toBe(true);
    expect(points('https://PULSE.example.com:443/hook', behindGateway)).toBe(true);
  });

  it('catches this machine’s own names on the port the service listens on', () => {
    for (const url of [
      'http://localhost:3003/x',
      'http://127.0.0.2:3003/x',
      'http://[::1]:3003/x',
      'http://0.0.0.0:3003/x',
      'http://10.0.3.7:3003/x',
    ]) {
      expect(points(url, behindGateway)).toBe(true);
    }
  });

  it('lets another port of the same machine through (another service, a local receiver)', () => {
    expect(points('http://127.0.0.1:9999/hook', direct)).toBe(false);
    expect(points('http://localhost:3001/hook', direct)).toBe(false);
  });

  it('lets other hosts through, also on the same port', () => {
    expect(points('https://hooks.example.com/pulse', behindGateway)).toBe(false);
    expect(points('http://receiver.internal:3003/hook', direct)).toBe(false);
  });

  it('reads a URL without a port as 80 or 443', () => {
    expect(points('http://pulse.example.com/hook', { hostHeader: 'pulse.example.com:80', localAddress: undefined, localPort: undefined })).toBe(true);
    expect(points('https://pulse.example.com/hook', { hostHeader: 'pulse.example.com:80', localAddress: undefined, localPort: undefined })).toBe(
      false,
    );
  });
});
