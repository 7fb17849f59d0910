// Releases and their deploys, from the content's release plan (times are offsets from `now`).

import { deriveRng, hexString, randInt } from '../prng';
import {
  EnvName,
  MINUTE,
  ORG_MEMBERS,
  PRODUCTION_DEPLOY_AFTER_MS,
  RELEASE_PLAN,
  STAGING_DEPLOY_AFTER_MS,
} from './content';
import type { Deploy, Project, Release } from './types';

function parseVersion(
  version: string
): Pick<Release, 'packageName' | 'versionRaw' | 'major' | 'minor' | 'patch' | 'pre' | 'buildCode'> {
  const [packageName, raw] = version.split('@');
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([\w.]+))?(?:\+(\w+))?$/.exec(raw);
  if (!match) {
    throw new Error(`bad version in scenario: ${version}`);
  }
  return {
    packageName,
    versionRaw: raw,
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    pre: match[4] ?? null,
    buildCode: match[5] ?? null,
  };
}

export function buildReleases(seed: number, now: number, projectBySlug: Map<string, Project>): Release[] {
  const rng = deriveRng(seed, 'releases');
  const plans = [...RELEASE_PLAN].sort((a, b) => b.createdAgoMs - a.createdAgoMs);
  let deployCounter = 5500;
  let runCounter = 800;
  return plans.map((plan, index) => {
    const project = projectBySlug.get(plan.project)!;
    const created = now - plan.createdAgoMs;
    const deploys: Deploy[] = [];
    const addDeploy = (environment: EnvName, started: number | null, finished: number, bare: boolean) => {
      runCounter += randInt(rng, 1, 9);
      deploys.push({
        id: String(++deployCounter),
        version: plan.version,
        projectId: project.id,
        environment,
        dateStarted: bare ? null : started,
        dateFinished: finished,
        name: bare ? null : `deploy #${runCounter}`,
        url: bare ? null : `https://ci.acme.example/${project.slug}/runs/${runCounter}`,
      });
    };
    let dateReleased: number | null = null;
    if (!plan.unreleased) {
      const stagingFinished =
        plan.stagingFinishedAgoMs !== undefined ? now - plan.stagingFinishedAgoMs : created + STAGING_DEPLOY_AFTER_MS;
      addDeploy('staging', stagingFinished - 4 * MINUTE, stagingFinished, Boolean(plan.bareStagingDeploys));
      const productionFinished =
        plan.productionFinishedAgoMs !== undefined
          ? now - plan.productionFinishedAgoMs
          : created + PRODUCTION_DEPLOY_AFTER_MS;
      const productionStarted =
        plan.productionStartedAgoMs !== undefined ? now - plan.productionStartedAgoMs : productionFinished - 6 * MINUTE;
      addDeploy('production', productionStarted, productionFinished, false);
      if (plan.redeployAfterMs) {
        addDeploy(
          'production',
          productionFinished + plan.redeployAfterMs - 5 * MINUTE,
          productionFinished + plan.redeployAfterMs,
          false
        );
      }
      dateReleased = productionFinished;
    }
    const authorCount = randInt(rng, 1, 3);
    const authors = ORG_MEMBERS.slice(1)
      .slice(index % 3, (index % 3) + authorCount)
      .map((member) => ({ name: member.name, email: member.email }));
    return {
      id: 90200 + index * 7,
      version: plan.version,
      project,
      ...parseVersion(plan.version),
      dateCreated: created,
      dateReleased,
      status: plan.status ?? 'open',
      ref: hexString(rng, 40),
      commitCount: randInt(rng, 2, 40),
      authors,
      deploys,
    };
  });
}
