/** `npm run chaos [count]`: the full chaos run (default 1,000 queries); exits 1 if any row is lost or wrong. */
import { formatSummary, runChaos } from '../tests/support/chaosRun';

const count = Number(process.argv[2] ?? 1000);
runChaos(Number.isInteger(count) && count > 0 ? count : 1000).then((summary) => {
  console.log(formatSummary(summary));
  const kinds = new Map<string, number>();
  for (const message of summary.errors) {
    kinds.set(message, (kinds.get(message) ?? 0) + 1);
  }
  for (const [message, n] of kinds) {
    console.log(`  ${n} × ${message}`);
  }
  process.exitCode = summary.wrong || summary.lostRows || summary.duplicatedRows ? 1 : 0;
});
