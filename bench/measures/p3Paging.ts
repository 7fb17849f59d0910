/**
 * P3: the plugin reading 100 pages by cursor ÷ a bare sequential `fetch` loop over the same pages of the fake, on
 * loopback. Single pairs of runs swing by ±50 % on a shared machine, so the two alternate (ABBA: neither always
 * goes first) until the median ratio is known to within ±3 % (a 95 % interval from the pairs' spread), so a 10 %
 * difference shows, and the median and spread are printed.
 */
import { DEMO_TOKEN } from '../../fake-sentry/handlers';
import { startFakeSentry } from '../../fake-sentry/server';
import { SentryClient } from '../../src/sentry/client';
import { paths } from '../../src/sentry/endpoints';
import { createNodeTransport } from '../../src/sentry/nodeTransport';
import { measure, Measure, median, quantile, round, timeAsync } from './measure';

const PAGES = 100;
const MIN_PAIRS = 12;
const MAX_PAIRS = 60;
const HALF_WIDTH = 0.03;

/** Half the width of a 95 % interval for the median of `ratios`, from their spread (log scale, normal approximation). */
function medianHalfWidth(ratios: number[]): number {
  const logs = ratios.map(Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
  // The median's standard error is √(π/2) times the mean's.
  return Math.expm1((1.96 * 1.2533 * sd) / Math.sqrt(logs.length));
}

export async function p3(): Promise<Measure> {
  const sentry = await startFakeSentry();
  try {
    const url = sentry.url;
    const base = `${url}${paths.issues('acme')}`;
    const now = Date.now();
    const range = `start=${new Date(now - 14 * 86_400_000).toISOString()}&end=${new Date(now).toISOString()}&project=-1&query=`;
    // 321 issues at 3 a page: more than 100 pages, the same pages both ways.
    const bareLoop = () =>
      timeAsync(async () => {
        let cursor: string | undefined;
        for (let page = 0; page < PAGES; page++) {
          const pageUrl = `${base}?${range}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
          const init = { headers: { Authorization: `Bearer ${DEMO_TOKEN}` } };
          // One retry for a reused keep-alive socket the server had just closed, as any client would.
          const response = await fetch(pageUrl, init).catch(() => fetch(pageUrl, init));
          await response.json();
          cursor = /rel="next"; results="true"; cursor="([^"]+)"/.exec(response.headers.get('link') ?? '')?.[1];
        }
      });
    const params = [...new URLSearchParams(range).entries()];
    const pluginLoop = () => {
      const client = new SentryClient({
        transport: createNodeTransport({ baseUrl: url, authToken: DEMO_TOKEN }),
        orgSlug: 'acme',
      });
      return timeAsync(async () => {
        const result = await client.getAllPages(paths.issues('acme'), params, {
          pageSizeParam: 'limit',
          maxPageSize: 3,
          rowBudget: PAGES * 3,
        });
        if (result.rows.length !== PAGES * 3) {
          throw new Error(`P3: the plugin read ${result.rows.length} rows, not ${PAGES * 3}`);
        }
      });
    };
    await bareLoop();
    await pluginLoop();
    const ratios: number[] = [];
    const plugin: number[] = [];
    const bare: number[] = [];
    while (ratios.length < MAX_PAIRS && (ratios.length < MIN_PAIRS || medianHalfWidth(ratios) > HALF_WIDTH)) {
      const pluginFirst = ratios.length % 2 === 0;
      const first = pluginFirst ? await pluginLoop() : await bareLoop();
      const second = pluginFirst ? await bareLoop() : await pluginLoop();
      const [p, b] = pluginFirst ? [first, second] : [second, first];
      plugin.push(p);
      bare.push(b);
      ratios.push(p / b);
    }
    const ratio = median(ratios);
    const halfWidth = medianHalfWidth(ratios);
    const [q1, q3] = [quantile(ratios, 0.25), quantile(ratios, 0.75)];
    return measure(
      'P3',
      round(ratio),
      1.1,
      '≤',
      [
        `${PAGES} pages, ${ratios.length} alternating pairs: plugin ${median(plugin).toFixed(0)} ms ÷ bare fetch loop ${median(bare).toFixed(0)} ms (medians); median of the pairs' ratios ${ratio.toFixed(2)} ± ${halfWidth.toFixed(2)} (95 %), quartiles ${q1.toFixed(2)}–${q3.toFixed(2)}, range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} (target ≤ 1.10)`,
      ],
      {
        pairs: ratios.length,
        halfWidth95: round(halfWidth, 3),
        quartiles: [round(q1), round(q3)],
        pluginMs: round(median(plugin), 1),
        bareMs: round(median(bare), 1),
      }
    );
  } finally {
    await sentry.close();
  }
}
