// `npm run bridge`: the alert bridge configured by the environment (README "Alert bridge"). Once listening it prints
// one JSON line, {"url": "http://127.0.0.1:<port>"}, on stdout; everything else goes to stderr.

import { startBridge } from './app';
import { configFromEnv } from './config';

async function main(): Promise<void> {
  const config = configFromEnv();
  const bridge = await startBridge(config, (line) => console.error(`bridge: ${line}`));
  process.stdout.write(`${JSON.stringify({ url: bridge.url })}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    bridge.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`bridge: ${(error as Error).message}`);
  process.exit(1);
});
