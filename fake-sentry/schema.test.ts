/** @jest-environment node */

import { readFileSync } from 'node:fs';
import path from 'node:path';

import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { get, makeFake, ORG_PATH, qs } from './test-helpers';

interface Subset {
  paths: Record<
    string,
    {
      get: {
        parameters: Array<{ name: string; schema: any }>;
        responses: { '200': { content: { 'application/json': { schema: any } } } };
      };
    }
  >;
}

const subset = JSON.parse(readFileSync(path.join(__dirname, 'schema', 'sentry-openapi-subset.json'), 'utf8')) as Subset;

// Ajv 8 understands OpenAPI 3.0's `nullable` natively; `strict: false` tolerates the other
// OpenAPI-only keywords (description, example…); ajv-formats checks date-time/uri and knows
// OpenAPI's numeric formats (double, int64).
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

const P = '/api/0/organizations/{organization_id_or_slug}';

function responseSchema(key: string): any {
  const entry = subset.paths[key];
  if (!entry) {
    throw new Error(`subset lacks ${key}`);
  }
  return structuredClone(entry.get.responses['200'].content['application/json'].schema);
}

function validator(key: string, adjust?: (schema: any) => void): ValidateFunction {
  const schema = responseSchema(key);
  adjust?.(schema);
  return ajv.compile(schema);
}

function expectValid(validate: ValidateFunction, body: unknown): void {
  const ok = validate(body);
  if (!ok) {
    throw new Error(`schema violations: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
  }
}

const fake = makeFake();
const RANGE: Array<[string, string]> = [['statsPeriod', '24h']];

async function ok(url: string): Promise<any> {
  const response = await get(fake, url);
  expect(response.status).toBe(200);
  return response.json;
}

/**
 * Known schema error (sentry-api.md §11): the issue schema marks keys that only exist with a
 * matching `expand` as required. Only those keys are relaxed, and only for requests without expand.
 */
const EXPAND_ONLY_ISSUE_KEYS = [
  'inbox',
  'owners',
  'sessionCount',
  'integrationIssues',
  'sentryAppIssues',
  'latestEventHasAttachments',
];

function withoutExpandOnlyKeys(schema: any): void {
  schema.items.required = schema.items.required.filter((key: string) => !EXPAND_ONLY_ISSUE_KEYS.includes(key));
}

describe('responses validate against the committed Sentry OpenAPI subset', () => {
  test('organizations list and organization details', async () => {
    expectValid(validator('/api/0/organizations/'), await ok('/api/0/organizations/'));
    expectValid(validator(`${P}/`), await ok(`${ORG_PATH}/?detailed=0`));
    expectValid(validator(`${P}/`), await ok(`${ORG_PATH}/`));
  });

  test('issues (default keys, with the expand-only keys relaxed)', async () => {
    const body = await ok(
      `${ORG_PATH}/issues/?${qs([
        ['statsPeriod', '14d'],
        ['project', -1],
        ['query', ''],
        ['limit', 100],
      ])}`
    );
    expect(body.length).toBe(100);
    expectValid(validator(`${P}/issues/`, withoutExpandOnlyKeys), body);
    // Not relaxed: with every expand, the full schema (all required keys) must hold.
    const expand = ['inbox', 'integrationIssues', 'latestEventHasAttachments', 'owners', 'sentryAppIssues', 'sessions'];
    const expanded = await ok(
      `${ORG_PATH}/issues/?${qs([['statsPeriod', '24h'], ['project', -1], ...expand.map((e): [string, string] => ['expand', e])])}`
    );
    expect(expanded.length).toBeGreaterThan(0);
    expectValid(validator(`${P}/issues/`), expanded);
    // Event-level filters fill `filtered` and `matchingEventId`.
    const filtered = await ok(
      `${ORG_PATH}/issues/?${qs([
        ['statsPeriod', '24h'],
        ['query', 'is:unresolved browser.name:Chrome'],
      ])}`
    );
    expect(filtered[0].filtered).not.toBeNull();
    expectValid(validator(`${P}/issues/`, withoutExpandOnlyKeys), filtered);
  });

  test('issue events', async () => {
    const issue = fake.scenario.burst.issueId;
    expectValid(
      validator(`${P}/issues/{issue_id}/events/`),
      await ok(`${ORG_PATH}/issues/${issue}/events/?per_page=20`)
    );
    expectValid(
      validator(`${P}/issues/{issue_id}/events/`),
      await ok(`${ORG_PATH}/issues/${issue}/events/?per_page=5&full=1`)
    );
  });

  test.each([
    [
      'errors table',
      [
        ['dataset', 'errors'],
        ['field', 'title'],
        ['field', 'project'],
        ['field', 'count()'],
        ['field', 'last_seen()'],
        ['sort', '-count()'],
      ],
    ],
    [
      'transactions table',
      [
        ['dataset', 'transactions'],
        ['field', 'transaction'],
        ['field', 'p95(transaction.duration)'],
        ['field', 'failure_rate()'],
        ['field', 'tpm()'],
        ['field', 'apdex()'],
        ['field', 'count_unique(user)'],
      ],
    ],
    [
      'spans table',
      [
        ['dataset', 'spans'],
        ['field', 'span.op'],
        ['field', 'p50(span.duration)'],
        ['field', 'count()'],
        ['query', 'is_transaction:true'],
      ],
    ],
    [
      'discover rows',
      [
        ['field', 'id'],
        ['field', 'timestamp'],
        ['field', 'event.type'],
        ['field', 'tags[browser]'],
        ['field', 'user.email'],
        ['per_page', 10],
      ],
    ],
  ])('events: %s', async (_name, entries) => {
    const body = await ok(`${ORG_PATH}/events/?${qs([...RANGE, ...(entries as Array<[string, string]>)])}`);
    expect(body.data.length).toBeGreaterThan(0);
    expectValid(validator(`${P}/events/`), body);
  });

  test('events-timeseries (plain and top events)', async () => {
    const validate = validator(`${P}/events-timeseries/`);
    expectValid(
      validate,
      await ok(
        `${ORG_PATH}/events-timeseries/?${qs([...RANGE, ['dataset', 'errors'], ['yAxis', 'count()'], ['interval', '1h']])}`
      )
    );
    expectValid(
      validate,
      await ok(
        `${ORG_PATH}/events-timeseries/?${qs([
          ...RANGE,
          ['dataset', 'transactions'],
          ['yAxis', 'p95(transaction.duration)'],
          ['yAxis', 'count()'],
          ['groupBy', 'transaction'],
          ['topEvents', 3],
        ])}`
      )
    );
  });

  test('sessions', async () => {
    const validate = validator(`${P}/sessions/`);
    expectValid(
      validate,
      await ok(
        `${ORG_PATH}/sessions/?${qs([...RANGE, ['field', 'sum(session)'], ['field', 'crash_free_rate(session)'], ['groupBy', 'project']])}`
      )
    );
    expectValid(
      validate,
      await ok(
        `${ORG_PATH}/sessions/?${qs([...RANGE, ['field', 'sum(session)'], ['field', 'count_unique(user)'], ['groupBy', 'session.status'], ['groupBy', 'release']])}`
      )
    );
  });

  test('stats_v2', async () => {
    expectValid(
      validator(`${P}/stats_v2/`),
      await ok(
        `${ORG_PATH}/stats_v2/?${qs([...RANGE, ['field', 'sum(quantity)'], ['groupBy', 'category'], ['groupBy', 'outcome']])}`
      )
    );
    // Known schema error: grouping by project returns totals only (no intervals, no series),
    // which the schema declares required. Relaxed only for this request.
    const byProject = await ok(
      `${ORG_PATH}/stats_v2/?${qs([...RANGE, ['field', 'sum(quantity)'], ['groupBy', 'project'], ['category', 'error']])}`
    );
    expect(byProject.intervals).toBeUndefined();
    expectValid(
      validator(`${P}/stats_v2/`, (schema) => {
        schema.required = schema.required.filter((key: string) => key !== 'intervals');
        schema.properties.groups.items.required = schema.properties.groups.items.required.filter(
          (key: string) => key !== 'series'
        );
      }),
      byProject
    );
  });

  test('projects, teams (plain and detailed), team projects', async () => {
    expectValid(validator(`${P}/projects/`), await ok(`${ORG_PATH}/projects/`));
    expectValid(validator(`${P}/teams/`), await ok(`${ORG_PATH}/teams/`));
    expectValid(validator(`${P}/teams/`), await ok(`${ORG_PATH}/teams/?detailed=0`));
    expectValid(
      validator('/api/0/teams/{organization_id_or_slug}/{team_id_or_slug}/projects/'),
      await ok('/api/0/teams/acme/payments/projects/')
    );
  });

  test('environments (org and project)', async () => {
    expectValid(validator(`${P}/environments/`), await ok(`${ORG_PATH}/environments/?visibility=all`));
    expectValid(
      validator('/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/environments/'),
      await ok('/api/0/projects/acme/checkout-api/environments/?visibility=all')
    );
  });

  test('tags and project tag values', async () => {
    expectValid(validator(`${P}/tags/`), await ok(`${ORG_PATH}/tags/?statsPeriod=24h`));
    const values = await ok('/api/0/projects/acme/web-frontend/tags/browser/values/');
    // The schema under-specifies tag values as [{name}] (sentry-api.md §2.11); it still holds,
    // and the fake returns the serializer's richer shape on top of it.
    expectValid(validator('/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/tags/{key}/values/'), values);
    expect(Object.keys(values[0]).sort()).toEqual(['count', 'firstSeen', 'key', 'lastSeen', 'name', 'value']);
  });

  test('releases (org, health, project) and deploys', async () => {
    const validate = validator(`${P}/releases/`);
    const releases = await ok(`${ORG_PATH}/releases/?project=-1`);
    expect(releases.length).toBeGreaterThan(10);
    expectValid(validate, releases);
    expectValid(validate, await ok(`${ORG_PATH}/releases/?project=-1&health=1&per_page=5`));
    expectValid(
      validator('/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/releases/'),
      await ok('/api/0/projects/acme/mobile-app/releases/')
    );
    const deploys = validator(`${P}/releases/{version}/deploys/`);
    for (const version of ['checkout-api@2.4.1', 'payments-worker@1.8.0', 'mobile-app@3.2.0+405']) {
      // project=-1: mobile-app is not one of the demo user's member projects (the default).
      const body = await ok(`${ORG_PATH}/releases/${encodeURIComponent(version)}/deploys/?project=-1`);
      expect(body.length).toBeGreaterThan(0);
      expectValid(deploys, body);
    }
  });
});

/** Release counts may be text as well (hostile mode sends them so); everything else stays as published. */
function countsAsText(schema: any): void {
  const release = schema.items.properties;
  for (const counts of [release, release.projects.items.properties]) {
    for (const key of ['newGroups', 'deployCount'].filter((k) => k in counts)) {
      counts[key] = { type: ['integer', 'string'] };
    }
  }
}

describe('hostile mode: payload strings, still schema-valid answers', () => {
  const hostile = makeFake({ modes: { hostile: true } });
  const okHostile = async (url: string): Promise<any> => {
    const response = await get(hostile, url);
    expect(response.status).toBe(200);
    return response.json;
  };
  // Every validated answer must carry payloads, or this block would only repeat the one above.
  const carriesPayload = (body: unknown) => expect(JSON.stringify(body)).toContain('window.__lensXss=1');

  test('organization, projects, environments', async () => {
    for (const [key, url] of [
      [`${P}/`, `${ORG_PATH}/`],
      [`${P}/projects/`, `${ORG_PATH}/projects/`],
      [`${P}/environments/`, `${ORG_PATH}/environments/?visibility=all`],
      [
        '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/environments/',
        '/api/0/projects/acme/checkout-api/environments/',
      ],
    ]) {
      const body = await okHostile(url);
      carriesPayload(body);
      expectValid(validator(key), body);
    }
  });

  test('issues and events', async () => {
    const issues = await okHostile(
      `${ORG_PATH}/issues/?${qs([
        ['statsPeriod', '14d'],
        ['project', -1],
      ])}`
    );
    carriesPayload(issues);
    expectValid(validator(`${P}/issues/`, withoutExpandOnlyKeys), issues);
    const events = await okHostile(
      `${ORG_PATH}/events/?${qs([
        ...RANGE,
        ['dataset', 'errors'],
        ...['title', 'culprit', 'message', 'release', 'environment', 'tags[lens.note]'].map((f): [string, string] => [
          'field',
          f,
        ]),
      ])}`
    );
    carriesPayload(events);
    expectValid(validator(`${P}/events/`), events);
    const sessions = await okHostile(
      `${ORG_PATH}/sessions/?${qs([...RANGE, ['field', 'sum(session)'], ['groupBy', 'release'], ['groupBy', 'environment']])}`
    );
    carriesPayload(sessions);
    expectValid(validator(`${P}/sessions/`), sessions);
  });

  test('tags and tag values', async () => {
    const tags = await okHostile(`${ORG_PATH}/tags/?statsPeriod=24h`);
    carriesPayload(tags);
    expectValid(validator(`${P}/tags/`), tags);
    const values = await okHostile('/api/0/projects/acme/checkout-api/tags/lens.note/values/');
    carriesPayload(values);
    expectValid(validator('/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/tags/{key}/values/'), values);
  });

  test('releases and deploys (javascript: deploy URLs are still URIs; counts as text, the one deliberate breach)', async () => {
    const releases = await okHostile(`${ORG_PATH}/releases/?project=-1`);
    carriesPayload(releases);
    // Counts come as text (hostileReleaseCounts): against the schema as published, those and nothing else fail…
    const strict = validator(`${P}/releases/`);
    expect(strict(releases)).toBe(false);
    const breaches = new Set(strict.errors!.map((e) => `${e.instancePath.replace(/\/\d+/g, '/*')} ${e.message}`));
    expect([...breaches].sort()).toEqual([
      '/*/deployCount must be integer',
      '/*/newGroups must be integer',
      '/*/projects/*/newGroups must be integer',
    ]);
    // …and with those counts allowed as text, the rest of every release still validates.
    expectValid(validator(`${P}/releases/`, countsAsText), releases);
    const deployed = releases.find((r: any) => r.lastDeploy);
    const deploys = await okHostile(`${ORG_PATH}/releases/${encodeURIComponent(deployed.version)}/deploys/?project=-1`);
    carriesPayload(deploys);
    expectValid(validator(`${P}/releases/{version}/deploys/`), deploys);
  });
});

describe('sentry.io flavours: the answers that differ still validate', () => {
  const saas = makeFake({ modes: { flavour: 'saas' } });
  const okSaas = async (url: string): Promise<any> => {
    const response = await get(saas, url);
    expect(response.status).toBe(200);
    return response.json;
  };

  test('spans rows with string timestamps and the spans transaction functions', async () => {
    const rows = await okSaas(
      `${ORG_PATH}/events/?${qs([...RANGE, ['dataset', 'spans'], ['field', 'timestamp'], ['field', 'span.op'], ['per_page', 10]])}`
    );
    expect(rows.meta.fields.timestamp).toBe('string');
    expectValid(validator(`${P}/events/`), rows);
    const table = await okSaas(
      `${ORG_PATH}/events/?${qs([
        ...RANGE,
        ['dataset', 'spans'],
        ['query', 'is_transaction:true'],
        ...['transaction', 'p95(span.duration)', 'epm()', 'failure_rate()', 'apdex(span.duration,300)'].map(
          (f): [string, string] => ['field', f]
        ),
      ])}`
    );
    expect(table.data.length).toBeGreaterThan(0);
    expectValid(validator(`${P}/events/`), table);
  });

  test('events-timeseries with NOT_ELAPSED buckets, plain and grouped spans', async () => {
    const validate = validator(`${P}/events-timeseries/`);
    const plain = await okSaas(
      `${ORG_PATH}/events-timeseries/?${qs([...RANGE, ['dataset', 'errors'], ['yAxis', 'count()'], ['interval', '1h']])}`
    );
    expect(plain.timeSeries[0].values.at(-1).incompleteReason).toBe('NOT_ELAPSED');
    expectValid(validate, plain);
    expectValid(
      validate,
      await okSaas(
        `${ORG_PATH}/events-timeseries/?${qs([
          ...RANGE,
          ['dataset', 'spans'],
          ['yAxis', 'p95(span.duration)'],
          ['groupBy', 'span.op'],
          ['topEvents', 3],
        ])}`
      )
    );
  });

  test('sub-minute sessions', async () => {
    expectValid(
      validator(`${P}/sessions/`),
      await okSaas(
        `${ORG_PATH}/sessions/?${qs([
          ['statsPeriod', '1h'],
          ['interval', '30s'],
          ['field', 'sum(session)'],
        ])}`
      )
    );
  });
});

describe('known schema gaps are explicit', () => {
  test('the dataset enum lacks transactions and discover, which the server (and the fake) accept', async () => {
    const datasetParam = subset.paths[`${P}/events/`].get.parameters.find((p) => p.name === 'dataset')!;
    expect(datasetParam.schema.enum).toEqual(expect.arrayContaining(['errors', 'spans']));
    expect(datasetParam.schema.enum).not.toContain('transactions');
    expect(datasetParam.schema.enum).not.toContain('discover');
    const response = await get(
      fake,
      `${ORG_PATH}/events/?${qs([...RANGE, ['dataset', 'transactions'], ['field', 'count()']])}`
    );
    expect(response.status).toBe(200);
  });

  test('a broken payload is rejected (validation is really on, nullable honoured)', () => {
    const validate = validator(`${P}/releases/{version}/deploys/`);
    const deploy = {
      id: '1',
      environment: 'production',
      dateStarted: null,
      dateFinished: '2026-05-20T10:00:00Z',
      name: null,
      url: null,
    };
    expect(validate([deploy])).toBe(true);
    // dateStarted is `nullable: true`, dateFinished is not.
    expect(validate([{ ...deploy, dateFinished: null }])).toBe(false);
    expect(validate([{ ...deploy, url: 'not a uri' }])).toBe(false);
    expect(
      validate([
        { id: '1', environment: 'production', dateStarted: null, dateFinished: 'yesterday', name: null, url: null },
      ])
    ).toBe(false);
    expect(
      validate([
        {
          id: 1,
          environment: 'production',
          dateStarted: null,
          dateFinished: '2026-05-20T10:00:00Z',
          name: null,
          url: null,
        },
      ])
    ).toBe(false);
  });
});
