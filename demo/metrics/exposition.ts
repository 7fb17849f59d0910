// The two text renderings: the Prometheus exposition of a scrape, and the OpenMetrics history for promtool's
// backfill.

import {
  DEMO_ENVIRONMENTS,
  DEMO_SERVICES,
  DemoScenario,
  GroupSnapshot,
  LATENCY_BUCKETS,
  STATUSES,
  toSnapshot,
  Track,
} from './model';

const HELP = {
  requests: 'Requests handled, by release and HTTP status (the fake Sentry scenario: traffic before 10 % sampling).',
  duration: 'Request latency (the fake Sentry scenario: log-normal per transaction, slower during the burst).',
  exceptions: 'Exceptions reported to Sentry (the fake Sentry scenario: baseline error events plus the burst).',
  info: 'The fake Sentry scenario these metrics follow (anchor = its now; the burst starts 6 h before it).',
};

function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`
  );
  return `{${parts.join(',')}}`;
}

function groupLabels(g: Pick<GroupSnapshot, 'service' | 'env' | 'version'>): Record<string, string> {
  return { service: g.service, env: g.env, version: g.version };
}

function formatLe(le: number): string {
  return String(le);
}

function infoLabels(scenario: DemoScenario, origin: number): Record<string, string> {
  return {
    anchor: new Date(scenario.now).toISOString(),
    seed: String(scenario.seed),
    origin: new Date(origin).toISOString(),
    burst_release: scenario.burst.release,
    burst_start: new Date(scenario.burst.start).toISOString(),
  };
}

export function renderExposition(groups: GroupSnapshot[], scenario: DemoScenario, origin: number): string {
  const lines: string[] = [];
  lines.push(`# HELP http_requests_total ${HELP.requests}`, '# TYPE http_requests_total counter');
  for (const g of groups) {
    STATUSES.forEach((status, i) => {
      lines.push(`http_requests_total${labelText({ ...groupLabels(g), status })} ${g.requests[i]}`);
    });
  }
  lines.push(`# HELP http_request_duration_seconds ${HELP.duration}`, '# TYPE http_request_duration_seconds histogram');
  for (const g of groups) {
    const labels = groupLabels(g);
    LATENCY_BUCKETS.forEach((le, b) => {
      lines.push(`http_request_duration_seconds_bucket${labelText({ ...labels, le: formatLe(le) })} ${g.buckets[b]}`);
    });
    lines.push(`http_request_duration_seconds_bucket${labelText({ ...labels, le: '+Inf' })} ${g.count}`);
    lines.push(`http_request_duration_seconds_sum${labelText(labels)} ${g.sum}`);
    lines.push(`http_request_duration_seconds_count${labelText(labels)} ${g.count}`);
  }
  lines.push(`# HELP app_exceptions_total ${HELP.exceptions}`, '# TYPE app_exceptions_total counter');
  for (const g of groups) {
    lines.push(`app_exceptions_total${labelText(groupLabels(g))} ${g.exceptions}`);
  }
  lines.push(`# HELP demo_scenario_info ${HELP.info}`, '# TYPE demo_scenario_info gauge');
  lines.push(`demo_scenario_info${labelText(infoLabels(scenario, origin))} 1`);
  return lines.join('\n') + '\n';
}

interface HistorySeries {
  labels: Record<string, string>;
  /** Seconds since the epoch. */
  times: number[];
  points: GroupSnapshot[];
}

/**
 * OpenMetrics (what `promtool tsdb create-blocks-from openmetrics` reads): metric families one after the other,
 * each series' points in time order, timestamps in seconds, `# EOF` at the end.
 */
export function* renderHistory(
  scenario: DemoScenario,
  origin: number,
  noise: boolean,
  end: number,
  stepMs: number,
  extraLabels: Record<string, string>
): Generator<string> {
  if (!(stepMs >= 1000)) {
    throw new Error('history step must be at least 1 s');
  }
  // A fresh model, so the live one keeps its own position.
  const series: HistorySeries[] = [];
  for (const service of DEMO_SERVICES) {
    for (const env of DEMO_ENVIRONMENTS) {
      const track = new Track(scenario, service, env, origin, noise);
      let current: HistorySeries | undefined;
      for (let t = Math.ceil(origin / stepMs) * stepMs; t <= end; t += stepMs) {
        const point = toSnapshot(track, track.valueAt(t));
        if (!current || current.labels.version !== point.version) {
          current = { labels: { ...groupLabels(point), ...extraLabels }, times: [], points: [] };
          series.push(current);
        }
        current.times.push(t / 1000);
        current.points.push(point);
      }
    }
  }
  const chunk: string[] = [];
  const flush = () => {
    const text = chunk.join('');
    chunk.length = 0;
    return text;
  };
  yield `# HELP http_requests ${HELP.requests}\n# TYPE http_requests counter\n`;
  for (const s of series) {
    for (const [i, status] of STATUSES.entries()) {
      const name = `http_requests_total${labelText({ ...s.labels, status })}`;
      s.points.forEach((p, k) => chunk.push(`${name} ${p.requests[i]} ${s.times[k]}\n`));
      yield flush();
    }
  }
  yield `# HELP http_request_duration_seconds ${HELP.duration}\n# TYPE http_request_duration_seconds histogram\n`;
  for (const s of series) {
    const labels = labelText(s.labels);
    const bucketNames = [...LATENCY_BUCKETS.map(formatLe), '+Inf'].map(
      (le) => `http_request_duration_seconds_bucket${labelText({ ...s.labels, le })}`
    );
    s.points.forEach((p, k) => {
      const ts = s.times[k];
      p.buckets.forEach((count, b) => chunk.push(`${bucketNames[b]} ${count} ${ts}\n`));
      chunk.push(`${bucketNames[LATENCY_BUCKETS.length]} ${p.count} ${ts}\n`);
      chunk.push(`http_request_duration_seconds_count${labels} ${p.count} ${ts}\n`);
      chunk.push(`http_request_duration_seconds_sum${labels} ${p.sum} ${ts}\n`);
    });
    yield flush();
  }
  yield `# HELP app_exceptions ${HELP.exceptions}\n# TYPE app_exceptions counter\n`;
  for (const s of series) {
    const name = `app_exceptions_total${labelText(s.labels)}`;
    s.points.forEach((p, k) => chunk.push(`${name} ${p.exceptions} ${s.times[k]}\n`));
    yield flush();
  }
  yield '# EOF\n';
}
