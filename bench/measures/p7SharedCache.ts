/**
 * P7: ten viewers opening the Service overview within 2 s, each its own client as browsers are, one token, against
 * the rate-limited fake: through the shared cache (sentry-cache/, Debian's nginx) and without it, on loopback and
 * with Sentry answering in 0–400 ms. Target with the cache: 0 failed panels and ≤ 1.5× one viewer's requests.
 */
import { formatSharedCache, measureSharedCache, SharedCacheResult } from '../sharedCache';
import { hasNginx, NGINX_BIN } from '../../tests/demo-stack/nginxCache';
import { measure, Measure, round } from './measure';

const summary = (result: SharedCacheResult) => ({
  failedPanels: result.failed,
  sentryRequests: result.sentryRequests,
  oneViewerRequests: result.oneViewerRequests,
  wallRatio: round(result.wallRatio),
  withoutCache: { ...result.withoutCache, wallRatio: round(result.withoutCache.wallRatio) },
});

export async function p7(): Promise<Measure> {
  if (!hasNginx) {
    return measure(
      'P7',
      Number.NaN,
      1.5,
      '≤',
      [`not measured: no nginx at ${NGINX_BIN} (apt-get install nginx)`],
      {},
      false
    );
  }
  const loopback = await measureSharedCache();
  const slow = await measureSharedCache({ latencyMs: 400 });
  const ratio = loopback.sentryRequests / loopback.oneViewerRequests;
  // The lines formatSharedCache writes start with the measure's name; the bench adds it.
  const lines = [loopback, slow]
    .flatMap((r) => formatSharedCache(r).split('\n'))
    .map((l) => l.replace(/^(P7| {4}) {2}/, ''));
  return measure(
    'P7',
    round(ratio),
    1.5,
    '≤',
    [
      ...lines,
      '(nginx looks every 500 ms for an identical request in flight: on loopback that wait is most of the wall time)',
    ],
    { loopback: summary(loopback), latency0to400ms: summary(slow), viewers: loopback.viewers, rounds: loopback.rounds },
    loopback.failed === 0 && slow.failed === 0
  );
}
