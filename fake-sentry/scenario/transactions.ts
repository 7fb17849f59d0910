// Sampled transactions: Poisson counts per hour from each project's transaction mix, log-normal latencies,
// failures and slow-downs during the burst, and interned tag objects.

import { deriveRng, lognormal, pick, poisson, Rng, weightedSampler } from '../prng';
import { EnvName, HOUR, TransactionSpec } from './content';
import { addPlatformTags, urlVariants } from './platform-tags';
import { randomWord, TransactionEventRecord } from './records';
import { burstFailureBoost, burstSlowdown, trafficFactor } from './traffic-model';
import type { EventUser, Project, Scenario, TransactionEvent } from './types';
import { USER_POOLS } from './users';

// Local bindings: global look-ups are slow inside vm contexts (Jest), and generation runs them ~1M times.
const { floor, round, min } = Math;

/** Shared tag objects for transactions: many events carry identical tag sets. */
interface TransactionTagPool {
  variants: Map<Project, Array<Record<string, string>>>;
  interned: Map<number, Readonly<Record<string, string>>>;
  /** Small integer per distinct value within a category (release, transaction, env, status). */
  index(category: string, value: string): number;
}

const TAG_VARIANTS = 24;

export function buildTransactions(
  seed: number,
  historyStart: number,
  dataEnd: number,
  projects: Project[],
  shell: Pick<Scenario, 'burst' | 'releases'>,
  releaseLookup: (projectSlug: string, env: string, t: number) => string,
  userAt: (index: number) => EventUser
): TransactionEvent[] {
  const rng = deriveRng(seed, 'transactions');
  const variantRng = deriveRng(seed, 'transaction-tags');
  const out: TransactionEvent[] = [];
  const txSamplers = new Map(projects.map((p) => [p.slug, weightedSampler(p.transactions, (tx) => tx.weight)]));
  const indexes = new Map<string, Map<string, number>>();
  const pool: TransactionTagPool = {
    variants: new Map(),
    interned: new Map(),
    index: (category, value) => {
      let values = indexes.get(category);
      if (!values) {
        values = new Map();
        indexes.set(category, values);
      }
      let index = values.get(value);
      if (index === undefined) {
        index = values.size;
        values.set(value, index);
      }
      return index;
    },
  };
  for (const project of projects) {
    pool.variants.set(
      project,
      Array.from({ length: TAG_VARIANTS }, () => {
        const tags: Record<string, string> = {};
        addPlatformTags(variantRng, project, tags, '');
        return tags;
      })
    );
  }
  for (let hour = historyStart; hour < dataEnd; hour += HOUR) {
    const hourEnd = min(hour + HOUR, dataEnd);
    const fraction = (hourEnd - hour) / HOUR;
    const factor = trafficFactor(hour + HOUR / 2);
    for (const project of projects) {
      const users = USER_POOLS[project.slug];
      for (const env of ['production', 'staging'] as const) {
        const count = poisson(rng, project.transactionsPerHour[env] * factor * fraction);
        const pickSpec = txSamplers.get(project.slug)!;
        for (let i = 0; i < count; i++) {
          const spec = pickSpec(rng);
          const ts = hour + floor(rng() * (hourEnd - hour));
          out.push(
            buildTransaction(
              rng,
              project,
              spec,
              env,
              ts,
              releaseLookup(project.slug, env, ts),
              shell,
              users,
              userAt,
              pool
            )
          );
        }
      }
    }
  }
  out.sort((a, b) => a.ts - b.ts || (a.eventId < b.eventId ? -1 : 1));
  return out;
}

const FAILURE_STATUSES = [
  'internal_error',
  'internal_error',
  'internal_error',
  'deadline_exceeded',
  'unavailable',
  'unknown_error',
];
const HTTP_CODE_BY_STATUS: Record<string, string> = {
  ok: '200',
  internal_error: '500',
  deadline_exceeded: '504',
  unavailable: '503',
  unknown_error: '500',
  not_found: '404',
  unauthenticated: '401',
  cancelled: '499',
};

function buildTransaction(
  rng: Rng,
  project: Project,
  spec: TransactionSpec,
  env: EnvName,
  ts: number,
  release: string,
  shell: Pick<Scenario, 'burst'>,
  users: { offset: number; size: number },
  userAt: (index: number) => EventUser,
  tagPool: TransactionTagPool
): TransactionEvent {
  // Same model as expectedLatency/expectedFailureRate, without their look-ups (hot loop).
  const medianMs = spec.medianMs * burstSlowdown(shell.burst, project.slug, env, spec.name, ts);
  const duration = round(lognormal(rng, medianMs, spec.sigma) * 1000) / 1000;
  let status = 'ok';
  const roll = rng();
  if (roll < min(0.95, spec.failureRate + burstFailureBoost(shell.burst, project.slug, env, spec.name, ts))) {
    status = spec.name === 'GET /api/orders/:id' && rng() < 0.6 ? 'not_found' : pick(rng, FAILURE_STATUSES);
  } else if (roll > 0.997) {
    // Not failures in Sentry's failure_rate(): cancelled and unknown.
    status = rng() < 0.5 ? 'cancelled' : 'unknown';
  }
  const user = project.platform === 'python' && rng() < 0.3 ? null : userAt(users.offset + floor(rng() * users.size));
  const httpMethod = spec.httpMethod ?? null;
  const httpStatusCode = spec.op === 'http.server' ? (HTTP_CODE_BY_STATUS[status] ?? '200') : null;
  const variant = floor(rng() * TAG_VARIANTS);
  // A numeric key (no string building in this hot loop).
  const key =
    (((tagPool.index('release', release) * 64 + tagPool.index('transaction', spec.name)) * 4 +
      tagPool.index('env', env)) *
      TAG_VARIANTS +
      variant) *
      16 +
    tagPool.index('status', httpStatusCode ?? '');
  let tags = tagPool.interned.get(key);
  if (!tags) {
    const platformTags = tagPool.variants.get(project)![variant];
    const created: Record<string, string> = { environment: env, release, transaction: spec.name, ...platformTags };
    if (platformTags.url !== undefined) {
      const urls = urlVariants(project.platform, spec.name);
      created.url = urls[variant % urls.length];
    }
    if (project.platform === 'python') {
      created.celery_task = spec.name;
    }
    if (httpMethod) {
      created['http.method'] = httpMethod;
    }
    if (httpStatusCode) {
      created['http.status_code'] = httpStatusCode;
    }
    tags = created;
    tagPool.interned.set(key, tags);
  }
  return new TransactionEventRecord(
    ts,
    project,
    env,
    release,
    user,
    tags,
    spec.name,
    spec.op,
    duration,
    status,
    httpMethod,
    httpStatusCode,
    randomWord(rng),
    randomWord(rng)
  );
}
