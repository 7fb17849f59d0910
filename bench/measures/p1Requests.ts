/**
 * P1: Sentry requests for one load of the Service overview ÷ the distinct resources they read, both counted from
 * the fake's request log (what reached Sentry, not what the client thinks it sent); then a warm reload through the
 * same client 5 s later, within the metadata cache's lifetime, must read no metadata again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { loadDashboard } from '../../cli/loadDashboard';
import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { startFakeSentry } from '../../fake-sentry/server';
import { SentryClient } from '../../src/sentry/client';
import { createNodeTransport } from '../../src/sentry/nodeTransport';
import { measure, Measure, round } from './measure';

const DASHBOARD = path.resolve(__dirname, '../../src/dashboards/service-overview.json');
const VARIABLES = { service: ['checkout-api'], env: ['production'] };
/** Reads that describe the organisation rather than a panel's data: the plugin keeps them for METADATA_TTL_MS. */
const METADATA = /\/(projects|teams|environments|members|tags)\/(\?|$)|\/organizations\/[^/]+\/(\?|$)/;

const pathOf = (url: string) => url.split('?')[0];

export async function p1(): Promise<Measure> {
  const sentry = await startFakeSentry();
  try {
    const client = new SentryClient({
      transport: createNodeTransport({ baseUrl: sentry.url, authToken: DEMO_TOKEN }),
      orgSlug: 'acme',
    });
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
    const loadAt = async (now: number) => {
      const range = { from: new Date(now - 24 * 3600_000), to: new Date(now) };
      const load = await loadDashboard(client, dashboard, { range, maxDataPoints: 1000, relative: true }, VARIABLES);
      return load.panels.filter((panel) => 'error' in panel).length;
    };
    const now = Date.now();
    const failedCold = await loadAt(now);
    const cold = sentry.fake.requestLog.map((entry) => entry.url);
    const distinct = new Set(cold).size;
    const failedWarm = await loadAt(now + 5_000);
    const warm = sentry.fake.requestLog.slice(cold.length).map((entry) => entry.url);
    const metadata = (urls: string[]) => urls.filter((url) => METADATA.test(pathOf(url)));
    const ratio = cold.length / distinct;
    return measure(
      'P1',
      round(ratio),
      1.0,
      '≤',
      [
        `Service overview, one load: ${cold.length} requests reached Sentry for ${distinct} distinct resources → ratio ${ratio.toFixed(2)} (target ≤ 1.0); ${metadata(cold).length} of them metadata (${[...new Set(metadata(cold).map(pathOf))].join(', ')})`,
        `  warm reload 5 s later through the same client: ${warm.length} requests, ${metadata(warm).length} metadata (target 0); failed panels ${failedCold} + ${failedWarm}`,
      ],
      {
        requests: cold.length,
        distinctResources: distinct,
        warmReloadRequests: warm.length,
        warmReloadMetadataRequests: metadata(warm).length,
        failedPanels: failedCold + failedWarm,
      },
      metadata(warm).length === 0 && failedCold + failedWarm === 0
    );
  } finally {
    await sentry.close();
  }
}
