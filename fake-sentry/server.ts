// node:http wrapper around the fake. Run directly: `npx tsx fake-sentry/server.ts`
// (PORT, HOST, FAKE_SENTRY_MODE, FAKE_SENTRY_REGION_URL, FAKE_SENTRY_SEED, FAKE_SENTRY_BASE_URL,
// FAKE_SENTRY_WEBHOOK_URL and FAKE_SENTRY_WEBHOOK_SECRET; see README.md).

import http from 'node:http';
import { AddressInfo } from 'node:net';

import { createFakeSentry, DEMO_TOKEN, FakeSentry, FakeSentryOptions } from './handlers';
import { DAY } from './scenario';
import { modesFromEnv } from './modes';
import { startWebhooks, webhookTargetFromEnv } from './webhooks';

export interface StartOptions extends FakeSentryOptions {
  port?: number;
  host?: string;
}

export interface RunningFakeSentry {
  url: string;
  fake: FakeSentry;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Start the fake on a loopback port (0 = any free port); the base URL defaults to the bound address. */
export async function startFakeSentry(options: StartOptions = {}): Promise<RunningFakeSentry> {
  const { port = 0, host = '127.0.0.1', ...fakeOptions } = options;
  const fake = createFakeSentry(fakeOptions);
  const server = http.createServer(async (req, res) => {
    try {
      const body = req.method === 'GET' || req.method === 'HEAD' ? '' : await readBody(req);
      const response = await fake.handle({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body,
      });
      if (response.dropConnection) {
        // Chaos: close the socket without any response.
        req.socket.destroy();
        return;
      }
      res.writeHead(response.status, response.headers);
      res.end(req.method === 'HEAD' ? undefined : response.body);
    } catch {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
      }
      res.end(JSON.stringify({ detail: 'Internal Error' }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${displayHost}:${address.port}`;
  if (!fakeOptions.baseUrl) {
    fake.setBaseUrl(url);
  }
  return {
    url,
    fake,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function main(): Promise<void> {
  const env = process.env;
  const running = await startFakeSentry({
    port: Number(env.PORT ?? 3998),
    host: env.HOST ?? '127.0.0.1',
    seed: env.FAKE_SENTRY_SEED ? Number(env.FAKE_SENTRY_SEED) : undefined,
    baseUrl: env.FAKE_SENTRY_BASE_URL,
    modes: modesFromEnv(env),
    // A long-running demo keeps producing data for a day past start-up.
    horizonMs: DAY,
  });
  const { scenario } = running.fake;
  const modes = Object.keys(running.fake.getModes());
  console.log(`Fake Sentry listening on ${running.url}`);
  console.log(`  base URL:   ${running.fake.baseUrl}`);
  console.log(`  org slug:   ${scenario.org.slug}`);
  console.log(`  token:      ${DEMO_TOKEN}`);
  console.log(`  modes:      ${modes.length ? modes.join(', ') : 'none'}`);
  console.log(
    `  burst:      ${scenario.burst.title} (${scenario.burst.shortId}) since ${new Date(scenario.burst.start).toISOString()}`
  );
  const target = webhookTargetFromEnv(env);
  const webhooks = target ? startWebhooks(running.fake, target, Date.now, { log: (line) => console.log(line) }) : null;
  console.log(`  webhooks:   ${target ? `signed, to ${target.url}` : 'off'}`);
  const stop = () => {
    webhooks?.stop();
    running.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
