/** @jest-environment node */
// Ingestion (the envelope endpoint) and the bulk issue update: events sent with the DSN become issues and events the
// API serves, grouped by fingerprint; status changes need event:write and are heard by listeners.

import { DEMO_TOKEN, EVENT_WRITE_TOKEN } from './auth';
import { FakeSentry } from './handlers';
import { dsnFor, DSN_PUBLIC_KEY, IssueChange, onIssueChange, parseEnvelope } from './ingest';
import { FIXED_NOW, get, makeFake, ORG_PATH, qs } from './test-helpers';

function envelope(event: Record<string, unknown>): string {
  const payload = JSON.stringify(event);
  return [
    JSON.stringify({ event_id: event.event_id, sent_at: new Date(FIXED_NOW).toISOString() }),
    JSON.stringify({ type: 'event', length: Buffer.byteLength(payload) }),
    payload,
    JSON.stringify({ type: 'client_report' }),
    '{}',
  ].join('\n');
}

function send(fake: FakeSentry, projectId: string, event: Record<string, unknown>, key = DSN_PUBLIC_KEY) {
  return fake.handle({
    method: 'POST',
    url: `/api/${projectId}/envelope/`,
    headers: { 'x-sentry-auth': `Sentry sentry_version=7, sentry_key=${key}, sentry_client=test/1.0` },
    body: envelope(event),
  });
}

function update(fake: FakeSentry, query: string, body: unknown, token = EVENT_WRITE_TOKEN) {
  return fake.handle({
    method: 'PUT',
    url: `${ORG_PATH}/issues/?${query}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('the envelope endpoint', () => {
  const alertEvent = (id: string, extra: Record<string, unknown> = {}) => ({
    event_id: id,
    timestamp: (FIXED_NOW - 60_000) / 1000,
    level: 'warning',
    message: 'DiskFilling: /var is 91 % full',
    environment: 'production',
    release: 'checkout-api@2.4.1',
    tags: { alertname: 'DiskFilling', alertmanager_fingerprint: 'abc123' },
    fingerprint: ['alertmanager', 'DiskFilling', 'abc123'],
    ...extra,
  });

  it('names a DSN per project with the fake’s public key', () => {
    expect(dsnFor('http://127.0.0.1:3998', { id: '4505' })).toBe(`http://${DSN_PUBLIC_KEY}@127.0.0.1:3998/4505`);
  });

  it('parses items by length or by line', () => {
    const parsed = parseEnvelope(
      '{"event_id":"e1"}\n{"type":"event","length":7}\n{"a":1}\n{"type":"attachment"}\nxyz\n'
    );
    expect(parsed).toEqual({
      header: { event_id: 'e1' },
      items: [
        { type: 'event', payload: '{"a":1}' },
        { type: 'attachment', payload: 'xyz' },
      ],
    });
  });

  it('stores events with the same fingerprint in one issue the issues API serves, and refuses a wrong key', async () => {
    const fake = makeFake();
    const project = fake.scenario.projects[0];
    expect((await send(fake, project.id, alertEvent('e1'), '0000')).status).toBe(401);
    expect((await send(fake, '999999', alertEvent('e1'))).status).toBe(403);

    const first = await send(fake, project.id, alertEvent('e1'));
    expect([first.status, JSON.parse(first.body)]).toEqual([200, { id: 'e1' }]);
    await send(fake, project.id, alertEvent('e2'));
    await send(
      fake,
      project.id,
      alertEvent('e3', {
        fingerprint: ['alertmanager', 'DiskFilling', 'other'],
        tags: { alertmanager_fingerprint: 'other' },
      })
    );

    const found = await get(
      fake,
      `${ORG_PATH}/issues/?${qs([
        ['project', project.id],
        ['query', 'alertmanager_fingerprint:abc123'],
        ['statsPeriod', '24h'],
      ])}`
    );
    expect(found.json).toHaveLength(1);
    expect(found.json[0]).toMatchObject({
      title: 'DiskFilling: /var is 91 % full',
      count: '2',
      level: 'warning',
      status: 'unresolved',
    });
    const events = await get(fake, `${ORG_PATH}/issues/${found.json[0].id}/events/`);
    expect(events.json.map((e: { eventID: string }) => e.eventID)).toEqual(['e2', 'e1']);
  });

  it('updates issue status only with event:write, tells listeners, and regresses a resolved issue on a new event', async () => {
    const fake = makeFake();
    const project = fake.scenario.projects[0];
    await send(fake, project.id, alertEvent('e1'));
    const issue = fake.scenario.issues.find((i) => i.title.startsWith('DiskFilling'))!;
    const heard: Array<[string, IssueChange]> = [];
    onIssueChange(fake.scenario, (changed, change) => heard.push([changed.id, change]));

    expect((await update(fake, `id=${issue.id}`, { status: 'resolved' }, DEMO_TOKEN)).status).toBe(403);
    expect((await update(fake, `id=${issue.id}`, { status: 'merged' })).status).toBe(400);
    const resolved = await update(fake, `id=${issue.id}`, { status: 'resolved' });
    expect([resolved.status, JSON.parse(resolved.body).status]).toEqual([200, 'resolved']);
    expect(issue.status).toBe('resolved');
    expect((await update(fake, 'id=1', { status: 'resolved' })).status).toBe(204);

    await send(fake, project.id, alertEvent('e2'));
    expect([issue.status, issue.substatus]).toEqual(['unresolved', 'regressed']);
    expect(heard).toEqual([
      [issue.id, 'resolved'],
      [issue.id, 'unresolved'],
    ]);
  });
});
