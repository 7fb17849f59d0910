// Shapes the bridge exchanges: Alertmanager's API v2 alerts and the durable state.

/** An alert as Alertmanager's `POST /api/v2/alerts` takes it. */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface BridgeState {
  version: 1;
  /** Alerts that fire until an end arrives, by key (their label set). */
  firing: Record<string, PostableAlert>;
  /** Posts Alertmanager has not acknowledged yet, by key; a later post of the same alert replaces an earlier one. */
  outbox: Record<string, PostableAlert>;
  /** Sentry issues resolved or archived (ms): an alert from an event before that is stale. */
  resolvedIssues: Record<string, number>;
}

export function emptyState(): BridgeState {
  return { version: 1, firing: {}, outbox: {}, resolvedIssues: {} };
}

/** One alert's identity in Alertmanager: its label set, in a canonical order. */
export function alertKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((name) => [name, labels[name]])
  );
}
