/** @jest-environment node */

import {
  BURST_RELEASE,
  buildScenario,
  countErrors,
  defaultNow,
  errorRatePerHour,
  errorsPerHour,
  expectedErrorsPerHour,
  expectedFailureRate,
  HOUR,
  MINUTE,
  releaseAt,
} from './scenario';
import { FIXED_NOW, get, makeFake, ORG_PATH, SEED } from './test-helpers';

const scenario = buildScenario({ seed: SEED, now: FIXED_NOW });

describe('scenario shape', () => {
  test('org, projects, teams and environments are the documented ones', () => {
    expect(scenario.org).toMatchObject({ id: '1001', slug: 'acme', name: 'Acme Corp' });
    expect(scenario.projects.map((p) => [p.id, p.slug, p.platform])).toEqual([
      ['4501234', 'checkout-api', 'node'],
      ['4501235', 'web-frontend', 'javascript'],
      ['4501236', 'payments-worker', 'python'],
      ['4501237', 'mobile-app', 'react-native'],
    ]);
    expect(scenario.teams.map((t) => t.slug)).toEqual(['payments', 'frontend', 'platform', 'mobile']);
    expect(scenario.environments.map((e) => [e.name, e.isHidden])).toEqual([
      ['production', false],
      ['staging', false],
      ['development', true],
    ]);
  });

  test('volumes: 300+ issues with a long tail, 20k–100k events', () => {
    expect(scenario.issues.length).toBeGreaterThanOrEqual(300);
    const total = scenario.errors.length + scenario.transactions.length;
    expect(total).toBeGreaterThan(20_000);
    expect(total).toBeLessThan(100_000);
    const counts = scenario.issues.map((i) => i.events.length).sort((a, b) => a - b);
    // Most issues are low-volume; a few heavy hitters dominate.
    expect(counts[Math.floor(counts.length / 2)]).toBeLessThan(60);
    expect(counts[counts.length - 1]).toBeGreaterThan(500);
    expect(counts[0]).toBeGreaterThanOrEqual(1);
    const unique = new Set(scenario.issues.map((i) => i.shortId));
    expect(unique.size).toBe(scenario.issues.length);
  });

  test('every issue event belongs to its issue and project, sorted by time', () => {
    const problems: string[] = [];
    for (const issue of scenario.issues) {
      issue.events.forEach((event, i) => {
        if (event.issue !== issue || event.project !== issue.project || (i > 0 && event.ts < issue.events[i - 1].ts)) {
          problems.push(`${issue.shortId}#${i}`);
        }
      });
    }
    expect(problems).toEqual([]);
    expect(scenario.errors.reduce((n, e, i) => n + (i > 0 && e.ts < scenario.errors[i - 1].ts ? 1 : 0), 0)).toBe(0);
  });

  test('releases: times are fixed offsets from now, deployed to staging then production', () => {
    const bad = scenario.releases.find((r) => r.version === BURST_RELEASE)!;
    expect(bad.dateCreated).toBe(FIXED_NOW - 7 * HOUR);
    const staging = bad.deploys.find((d) => d.environment === 'staging')!;
    const production = bad.deploys.find((d) => d.environment === 'production')!;
    expect(staging.dateFinished).toBe(FIXED_NOW - 6 * HOUR - 45 * MINUTE);
    expect(production.dateStarted).toBe(FIXED_NOW - 6 * HOUR - 5 * MINUTE);
    expect(production.dateFinished).toBe(FIXED_NOW - 6 * HOUR);
    for (const release of scenario.releases.filter((r) => r.deploys.length > 0)) {
      const s = release.deploys.find((d) => d.environment === 'staging')!;
      const p = release.deploys.find((d) => d.environment === 'production')!;
      expect(s.dateFinished).toBeLessThan(p.dateFinished);
      expect(release.dateReleased).toBe(p.dateFinished);
    }
    expect(releaseAt(scenario, 'checkout-api', 'production', FIXED_NOW - 6 * HOUR - MINUTE)).toBe('checkout-api@2.4.0');
    expect(releaseAt(scenario, 'checkout-api', 'production', FIXED_NOW - 5 * HOUR)).toBe(BURST_RELEASE);
    // Events carry the release that was running when they happened.
    const lateEvents = scenario.errors.filter(
      (e) => e.project.slug === 'checkout-api' && e.environment === 'production' && e.ts > FIXED_NOW - 5 * HOUR
    );
    expect(new Set(lateEvents.map((e) => e.release))).toEqual(new Set([BURST_RELEASE]));
  });
});

describe('the burst after checkout-api@2.4.1', () => {
  const perHour = errorsPerHour(scenario, {
    project: 'checkout-api',
    environment: 'production',
    start: FIXED_NOW - 24 * HOUR,
    end: FIXED_NOW,
  });

  test('errors per hour in production jump right after the deploy and taper', () => {
    const baseline = perHour.slice(0, 17).map((b) => b.count);
    const quietMax = Math.max(...baseline);
    const burstHours = perHour.filter(
      (b) => b.start >= scenario.burst.start - 37 * MINUTE && b.start < scenario.burst.peakEnd
    );
    expect(burstHours.length).toBeGreaterThanOrEqual(2);
    for (const hour of burstHours.slice(1)) {
      expect(hour.count).toBeGreaterThan(10 * Math.max(quietMax, 5));
    }
    const lastHour = perHour[perHour.length - 1].count;
    expect(lastHour).toBeLessThan(burstHours[1].count / 3);
    expect(lastHour).toBeGreaterThan(quietMax / 2);
  });

  test('the burst issue is new, high priority and first seen right after the deploy', () => {
    const issue = scenario.issues.find((i) => i.id === scenario.burst.issueId)!;
    expect(issue.title).toBe("TypeError: Cannot read properties of undefined (reading 'total')");
    expect(issue.substatus).toBe('new');
    expect(issue.priority).toBe('high');
    expect(issue.firstSeen - scenario.burst.start).toBeLessThan(MINUTE);
    expect(issue.firstRelease).toBe(BURST_RELEASE);
    expect(issue.events.length).toBeGreaterThan(800);
  });

  test('model helpers agree with the generated data', () => {
    const peak = expectedErrorsPerHour(scenario, 'checkout-api', 'production', scenario.burst.start + HOUR);
    const quiet = expectedErrorsPerHour(scenario, 'checkout-api', 'production', scenario.burst.start - 12 * HOUR);
    expect(peak).toBeGreaterThan(20 * quiet);
    const observed = countErrors(scenario, {
      project: 'checkout-api',
      environment: 'production',
      start: scenario.burst.start + 30 * MINUTE,
      end: scenario.burst.start + 90 * MINUTE,
    });
    expect(observed).toBeGreaterThan(peak * 0.7);
    expect(observed).toBeLessThan(peak * 1.3);
    expect(
      expectedFailureRate(scenario, 'checkout-api', 'production', 'POST /api/checkout', scenario.burst.start + HOUR)
    ).toBeGreaterThan(0.3);
    expect(
      expectedFailureRate(scenario, 'checkout-api', 'production', 'POST /api/checkout', scenario.burst.start - HOUR)
    ).toBeLessThan(0.05);
    const rates = errorRatePerHour(scenario, {
      project: 'checkout-api',
      environment: 'production',
      start: FIXED_NOW - 10 * HOUR,
      end: FIXED_NOW,
    });
    expect(Math.max(...rates.map((r) => r.rate))).toBeGreaterThan(10 * Math.min(...rates.map((r) => r.rate)));
  });

  test('the bad release crashes more in release health', () => {
    const crashRate = (release: string, from: number, to: number) => {
      const rows = scenario.sessions.filter(
        (r) => r.release === release && r.environment === 'production' && r.hour >= from && r.hour < to
      );
      const total = rows.reduce((sum, r) => sum + r.healthy + r.errored + r.crashed + r.abnormal, 0);
      return rows.reduce((sum, r) => sum + r.crashed, 0) / total;
    };
    const bad = crashRate(BURST_RELEASE, scenario.burst.start, scenario.burst.peakEnd);
    const previous = crashRate('checkout-api@2.4.0', FIXED_NOW - 48 * HOUR, scenario.burst.start - HOUR);
    expect(bad).toBeGreaterThan(5 * previous);
  });
});

describe('determinism', () => {
  const again = buildScenario({ seed: SEED, now: FIXED_NOW });

  test('same seed and now → identical scenario; another seed → different details, same facts', () => {
    expect(again.errors.map((e) => e.eventId)).toEqual(scenario.errors.map((e) => e.eventId));
    expect(again.issues.map((i) => [i.id, i.shortId, i.title, i.status])).toEqual(
      scenario.issues.map((i) => [i.id, i.shortId, i.title, i.status])
    );
    const other = buildScenario({ seed: SEED + 1, now: FIXED_NOW });
    expect(other.errors.length).not.toBe(scenario.errors.length);
    expect(other.burst.start).toBe(scenario.burst.start);
    expect(other.releases.map((r) => r.version)).toEqual(scenario.releases.map((r) => r.version));
  });

  test('two fakes with the same seed and now give byte-identical responses', async () => {
    // Two independently built scenarios behind two fakes.
    const a = makeFake({ scenario });
    const b = makeFake({ scenario: again });
    for (const url of [
      `${ORG_PATH}/issues/?statsPeriod=14d&limit=25`,
      `${ORG_PATH}/events/?dataset=transactions&field=transaction&field=p95(transaction.duration)&statsPeriod=24h`,
      `${ORG_PATH}/events-stats/?yAxis=count()&statsPeriod=24h&interval=1h`,
      `${ORG_PATH}/sessions/?field=sum(session)&groupBy=release&statsPeriod=24h`,
    ]) {
      const [x, y] = await Promise.all([get(a, url), get(b, url)]);
      expect(x.status).toBe(200);
      expect(y.body).toBe(x.body);
    }
  });

  test('now defaults to the current minute', () => {
    const before = Date.now();
    const anchor = defaultNow();
    expect(anchor % MINUTE).toBe(0);
    expect(before - anchor).toBeLessThan(MINUTE);
    expect(anchor).toBeLessThanOrEqual(Date.now());
  });
});
