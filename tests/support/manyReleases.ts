/** A fake scenario with many more releases than the demo's: bounds on requests show only against long lists. */
import { Release, Scenario, buildScenario } from '../../fake-sentry/scenario';
import { FIXED_NOW } from './fakeSentryClient';

const MINUTE = 60_000;

/**
 * The default scenario at FIXED_NOW plus `count` releases of the first project, created over the last day (newest
 * first, a few minutes apart), each deployed to production once, ten minutes after it was created.
 */
export function scenarioWithReleases(count: number): Scenario {
  const scenario = buildScenario({ now: FIXED_NOW });
  const template = scenario.releases[0];
  const spacing = Math.floor((24 * 60 * MINUTE) / (count + 1));
  for (let i = 0; i < count; i++) {
    const created = FIXED_NOW - (i + 1) * spacing;
    const deployed = Math.min(created + 10 * MINUTE, FIXED_NOW);
    const version = `${template.packageName}@9.${i}.0`;
    const release: Release = {
      ...template,
      id: 990_000 + i,
      version,
      versionRaw: `9.${i}.0`,
      major: 9,
      minor: i,
      patch: 0,
      pre: null,
      buildCode: null,
      dateCreated: created,
      dateReleased: deployed,
      status: 'open',
      deploys: [
        {
          id: String(880_000 + i),
          version,
          projectId: template.project.id,
          environment: 'production',
          dateStarted: deployed - 5 * MINUTE,
          dateFinished: deployed,
          name: `deploy #${i}`,
          url: null,
        },
      ],
    };
    scenario.releases.push(release);
  }
  return scenario;
}
