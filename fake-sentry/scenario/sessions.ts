// Release-health sessions: per hour × project × environment, split between the newest deployed release (as it is
// adopted) and the one before; the bad release crashes and errors more during the burst.

import { deriveRng, poisson } from '../prng';
import { BURST_RELEASE, HOUR } from './content';
import { burstShape, trafficFactor } from './traffic-model';
import type { Project, Release, SessionRow } from './types';
import { USER_POOLS } from './users';

// Local bindings: global look-ups are slow inside vm contexts (Jest), and generation runs them ~1M times.
const { floor, round, min, max, pow } = Math;

export function buildSessions(
  seed: number,
  historyStart: number,
  dataEnd: number,
  projects: Project[],
  releases: Release[],
  burstStart: number
): SessionRow[] {
  const rng = deriveRng(seed, 'sessions');
  const rows: SessionRow[] = [];
  for (let hour = historyStart; hour < dataEnd; hour += HOUR) {
    const hourEnd = min(hour + HOUR, dataEnd);
    const mid = hour + (hourEnd - hour) / 2;
    const factor = trafficFactor(mid) * ((hourEnd - hour) / HOUR);
    for (const project of projects) {
      const pool = USER_POOLS[project.slug];
      for (const env of ['production', 'staging'] as const) {
        const total = poisson(rng, project.sessionsPerHour[env] * factor);
        if (total === 0) {
          continue;
        }
        // Adoption: the newest deployed release takes over with a half-life of adoptionHours.
        const deployed = releases
          .filter((r) => r.project === project)
          .map((r) => ({
            version: r.version,
            at: max(
              -Infinity,
              ...r.deploys.filter((d) => d.environment === env && d.dateFinished <= mid).map((d) => d.dateFinished)
            ),
          }))
          .filter((r) => r.at > -Infinity)
          .sort((a, b) => b.at - a.at);
        if (deployed.length === 0) {
          continue;
        }
        const newest = deployed[0];
        const newShare = deployed.length === 1 ? 1 : 1 - pow(2, -(mid - newest.at) / (project.adoptionHours * HOUR));
        const split: Array<[string, number]> = [[newest.version, round(total * newShare)]];
        if (deployed.length > 1) {
          split.push([deployed[1].version, total - split[0][1]]);
        }
        for (const [version, count] of split) {
          if (count <= 0) {
            continue;
          }
          const bad = version === BURST_RELEASE && env === 'production' ? burstShape(burstStart, mid) : 0;
          const crashed = min(count, poisson(rng, count * (project.crashRate + 0.05 * bad)));
          const errored = min(count - crashed, poisson(rng, count * (project.erroredRate + 0.12 * bad)));
          const abnormal = min(count - crashed - errored, poisson(rng, count * 0.0004));
          const users = max(1, round(count * 0.55));
          const crashedUsers = min(users, round(crashed * 0.95));
          const erroredUsers = min(users - crashedUsers, round(errored * 0.9));
          const abnormalUsers = min(users - crashedUsers - erroredUsers, abnormal);
          rows.push({
            hour,
            project,
            release: version,
            environment: env,
            healthy: count - crashed - errored - abnormal,
            errored,
            crashed,
            abnormal,
            userStart: floor(rng() * pool.size),
            users,
            crashedUsers,
            erroredUsers,
            abnormalUsers,
          });
        }
      }
    }
  }
  return rows;
}
