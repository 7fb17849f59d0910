// Alertmanager's webhook_config notification (version 4), as Alertmanager posts it to a receiver.

export interface NotificationAlertOptions {
  status?: 'firing' | 'resolved';
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  fingerprint?: string;
}

export function notification(alerts: NotificationAlertOptions[], receiver = 'sentry'): Record<string, unknown> {
  const built = alerts.map((alert) => ({
    status: alert.status ?? 'firing',
    labels: alert.labels ?? {
      alertname: 'CheckoutErrorBurst',
      severity: 'critical',
      service: 'checkout-api',
      env: 'production',
      version: 'checkout-api@2.4.1',
    },
    annotations: alert.annotations ?? {
      summary: 'checkout-api answers 5xx to 12 % of requests',
      runbook_url: 'https://runbooks.acme.example/checkout-5xx',
    },
    startsAt: '2026-05-20T12:00:00Z',
    endsAt: alert.status === 'resolved' ? '2026-05-20T12:30:00Z' : '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus:9090/graph?g0.expr=checkout_error_ratio+%3E+0.05',
    fingerprint: alert.fingerprint ?? 'b7d1c0e4f2a39856',
  }));
  return {
    version: '4',
    groupKey: '{}:{alertname="CheckoutErrorBurst"}',
    truncatedAlerts: 0,
    status: built.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    receiver,
    groupLabels: { alertname: 'CheckoutErrorBurst' },
    commonLabels: built[0]?.labels ?? {},
    commonAnnotations: built[0]?.annotations ?? {},
    externalURL: 'http://alertmanager:9093',
    alerts: built,
  };
}

export async function postNotification(
  bridgeUrl: string,
  body: unknown,
  headers: Record<string, string> = {}
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${bridgeUrl}/alertmanager`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'Alertmanager/0.25.0', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
