// Signed integration webhooks from the fake, as a Sentry internal integration sends them (README "Alert bridge"):
// the scenario's alert rules fire (`event_alert`, `metric_alert`) and issue status changes are told (`issue`).
// Started by server.ts when FAKE_SENTRY_WEBHOOK_URL and FAKE_SENTRY_WEBHOOK_SECRET are set.

import { createHmac, randomUUID } from 'node:crypto';

import { FakeSentry } from './handlers';
import { IssueChange, onIssueChange } from './ingest';
import { countErrors, ErrorEvent, eventTags, HOUR, Issue, MINUTE, Scenario, sliceByTime } from './scenario';

export interface WebhookTarget {
  url: string;
  /** The integration's client secret: the key of Sentry-Hook-Signature. */
  secret: string;
}

export interface WebhookOptions {
  /** How often the metric alert rule is evaluated. */
  evaluateEveryMs?: number;
  /** Retries of a delivery the receiver did not take (Sentry gives up too). */
  attempts?: number;
  retryDelayMs?: number;
  log?: (line: string) => void;
}

/** The scenario's issue alert rule: fires for the error burst after checkout-api's bad release. */
export const ISSUE_ALERT_RULE = 'Checkout errors after deploy';
/** The scenario's metric alert rule: checkout-api's production errors per hour (usually about 19 once the burst has passed). */
export const METRIC_ALERT_RULE = { id: '7', identifier: '3', name: 'Checkout error burst', critical: 35, warning: 28 };

export function signature(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function eventPayload(fake: FakeSentry, issue: Issue, event: ErrorEvent): Record<string, unknown> {
  const { baseUrl, scenario } = fake;
  const org = scenario.org.slug;
  return {
    event_id: event.eventId,
    project: Number(issue.project.id),
    issue_id: issue.id,
    title: issue.title,
    culprit: issue.culprit,
    level: event.level,
    environment: event.environment,
    release: event.release || null,
    datetime: iso(event.ts),
    platform: issue.project.platform,
    tags: eventTags(event),
    url: `${baseUrl}/api/0/projects/${org}/${issue.project.slug}/events/${event.eventId}/`,
    web_url: `${baseUrl}/organizations/${org}/issues/${issue.id}/events/${event.eventId}/`,
    issue_url: `${baseUrl}/api/0/issues/${issue.id}/`,
  };
}

function issuePayload(fake: FakeSentry, issue: Issue): Record<string, unknown> {
  return {
    id: issue.id,
    shortId: issue.shortId,
    title: issue.title,
    culprit: issue.culprit,
    level: issue.level,
    status: issue.status,
    substatus: issue.substatus,
    statusDetails: issue.statusDetails,
    project: { id: issue.project.id, slug: issue.project.slug, name: issue.project.name },
    permalink: `${fake.baseUrl}/organizations/${fake.scenario.org.slug}/issues/${issue.id}/`,
  };
}

const ISSUE_ACTIONS: Record<IssueChange, string> = {
  created: 'created',
  resolved: 'resolved',
  unresolved: 'unresolved',
  ignored: 'archived',
};

export interface RunningWebhooks {
  /** Deliveries made so far (resource, action, HTTP status or 0). */
  deliveries: Array<{ resource: string; action: string; status: number }>;
  /** Evaluate the alert rules now (also done on start and every evaluateEveryMs). */
  evaluate(): Promise<void>;
  stop(): void;
}

export function startWebhooks(
  fake: FakeSentry,
  target: WebhookTarget,
  clock: () => number = Date.now,
  options: WebhookOptions = {}
): RunningWebhooks {
  const { evaluateEveryMs = MINUTE, attempts = 5, retryDelayMs = 2000, log = () => {} } = options;
  const deliveries: RunningWebhooks['deliveries'] = [];
  const scenario: Scenario = fake.scenario;
  let stopped = false;
  let metricState: 'critical' | 'warning' | 'resolved' = 'resolved';
  let issueAlertSent = false;

  async function deliver(resource: string, action: string, data: Record<string, unknown>): Promise<boolean> {
    const body = JSON.stringify({
      action,
      installation: { uuid: '5e17a1e7-0000-4000-8000-00000000f4ce' },
      data,
      actor: { type: 'application', id: 'sentry', name: 'Sentry' },
    });
    for (let attempt = 1; attempt <= attempts && !stopped; attempt++) {
      let status = 0;
      try {
        const response = await fetch(target.url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Request-ID': randomUUID(),
            'Sentry-Hook-Resource': resource,
            'Sentry-Hook-Timestamp': String(Math.floor(clock() / 1000)),
            'Sentry-Hook-Signature': signature(body, target.secret),
          },
          body,
          signal: AbortSignal.timeout(5000),
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0;
      }
      deliveries.push({ resource, action, status });
      if (status >= 200 && status < 300) {
        return true;
      }
      log(`webhook ${resource}/${action}: ${status || 'unreachable'} (attempt ${attempt} of ${attempts})`);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    }
    return false;
  }

  let evaluating: Promise<void> | null = null;
  const evaluate = (): Promise<void> => (evaluating ??= evaluateRules().finally(() => (evaluating = null)));

  async function evaluateRules(): Promise<void> {
    const now = clock();
    const burst = scenario.issues.find((issue) => issue.id === scenario.burst.issueId);
    if (!issueAlertSent && burst && burst.status === 'unresolved') {
      const [latest] = sliceByTime(burst.events, now - HOUR, now + 1).slice(-1);
      if (latest) {
        issueAlertSent = true;
        const data = {
          event: eventPayload(fake, burst, latest),
          triggered_rule: ISSUE_ALERT_RULE,
          issue_alert: { title: ISSUE_ALERT_RULE, settings: [] },
        };
        issueAlertSent = await deliver('event_alert', 'triggered', data);
      }
    }
    const rule = METRIC_ALERT_RULE;
    const errors = countErrors(scenario, {
      project: scenario.burst.project,
      environment: 'production',
      start: now - HOUR,
      end: now + 1,
    });
    const next = errors >= rule.critical ? 'critical' : errors >= rule.warning ? 'warning' : 'resolved';
    if (next !== metricState) {
      const previous = metricState;
      metricState = next;
      const title = next === 'resolved' ? 'Resolved' : next === 'critical' ? 'Critical' : 'Warning';
      const data = {
        description_title: `${title}: ${rule.name}`,
        description_text: `${errors} events in the last 60 minutes\nFilter: environment:production`,
        metric_alert: {
          id: rule.identifier,
          identifier: rule.identifier,
          title: rule.name,
          date_started: iso(now),
          projects: [scenario.burst.project],
          alert_rule: {
            id: rule.id,
            name: rule.name,
            aggregate: 'count()',
            dataset: 'events',
            environment: 'production',
            projects: [scenario.burst.project],
            time_window: 60,
            triggers: [
              { label: 'critical', alert_threshold: rule.critical },
              { label: 'warning', alert_threshold: rule.warning },
            ],
          },
        },
        web_url: `${fake.baseUrl}/organizations/${scenario.org.slug}/alerts/rules/details/${rule.id}/`,
      };
      if (!(await deliver('metric_alert', next, data))) {
        metricState = previous;
      }
    }
  }

  const unsubscribe = onIssueChange(scenario, (issue, change) => {
    void deliver('issue', ISSUE_ACTIONS[change], { issue: issuePayload(fake, issue) });
  });
  const timer = setInterval(() => void evaluate(), evaluateEveryMs);
  timer.unref();
  void evaluate();
  return {
    deliveries,
    evaluate,
    stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
    },
  };
}

/** FAKE_SENTRY_WEBHOOK_URL and FAKE_SENTRY_WEBHOOK_SECRET, when both are set. */
export function webhookTargetFromEnv(env: NodeJS.ProcessEnv): WebhookTarget | null {
  const url = env.FAKE_SENTRY_WEBHOOK_URL?.trim();
  const secret = env.FAKE_SENTRY_WEBHOOK_SECRET?.trim();
  return url && secret ? { url, secret } : null;
}
