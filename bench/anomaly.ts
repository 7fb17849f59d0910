/**
 * `npm run bench:anomaly`: the anomaly band's false-flag rate on the Sentry fake's quiet series and its hit rate
 * on the error burst, over 7 days, per bucket size and baseline (definitions in anomalyRates.ts). ANOMALY_K=…
 * measures another k.
 */
import { DEFAULT_BURST_FACTOR, measureAnomalyBand, percent, rates } from './anomalyRates';

const MINUTE = 60_000;

function intervalText(ms: number): string {
  return ms % (60 * MINUTE) === 0 ? `${ms / (60 * MINUTE)}h` : `${ms / MINUTE}m`;
}

async function run() {
  const k = process.env.ANOMALY_K ? Number(process.env.ANOMALY_K) : undefined;
  const runs = await measureAnomalyBand({ intervalsMs: [10 * MINUTE, 15 * MINUTE, 60 * MINUTE], k });
  console.log(
    `A1  anomaly band (k ${k ?? 'default'}) on count() of errors, 12 series (4 projects × all envs, production, staging), the 7 days before the fake's fixed now`
  );
  for (const run of runs) {
    const r = rates(run);
    const label = `${intervalText(run.intervalMs)} vs ${run.baseline}`.padEnd(19);
    const weaker = [3, 2].map((f) => `≥ ${f}×: ${percent(rates(run, f).burst)}`).join(', ');
    console.log(
      `A1  ${label} false flags ${percent(r.quiet)} (target ≤ 1 %); burst hits ${percent(r.burst)} (target all); ` +
        `hits on buckets ${weaker}`
    );
    if (r.falseFlags.length) {
      console.log(`      false flags in ${r.falseFlags.map((f) => `${f.series} ${f.flagged}`).join(', ')}`);
    }
    if (r.missed.length) {
      const missed = r.missed.map((b) => `${b.series} ${new Date(b.start).toISOString().slice(5, 16)}`);
      console.log(`      missed burst buckets: ${missed.join(', ')}`);
    }
  }
  console.log(
    `A1  quiet: no burst errors in the model's bucket; burst: the model's rate ≥ ${DEFAULT_BURST_FACTOR}× its rate without the burst`
  );
}

run().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
