/**
 * `sentry-lens` CLI over the Sentry core: check a connection, run a saved query, or run every query of a
 * dashboard. JSON on stdout; exit 0 ok, 1 Sentry or query error, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';

import { SentryClient } from '../src/sentry/client';
import { DEFAULT_SENTRY_URL } from '../src/sentry/constants';
import { checkConnection } from '../src/sentry/health';
import { createNodeTransport } from '../src/sentry/nodeTransport';
import { runSavedQuery } from '../src/sentry/run';
import {
  Checked,
  checkMaxConcurrentRequests,
  checkMaxResponseMB,
  checkOrgSlug,
  checkRowBudget,
  checkSentryUrl,
  maxResponseBytes,
} from '../src/sentry/settings';
import type { Dashboard } from './dashboard';
import { serializeFrame } from './frames';
import { parseTime } from './time';
import { loadDashboard } from './loadDashboard';

export const USAGE = `Usage:
  cli check     --url URL --org SLUG
  cli query     --url URL --org SLUG --from FROM --to TO --query 'JSON'
  cli dashboard FILE --url URL --org SLUG --from FROM --to TO [--var name=value …]

The token is read from SENTRY_AUTH_TOKEN. --url defaults to SENTRY_URL or ${DEFAULT_SENTRY_URL}; --org to SENTRY_ORG.
FROM/TO: ISO-8601, now, now-6h, now-7d (default now-24h / now).
Options: --max-concurrent N, --row-budget N, --max-response-mb N (default 32), --interval-ms N,
  --max-data-points N (default 1000).
Exit: 0 ok, 1 Sentry or query error, 2 usage error.`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  fetchImpl?: typeof fetch;
  now?: () => Date;
}

class UsageError extends Error {}

const DEFAULT_MAX_DATA_POINTS = 1000;

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stdout(JSON.stringify({ error: message }) + '\n');
    return 1;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        org: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        query: { type: 'string' },
        'max-concurrent': { type: 'string' },
        'row-budget': { type: 'string' },
        'max-response-mb': { type: 'string' },
        'interval-ms': { type: 'string' },
        'max-data-points': { type: 'string' },
        var: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    if (values.help) {
      io.stdout(USAGE + '\n');
      return 0;
    }
    throw new UsageError('Missing command.');
  }
  if (!['check', 'query', 'dashboard'].includes(command)) {
    throw new UsageError(`Unknown command "${command}".`);
  }
  // The same checks as the data source's settings editor.
  const url = setting('--url', checkSentryUrl(values.url ?? io.env.SENTRY_URL ?? DEFAULT_SENTRY_URL));
  const orgText = values.org ?? io.env.SENTRY_ORG;
  if (!orgText) {
    throw new UsageError('Missing --org (or SENTRY_ORG).');
  }
  const org = setting('--org', checkOrgSlug(orgText)) ?? orgText;
  const token = io.env.SENTRY_AUTH_TOKEN;
  if (!token) {
    throw new UsageError('Set SENTRY_AUTH_TOKEN to a Sentry auth token.');
  }
  const client = new SentryClient({
    transport: createNodeTransport({
      baseUrl: url,
      authToken: token,
      fetchImpl: io.fetchImpl,
      userAgent: 'sentry-lens-cli',
    }),
    orgSlug: org,
    maxConcurrentRequests: setting('--max-concurrent', checkMaxConcurrentRequests(values['max-concurrent'] ?? '')),
    rowBudget: setting('--row-budget', checkRowBudget(values['row-budget'] ?? '')),
    maxResponseBytes: maxResponseBytes(
      setting('--max-response-mb', checkMaxResponseMB(values['max-response-mb'] ?? ''))
    ),
  });
  const print = (value: unknown) => io.stdout(JSON.stringify(value) + '\n');

  if (command === 'check') {
    const result = await checkConnection(client, url);
    print({ ...result, requests: client.stats.sent });
    return result.ok ? 0 : 1;
  }

  const now = io.now?.() ?? new Date();
  const range = { from: timeArg(values.from ?? 'now-24h', now), to: timeArg(values.to ?? 'now', now) };
  if (range.from.getTime() >= range.to.getTime()) {
    throw new UsageError('--from must be before --to.');
  }
  const context = {
    range,
    intervalMs: optionalInt(values['interval-ms'], '--interval-ms'),
    // A typical panel's width in points; Grafana sends one with every query.
    maxDataPoints: optionalInt(values['max-data-points'], '--max-data-points') ?? DEFAULT_MAX_DATA_POINTS,
  };

  if (command === 'query') {
    if (!values.query) {
      throw new UsageError('Missing --query JSON.');
    }
    const query = parseQuery(values.query);
    const outcome = await runSavedQuery(client, query, context);
    if (outcome.error) {
      print({ error: outcome.error.message, kind: outcome.error.kind, requests: client.stats.sent });
      return 1;
    }
    print({ frames: outcome.frames.map(serializeFrame), requests: client.stats.sent });
    return 0;
  }

  const file = rest[0];
  if (!file) {
    throw new UsageError('Missing dashboard FILE.');
  }
  let dashboard: Dashboard;
  try {
    const json = JSON.parse(await readFile(file, 'utf8'));
    // Accept both a bare dashboard and the API's {dashboard: …} envelope.
    dashboard = json.dashboard ?? json;
  } catch (error) {
    throw new UsageError(`Cannot read dashboard ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { panels, variables: loaded } = await loadDashboard(client, dashboard, context, parseVars(values.var ?? []));
  print({ panels, variables: loaded, requests: client.stats.sent });
  return panels.some((p) => 'error' in p) ? 1 : 0;
}

/** `--var name=value`, repeatable; a repeated name makes a multi-value variable. */
function parseVars(pairs: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new UsageError(`--var takes name=value, got "${pair}".`);
    }
    (out[pair.slice(0, eq)] ??= []).push(pair.slice(eq + 1));
  }
  return out;
}

function parseQuery(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--query is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError('--query must be a JSON object, as a dashboard saves it (e.g. {"queryType":"issues"}).');
  }
  return { refId: 'A', ...(value as object) };
}

/** A setting's checked value, or a usage error naming the flag. */
function setting<T>(flag: string, checked: Checked<T>): T {
  if (checked.error !== undefined) {
    throw new UsageError(`${flag}: ${checked.error}.`);
  }
  return checked.value;
}

function timeArg(text: string, now: Date): Date {
  try {
    return parseTime(text, now);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function optionalInt(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) {
    throw new UsageError(`${flag} must be a positive integer, got "${text}".`);
  }
  return n;
}
