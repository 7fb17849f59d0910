/**
 * Starts what the browser specs need: the host bundle (built when stale), the Sentry fake and the test host
 * server that plays Grafana in front of it. The specs read the URLs from the environment set here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { buildHostIfStale } from '../host/build';
import { closedPortUrl, startHostServer } from '../host/server';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dist = path.resolve(__dirname, '../../dist');
  if (!existsSync(path.join(dist, 'module.js'))) {
    throw new Error(
      `The browser tests load the built plugin, and ${dist}/module.js is missing: run \`npm run build\` first.`
    );
  }
  await buildHostIfStale();
  const host = await startHostServer({ port: Number(process.env.SENTRY_LENS_HOST_PORT ?? 0) });
  process.env.SENTRY_LENS_HOST_URL = host.url;
  process.env.SENTRY_LENS_FAKE_URL = host.sentryUrl;
  process.env.SENTRY_LENS_HTML_SITE_URL = host.htmlSiteUrl;
  process.env.SENTRY_LENS_CLOSED_PORT_URL = await closedPortUrl();
  console.log(`test host on ${host.url}, Sentry fake on ${host.sentryUrl}`);
  return () => host.close();
}
