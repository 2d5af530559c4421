import type { FieldIssue } from '../model/dashboard-types';

/** A refused request: the service's message; for a 400, the fields and rules it named; for a 403, the scope the key lacks. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly requiredScope?: string,
  ) {
    super(message);
  }

  /** One line for the screen: the message, then each field and why. */
  describe(): string {
    if (this.requiredScope === 'manage') {
      return 'This secret key can only read: creating, changing or deleting dashboards, widgets, reports and schedules needs a key with the "manage" scope. Ask your Pulse admin for one and sign in with it.';
    }
    if (this.issues.length === 0) return this.message;
    return this.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  }
}

/** Calls a Pulse service with the tenant's secret key as `Authorization: Bearer`, as every query route takes it. */
export class ApiClient {
  constructor(
    private readonly secretKey: string,
    /** '' = the origin the page came from (the dashboards service); the reporting service's base URL otherwise. */
    private readonly baseUrl = '',
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  /** The raw answer, for downloads and streams. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${this.secretKey}`);
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers });
    if (!response.ok) throw await apiErrorOf(response);
    return response;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await this.fetch(path, { ...init, headers: body === undefined ? {} : { 'Content-Type': 'application/json' } });
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

export async function apiErrorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { message?: unknown; issues?: FieldIssue[]; errors?: FieldIssue[]; requiredScope?: unknown };
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? response.statusText);
    const requiredScope = typeof body.requiredScope === 'string' ? body.requiredScope : undefined;
    return new ApiError(response.status, message, body.issues ?? body.errors ?? [], requiredScope);
  } catch {
    return new ApiError(response.status, text || `${response.status} ${response.statusText}`);
  }
}
