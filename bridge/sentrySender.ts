// Requests to Sentry: envelopes to the DSN's ingestion endpoint, and the issue search and bulk update that resolve
// an alert's issue (SENTRY_URL, SENTRY_ORG and a SENTRY_AUTH_TOKEN with event:write).

import { Dsn, envelopeFor, fingerprintQuery, SentryApi } from './alertmanagerToSentry';
import { BridgeMetrics } from './metrics';

export class SentrySender {
  constructor(
    private readonly metrics: BridgeMetrics,
    private readonly timeoutMs: number
  ) {}

  private async request(url: string, init: RequestInit, what: string): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      this.metrics.forwards.inc({ target: 'sentry', outcome: 'unreachable' });
      throw new Error(`${what}: Sentry unreachable (${(error as Error).message})`);
    }
    this.metrics.forwards.inc({ target: 'sentry', outcome: response.ok ? 'success' : `http_${response.status}` });
    if (!response.ok) {
      await response.arrayBuffer();
      throw new Error(`${what}: Sentry answered ${response.status}`);
    }
    return response;
  }

  async sendEvent(dsn: Dsn, event: Record<string, unknown>): Promise<void> {
    const envelope = envelopeFor(dsn, event);
    const response = await this.request(
      dsn.envelopeUrl,
      { method: 'POST', headers: envelope.headers, body: envelope.body },
      'envelope'
    );
    await response.arrayBuffer();
  }

  /** Resolves the unresolved issues tagged with this fingerprint in the DSN's project; returns how many. */
  async resolveIssues(api: SentryApi, projectId: string, fingerprint: string): Promise<number> {
    const org = encodeURIComponent(api.org);
    const auth = { Authorization: `Bearer ${api.token}` };
    const search = new URLSearchParams({
      project: projectId,
      query: `is:unresolved ${fingerprintQuery(fingerprint)}`,
      statsPeriod: '14d',
      limit: '25',
    });
    const found = await this.request(
      `${api.url}/api/0/organizations/${org}/issues/?${search}`,
      { headers: auth },
      'issue search'
    );
    const issues = (await found.json()) as Array<{ id?: unknown }>;
    const ids = Array.isArray(issues) ? issues.map((issue) => String(issue.id ?? '')).filter(Boolean) : [];
    if (ids.length === 0) {
      return 0;
    }
    // Ids always given: without them Sentry's bulk update applies to every issue the query matches.
    const target = new URLSearchParams(ids.map((id) => ['id', id]));
    target.set('project', projectId);
    const updated = await this.request(
      `${api.url}/api/0/organizations/${org}/issues/?${target}`,
      {
        method: 'PUT',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: 'resolved' }),
      },
      'issue update'
    );
    await updated.arrayBuffer();
    return ids.length;
  }
}
