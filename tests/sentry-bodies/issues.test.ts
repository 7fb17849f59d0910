/**
 * @jest-environment node
 *
 * Genuine issue lists (Sentry's OpenAPI examples, sentry-mcp's mock) through the issues runner: counts that Sentry
 * sends as strings become numbers, dates become times, absent parts become null.
 */
import { runIssuesQuery } from '../../src/sentry/queries/issues';
import { WIDE_RANGE, body, expectWellTyped, replayClient, values } from './replay';

async function issuesFrom(name: string) {
  const { client } = replayClient({ 'issues/': body(name) });
  const frames = await runIssuesQuery(client, { refId: 'A', queryType: 'issues', issuesQuery: '' }, WIDE_RANGE);
  expectWellTyped(frames);
  return frames[0];
}

describe('issue lists read with the right types', () => {
  it.each([
    [
      'issues.openapi-org.json',
      {
        id: ['1'],
        shortId: ['PUMP-STATION-1'],
        status: ['ignored'],
        substatus: ['archived_until_condition_met'],
        priority: ['medium'],
        project: ['pump-station'],
        assignee: ['John Doe'],
        count: [150],
        userCount: [0],
        lifetimeCount: [150],
        lifetimeUserCount: [0],
        firstSeen: [Date.UTC(2018, 10, 6, 21, 19, 55)],
        lastSeen: [Date.UTC(2018, 11, 6, 21, 19, 55)],
      },
    ],
    [
      'issues.openapi-project.json',
      {
        id: ['1'],
        status: ['unresolved'],
        substatus: [null],
        priority: [null],
        assignee: [null],
        count: [1],
        userCount: [0],
        lifetimeCount: [null],
        firstSeen: [Date.UTC(2018, 10, 6, 21, 19, 55)],
      },
    ],
    [
      'issues.mcp-list.json',
      {
        id: ['6507376925'],
        shortId: ['CLOUDFLARE-MCP-41'],
        culprit: ['Object.fetch(index)'],
        project: ['CLOUDFLARE-MCP'],
        assignee: ['Jane Developer'],
        count: [25],
        userCount: [1],
        lifetimeCount: [null],
        firstSeen: [Date.UTC(2025, 3, 3, 22, 51, 19, 403)],
        lastSeen: [Date.UTC(2025, 3, 12, 11, 34, 11)],
      },
    ],
  ])('%s', async (name, expected) => {
    const frame = await issuesFrom(name);
    const got = Object.fromEntries(Object.keys(expected).map((key) => [key, values(frame, key)]));
    expect(got).toEqual(expected);
  });
});
