// Viewers of a provisioned dashboard as browsers are: each its own CLI run, so its own SentryClient and scheduler,
// all with the same token. Used by the shared-cache test and bench (bench/sharedCache.ts).

import { main } from '../../cli/main';
import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { repo } from './stack-files';

export const SERVICE_OVERVIEW = repo('src/dashboards/service-overview.json');

export interface ViewerOutcome {
  code: number;
  panels: number;
  /** `title: error` of every panel in error. */
  failed: string[];
  /** Requests this viewer's client sent (retries included). */
  requests: number;
}

export interface ViewerOptions {
  url: string;
  dashboard?: string;
  token?: string;
  /**
   * The viewer's clock. Viewers given the same `now` ask for the same range, so their requests are the same URLs:
   * what snapping the range to the bucket grain gives viewers who load seconds apart.
   */
  now: Date;
}

export interface ViewersOptions extends ViewerOptions {
  /** Viewers open the dashboard this far apart in all, their clocks evenly spread from `now` (0: one clock). */
  spreadMs?: number;
}

export async function runViewer(options: ViewerOptions): Promise<ViewerOutcome> {
  let stdout = '';
  const code = await main(
    ['dashboard', options.dashboard ?? SERVICE_OVERVIEW, '--url', options.url, '--org', 'acme', '--from', 'now-24h'],
    {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      env: { SENTRY_AUTH_TOKEN: options.token ?? DEMO_TOKEN },
      now: () => options.now,
    }
  );
  const result = JSON.parse(stdout) as {
    error?: string;
    panels?: Array<{ title: string; error?: string }>;
    requests?: number;
  };
  if (!result.panels) {
    return { code, panels: 0, failed: [`dashboard: ${result.error}`], requests: result.requests ?? 0 };
  }
  return {
    code,
    panels: result.panels.length,
    failed: result.panels.filter((p) => p.error).map((p) => `${p.title}: ${p.error}`),
    requests: result.requests ?? 0,
  };
}

/** `count` viewers opening the dashboard at once; the wall time is the last one's. */
export async function runViewers(
  count: number,
  { spreadMs = 0, ...options }: ViewersOptions
): Promise<{ outcomes: ViewerOutcome[]; wallMs: number }> {
  const clockOf = (i: number) => new Date(options.now.getTime() + (count > 1 ? (spreadMs * i) / (count - 1) : 0));
  const start = process.hrtime.bigint();
  const outcomes = await Promise.all(
    Array.from({ length: count }, (_, i) => runViewer({ ...options, now: clockOf(i) }))
  );
  return { outcomes, wallMs: Number(process.hrtime.bigint() - start) / 1e6 };
}
