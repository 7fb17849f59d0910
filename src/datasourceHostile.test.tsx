/**
 * Sentry strings carrying script payloads (the fake's hostile mode) through the data source, as Grafana runs it:
 * frames hold them as raw text (Grafana's table renders text, so escaping here would show `&lt;`), links stay on
 * the configured host, annotation text is escaped HTML (Grafana renders it as HTML), variable and ad hoc values
 * are raw text. Rendering the frames with Grafana's Table and the annotations as Grafana does injects nothing.
 */
import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { DataFrame, FieldType, applyFieldOverrides, createTheme, textUtil } from '@grafana/data';
import { RenderUserContentAsHTML, Table } from '@grafana/ui';
import { firstValueFrom } from 'rxjs';

import { fakeBackendSrv } from '../tests/support/fakeBackendSrv';
import { queryRequest } from '../tests/support/grafanaRequest';
import { templateSrvWith } from '../tests/support/templateSrv';
import { createTestFake } from '../tests/support/fakeSentryClient';
import { HTML_ENTITY, injectedMarkup } from '../tests/support/injectedMarkup';
import { instanceSettings } from '../tests/support/instanceSettings';
import { HOSTILE_STAGING, HOSTILE_TAG, HOSTILE_TAG_VALUES, XSS_URL } from '../fake-sentry/hostile';
import { SentryDataSource } from './datasource';
import type { AnnotationKind, SentryAnnotationQuery } from './sentry/annotations';
import type { SentryQuery } from './sentry/query';
import type { SentryVariableQuery } from './sentry/variables';
import type { SentryVariableSupport } from './variables';

const SENTRY_URL = 'https://sentry.fake.test';
const PAYLOAD = /window\.__lensXss=1/;
const fake = createTestFake({ modes: { hostile: true } });
const scenario = fake.scenario;
const templateSrv = templateSrvWith();

function datasource() {
  return new SentryDataSource(instanceSettings({ url: SENTRY_URL }), fakeBackendSrv(fake), templateSrv);
}

function request<Q>(targets: Q[], hours = 24) {
  return queryRequest(targets as unknown as SentryQuery[], { hours });
}

async function frames(query: Partial<SentryQuery>, hours = 24): Promise<DataFrame[]> {
  const response = await firstValueFrom(datasource().query(request([{ refId: 'A', ...query } as SentryQuery], hours)));
  expect(response.errors).toBeUndefined();
  expect(response.data.length).toBeGreaterThan(0);
  return response.data;
}

function column(frame: DataFrame, name: string): unknown[] {
  const field = frame.fields.find((f) => f.name === name);
  if (!field) {
    throw new Error(`no field ${name} in ${frame.fields.map((f) => f.name).join(', ')}`);
  }
  return field.values;
}

/** Every string a panel may show: string values, field and frame names, labels. */
function shownStrings(data: DataFrame[]): string[] {
  return data.flatMap((frame) => [
    frame.name ?? '',
    ...frame.fields.flatMap((field) => [
      field.name,
      field.config.displayName ?? '',
      ...Object.values(field.labels ?? {}),
      ...(field.type === FieldType.string ? field.values.filter((v): v is string => typeof v === 'string') : []),
    ]),
  ]);
}

/** Frames after Grafana's field processing (display processors, data links), as a panel gets them. */
function withDisplay(data: DataFrame[]): DataFrame[] {
  return applyFieldOverrides({
    data,
    fieldConfig: { defaults: {}, overrides: [] },
    replaceVariables: (value) => value,
    theme: createTheme(),
    timeZone: 'utc',
  });
}

const versions = new Set(scenario.releases.map((r) => r.version));
const issueById = new Map(scenario.issues.map((i) => [i.id, i]));

describe('frames carry hostile Sentry strings as raw text, with links only to the configured host', () => {
  interface Case {
    name: string;
    query: Partial<SentryQuery>;
    check: (data: DataFrame[]) => void;
    hours: number;
  }
  const cases: Case[] = [
    {
      name: 'issues: titles, culprits and assignees as Sentry sent them',
      query: { queryType: 'issues', issuesQuery: 'is:unresolved', issuesSort: 'freq', issuesLimit: 50 },
      hours: 24,
      check: ([frame]) => {
        const ids = column(frame, 'id') as string[];
        expect(column(frame, 'title')).toEqual(ids.map((id) => issueById.get(id)!.title));
        expect(column(frame, 'culprit')).toEqual(ids.map((id) => issueById.get(id)!.culprit));
        const users = ids.map((id) => issueById.get(id)!.assignedTo).filter((a) => a?.type === 'user');
        expect(users.length).toBeGreaterThan(0);
        expect(column(frame, 'assignee')).toEqual(expect.arrayContaining(users.map((a) => a!.name)));
      },
    },
    {
      name: 'events: title, message, culprit, release, environment and a tag per event',
      query: {
        queryType: 'events',
        dataset: 'errors',
        eventsFields: [
          'id',
          'timestamp',
          'project',
          'title',
          'message',
          'culprit',
          'release',
          'environment',
          `tags[${HOSTILE_TAG}]`,
        ],
        eventsSort: 'timestamp',
        eventsSortDirection: 'desc',
      },
      hours: 24,
      check: ([frame]) => {
        const events = new Map(scenario.errors.map((e) => [e.eventId, e]));
        const rows = (column(frame, 'id') as string[]).map((id) => events.get(id)!);
        expect(column(frame, 'title')).toEqual(rows.map((e) => e.issue.title));
        expect(column(frame, 'message')).toEqual(rows.map((e) => e.issue.title));
        expect(column(frame, 'culprit')).toEqual(rows.map((e) => e.issue.culprit));
        expect(column(frame, 'release')).toEqual(rows.map((e) => e.release));
        expect(column(frame, 'environment')).toEqual(rows.map((e) => e.environment));
        expect(column(frame, 'environment')).toContain(HOSTILE_STAGING);
        expect(column(frame, `tags[${HOSTILE_TAG}]`)).toEqual(rows.map((e) => e.tags[HOSTILE_TAG]));
      },
    },
    {
      name: 'releases: versions',
      query: { queryType: 'releases', releasesMode: 'releases' },
      hours: 24 * 7,
      check: ([frame]) => {
        const shown = column(frame, 'version') as string[];
        expect(shown.length).toBeGreaterThan(0);
        expect(shown.every((v) => versions.has(v) && PAYLOAD.test(v))).toBe(true);
      },
    },
    {
      name: 'deploys: names, environments, and the javascript: URL as plain text without a link',
      query: { queryType: 'releases', releasesMode: 'deploys' },
      hours: 24 * 7,
      check: ([frame]) => {
        const names = new Set(scenario.releases.flatMap((r) => r.deploys.map((d) => d.name)));
        expect(column(frame, 'url')).toContain(XSS_URL);
        expect(frame.fields.find((f) => f.name === 'url')!.config.links ?? []).toEqual([]);
        expect(column(frame, 'environment')).toContain(HOSTILE_STAGING);
        expect(column(frame, 'name').every((n) => names.has(n as string | null))).toBe(true);
      },
    },
    {
      name: 'error distribution by release: categories',
      query: { queryType: 'errorDistribution', distributionField: 'release' },
      hours: 24,
      check: ([frame]) => {
        const categories = frame.fields.find((f) => f.type === FieldType.string)!.values as string[];
        expect(categories.length).toBeGreaterThan(0);
        expect(categories.filter((c) => c !== 'Other').every((c) => versions.has(c))).toBe(true);
      },
    },
    {
      name: 'series by environment: labels',
      query: {
        queryType: 'eventsStats',
        dataset: 'errors',
        eventsStatsYAxis: ['count()'],
        eventsStatsGroups: ['environment'],
      },
      hours: 24,
      check: (data) => {
        const labels = data.flatMap((f) => f.fields.flatMap((field) => Object.values(field.labels ?? {})));
        expect(labels).toContain(HOSTILE_STAGING);
      },
    },
    {
      name: 'session health by release: labels',
      query: {
        queryType: 'sessions',
        sessionsFields: ['sum(session)'],
        sessionsGroupBy: ['release'],
        sessionsMode: 'table',
      },
      hours: 24,
      check: (data) => expect(shownStrings(data).filter((s) => versions.has(s)).length).toBeGreaterThan(0),
    },
    {
      name: 'spike explainer: issue titles',
      query: { queryType: 'spikeExplainer', spikeQuery: 'is:unresolved', spikeBaseline: 'previous' },
      hours: 24,
      check: ([frame]) => {
        const titles = column(frame, 'title') as string[];
        expect(titles.length).toBeGreaterThan(0);
        expect(titles.every((t) => PAYLOAD.test(t))).toBe(true);
      },
    },
  ];

  it.each(cases)('$name', async ({ query, check, hours }) => {
    const data = await frames(query, hours);
    check(data);
    const strings = shownStrings(data);
    expect(strings.some((s) => PAYLOAD.test(s))).toBe(true);
    expect(strings.filter((s) => HTML_ENTITY.test(s))).toEqual([]);
    const links = data.flatMap((f) => f.fields.flatMap((field) => field.config.links ?? []));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.url.startsWith(`${SENTRY_URL}/`)).toBe(true);
      expect(link.url).not.toMatch(/[<>"\s]/);
    }
    // What a table cell shows: Grafana's display processor keeps the text as it is.
    for (const field of withDisplay(data)[0].fields.filter((f) => f.type === FieldType.string)) {
      for (const value of field.values.filter((v): v is string => typeof v === 'string')) {
        expect(field.display!(value).text).toBe(value);
      }
    }
  });
});

// @grafana/ui's Table. Grafana 12's table panel uses TableNG, whose ESM-only react-data-grid this jest config does not
// transform; tests/host-e2e/hostile-strings.spec.ts renders TableNG in Chromium.
describe("Grafana's Table shows hostile strings as text", () => {
  beforeAll(() => {
    class NoopObserver {
      observe() {}
      unobserve() {}
      disconnect() {}
    }
    Object.assign(global, { ResizeObserver: NoopObserver });
  });
  afterEach(() => expect(window.__lensXss).toBeUndefined());

  it.each<[string, Partial<SentryQuery>, string[], number]>([
    [
      'issues',
      { queryType: 'issues', issuesQuery: 'is:unresolved', issuesSort: 'freq', issuesLimit: 8 },
      ['title', 'culprit'],
      24,
    ],
    [
      'events',
      {
        queryType: 'events',
        dataset: 'errors',
        eventsFields: ['id', 'timestamp', 'project', 'title', 'release', 'environment', `tags[${HOSTILE_TAG}]`],
        eventsSort: 'timestamp',
        eventsLimit: 8,
      },
      ['title', 'release', 'environment', `tags[${HOSTILE_TAG}]`],
      24,
    ],
    ['releases', { queryType: 'releases', releasesMode: 'releases', releasesLimit: 8 }, ['version'], 24 * 7],
    [
      'deploys',
      { queryType: 'releases', releasesMode: 'deploys', releasesLimit: 8 },
      ['version', 'name', 'url'],
      24 * 7,
    ],
  ])('%s', async (_name, query, columns, hours) => {
    const [frame] = withDisplay(await frames(query, hours));
    const { container } = render(<Table data={frame} width={2400} height={900} />);
    const cells = screen.getAllByRole('cell');
    let payloads = 0;
    for (const name of columns) {
      for (const value of column(frame, name).filter((v): v is string => typeof v === 'string')) {
        expect(cells.some((cell) => cell.textContent === value)).toBe(true);
        payloads += PAYLOAD.test(value) ? 1 : 0;
      }
    }
    expect(payloads).toBeGreaterThan(0);
    expect(injectedMarkup(container)).toEqual([]);
    // Links are Grafana's data links to the configured host.
    for (const link of within(container).queryAllByRole('link')) {
      expect(link.getAttribute('href')!.startsWith(`${SENTRY_URL}/`)).toBe(true);
    }
  });
});

describe('annotations: hostile release, deploy and issue strings stay text where Grafana renders HTML', () => {
  afterEach(() => expect(window.__lensXss).toBeUndefined());

  async function annotations(kind: AnnotationKind, hours: number) {
    const ds = datasource();
    const target = ds.annotations!.prepareQuery!({
      name: 'Sentry',
      enable: true,
      iconColor: 'red',
      target: { refId: 'Anno', annotationKind: kind } as SentryAnnotationQuery as never,
    });
    const [frame] = await frames(target as SentryQuery, hours);
    return (column(frame, 'time') as number[]).map((_, i) => ({
      title: column(frame, 'title')[i] as string,
      text: column(frame, 'text')[i] as string,
      tags: column(frame, 'tags')[i] as string[],
    }));
  }

  /** Grafana's annotation tooltip (AnnotationTooltip2): title and text as one HTML string, then DOMPurify. */
  function tooltip(row: { title: string; text: string }, sanitize: boolean): HTMLElement {
    const html = `${row.title}<br />${row.text}`;
    const div = document.createElement('div');
    div.innerHTML = sanitize ? textUtil.sanitize(html) : html;
    return div;
  }

  /** Checks both ways Grafana renders an annotation; returns the text a user reads. */
  function expectShownAsText(row: { title: string; text: string }, literal: string[]): string {
    let read = '';
    // Unsanitized too: DOMPurify drops handlers but would still turn Sentry's <img> or <svg> into elements.
    for (const sanitize of [false, true]) {
      const shown = tooltip(row, sanitize);
      expect(injectedMarkup(shown)).toEqual([]);
      read = shown.textContent ?? '';
      for (const text of literal) {
        expect(read).toContain(text);
      }
      for (const anchor of Array.from(shown.querySelectorAll('a'))) {
        expect(anchor.getAttribute('href')!.startsWith(`${SENTRY_URL}/`)).toBe(true);
      }
    }
    // The annotation list panel renders the text with RenderUserContentAsHTML.
    const { container, unmount } = render(<RenderUserContentAsHTML content={row.text} />);
    expect(injectedMarkup(container)).toEqual([]);
    unmount();
    return read;
  }

  it('releases: the version in title, text and tags', async () => {
    const rows = await annotations('releases', 24 * 7);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const version = row.tags.find((t) => versions.has(t))!;
      expect(version).toMatch(PAYLOAD);
      const release = scenario.releases.find((r) => r.version === version)!;
      // Mobile builds show as "3.2.0 (405)"; the others by their raw version, payload included.
      expectShownAsText(row, [version, ...(release.buildCode ? [] : [`Release ${release.versionRaw}`])]);
    }
  });

  it('deploys: version, environment, name and the javascript: URL as text', async () => {
    const rows = await annotations('deploys', 24 * 7);
    const deploys = scenario.releases.flatMap((r) => r.deploys);
    expect(rows.some((row) => row.tags.includes(HOSTILE_STAGING))).toBe(true);
    for (const row of rows) {
      const version = row.tags.find((t) => versions.has(t))!;
      const environment = row.tags.find((t) => t === 'production' || t === HOSTILE_STAGING)!;
      const read = expectShownAsText(row, [version, environment]);
      // A release may go to one environment twice: one of those deploys is this one.
      const named = deploys.filter((d) => d.version === version && d.environment === environment && d.name);
      if (named.length > 0) {
        expect(named.some((d) => read.includes(d.name!))).toBe(true);
        expect(read).toContain(XSS_URL);
      }
    }
  });

  it.each<[AnnotationKind, number]>([
    ['newIssues', 24],
    ['regressions', 24 * 14],
  ])('%s: issue title and culprit', async (kind, hours) => {
    const rows = await annotations(kind, hours);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const issue = scenario.issues.find((i) => row.title.endsWith(` ${i.shortId}`))!;
      expectShownAsText(row, [issue.title, issue.culprit]);
    }
  });
});

describe('variables, ad hoc filters and Save & test hand Grafana raw text', () => {
  async function variable(query: Partial<SentryVariableQuery>) {
    const variables = datasource().variables as SentryVariableSupport;
    const targets = [{ refId: 'V', ...query } as SentryVariableQuery];
    const response = await firstValueFrom(variables.query(request(targets, 24 * 7) as never));
    return response.data as Array<{ text: string; value: string }>;
  }

  it('environments, releases and tag values', async () => {
    expect((await variable({ kind: 'environments' })).map((o) => o.text)).toContain(HOSTILE_STAGING);
    const releases = await variable({ kind: 'releases' });
    expect(releases.length).toBeGreaterThan(0);
    for (const option of releases) {
      expect(versions.has(option.value)).toBe(true);
      expect(option.text).toContain(option.value);
    }
    const notes = await variable({ kind: 'tagValues', tagKey: HOSTILE_TAG });
    expect(notes.map((o) => o.text).sort()).toEqual([...HOSTILE_TAG_VALUES].sort());
  });

  it('ad hoc filter keys and values', async () => {
    const ds = datasource();
    expect((await ds.getTagKeys()).map((k) => k.text)).toContain(HOSTILE_TAG);
    expect((await ds.getTagValues({ key: HOSTILE_TAG })).map((v) => v.text).sort()).toEqual(
      [...HOSTILE_TAG_VALUES].sort()
    );
  });

  it('Save & test names the organization as Sentry spells it', async () => {
    const result = await datasource().testDatasource();
    expect(result.status).toBe('success');
    expect(result.message).toContain(scenario.org.name);
    expect(scenario.org.name).toMatch(PAYLOAD);
  });
});
