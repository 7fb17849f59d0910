/**
 * @jest-environment node
 *
 * Genuine release and deploy lists (Sentry's OpenAPI example and test fixture, sentry-mcp's mocks) through the
 * releases runner, as tables and as deploys.
 */
import { runReleasesQuery } from '../../src/sentry/queries/releases';
import { WIDE_RANGE, body, expectWellTyped, replayClient, values } from './replay';

describe('release lists read with the right types', () => {
  it.each([
    [
      'releases.openapi-org.json',
      {
        version: ['frontend@1.0.0'],
        shortVersion: ['1.0.0'],
        projects: ['sentry'],
        dateCreated: [Date.UTC(2024, 0, 1)],
        dateReleased: [null],
        newGroups: [0],
        deployCount: [0],
        commitCount: [0],
        lastDeployEnvironment: [null],
      },
    ],
    [
      'releases.mcp-list.json',
      {
        version: ['8ce89484-0fec-4913-a2cd-e8e2d41dee36'],
        projects: ['cloudflare-mcp'],
        dateCreated: [Date.UTC(2025, 3, 13, 19, 54, 21, 764)],
        dateReleased: [null],
        newGroups: [0],
        deployCount: [0],
      },
    ],
  ])('%s', async (name, expected) => {
    const { client } = replayClient({ 'releases/': body(name) });
    const frames = await runReleasesQuery(client, { refId: 'A', queryType: 'releases' }, WIDE_RANGE);
    expectWellTyped(frames);
    const got = Object.fromEntries(Object.keys(expected).map((key) => [key, values(frames[0], key)]));
    expect(got).toEqual(expected);
  });
});

describe('deploy lists read with the right types', () => {
  // The release list here is the test's own: it only leads the runner to the deploys endpoint.
  const release = { id: 1, version: '4.2.0', dateCreated: '2020-05-11T18:00:00Z', deployCount: 1, projects: [] };

  it.each([
    [
      'deploys.mcp.json',
      (b: unknown) => b,
      {
        environment: ['production'],
        name: ['prod deploy'],
        url: ['https://deploys.example.com/98765'],
        dateStarted: [Date.UTC(2025, 3, 13, 20, 0, 0)],
        dateFinished: [Date.UTC(2025, 3, 13, 20, 5, 30)],
      },
    ],
    [
      // DeployFixture is one item of the list the endpoint answers.
      'deploys.sentry-js-deploy.json',
      (b: unknown) => [b],
      {
        environment: ['production'],
        name: ['85fedddce5a61a58b160fa6b3d6a1a8451e94eb9 to prod'],
        url: [''],
        dateStarted: [Date.UTC(2020, 4, 11, 18, 12, 0, 25)],
        dateFinished: [Date.UTC(2020, 4, 11, 18, 12, 0, 25)],
      },
    ],
  ])('%s', async (name, asList, expected) => {
    const { client } = replayClient({ 'releases/4.2.0/deploys/': asList(body(name)), 'releases/': [release] });
    const frames = await runReleasesQuery(
      client,
      { refId: 'A', queryType: 'releases', releasesMode: 'deploys' },
      WIDE_RANGE
    );
    expectWellTyped(frames);
    const got = Object.fromEntries(Object.keys(expected).map((key) => [key, values(frames[0], key)]));
    expect({ ...got, version: values(frames[0], 'version') }).toEqual({ ...expected, version: ['4.2.0'] });
  });
});
