/** @jest-environment node */
import { ScriptedTransport, json } from '../../tests/support/scriptedTransport';
import { SentryClient } from './client';
import { nextCursor, parseLinkHeader } from './pagination';

const SENTRY_LINK =
  '<https://sentry.io/api/0/organizations/acme/projects/?per_page=2&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ' +
  '<https://sentry.io/api/0/organizations/acme/projects/?per_page=2&cursor=0:2:0>; rel="next"; results="true"; cursor="0:2:0"';

describe('parseLinkHeader', () => {
  it('reads both entries of a Sentry Link header', () => {
    expect(parseLinkHeader(SENTRY_LINK)).toEqual([
      { rel: 'previous', url: expect.stringContaining('cursor=0:0:1'), results: false, cursor: '0:0:1' },
      { rel: 'next', url: expect.stringContaining('cursor=0:2:0'), results: true, cursor: '0:2:0' },
    ]);
    expect(nextCursor(SENTRY_LINK)).toBe('0:2:0');
  });

  it('says there is no next page when results="false"', () => {
    expect(nextCursor(SENTRY_LINK.replace('results="true"', 'results="false"'))).toBeUndefined();
    expect(nextCursor(undefined)).toBeUndefined();
    expect(nextCursor('')).toBeUndefined();
  });

  it('keeps opaque cursors with commas and colons intact', () => {
    const header = '<https://x/?cursor=a>; rel="next"; results="true"; cursor="1700000000000:0:0,flex:abc="';
    expect(nextCursor(header)).toBe('1700000000000:0:0,flex:abc=');
  });
});

/** Serves `total` numbered rows, `per_page`/`limit` at a time, with Link URLs on a foreign host. */
function pagedServer(total: number, sizeParam = 'per_page') {
  return new ScriptedTransport((request) => {
    const params = new URLSearchParams(request.params);
    const size = Number(params.get(sizeParam));
    const offset = Number((params.get('cursor') ?? '0:0:0').split(':')[1]);
    const rows = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => ({ n: offset + i }));
    const more = offset + size < total;
    const link =
      `<https://internal-host.example/api/0/x/?cursor=0:${offset}:1>; rel="previous"; results="${offset > 0}"; cursor="0:${offset}:1", ` +
      `<https://internal-host.example/api/0/x/?cursor=0:${offset + size}:0>; rel="next"; results="${more}"; cursor="0:${offset + size}:0"`;
    return json(200, rows, { link });
  });
}

describe('SentryClient.getAllPages', () => {
  it('reads every page until Sentry says there are no more', async () => {
    const transport = pagedServer(250);
    const client = new SentryClient({ transport, orgSlug: 'acme', rowBudget: 10_000 });
    const result = await client.getAllPages<{ n: number }>('/api/0/organizations/acme/projects/', [['query', 'x']]);
    expect(result.rows.map((r) => r.n)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(result).toMatchObject({ truncated: false, pages: 3 });
    // Never follows the Link URL's host: every request is our own path plus the cursor.
    expect(transport.requests.map((r) => r.path)).toEqual(Array(3).fill('/api/0/organizations/acme/projects/'));
    expect(transport.requests[1].params).toEqual([
      ['query', 'x'],
      ['per_page', '100'],
      ['cursor', '0:100:0'],
    ]);
  });

  it('stops at the row budget and marks the result truncated', async () => {
    const transport = pagedServer(250, 'limit');
    const client = new SentryClient({ transport, orgSlug: 'acme' });
    const result = await client.getAllPages('/api/0/organizations/acme/issues/', [], {
      rowBudget: 150,
      pageSizeParam: 'limit',
    });
    expect(result.rows).toHaveLength(150);
    expect(result.truncated).toBe(true);
    // The second page asks only for what the budget has left.
    expect(transport.requests.map((r) => new URLSearchParams(r.params).get('limit'))).toEqual(['100', '50']);
  });

  it('is not truncated when the data ends exactly at the budget', async () => {
    const client = new SentryClient({ transport: pagedServer(200), orgSlug: 'acme' });
    const result = await client.getAllPages('/api/0/organizations/acme/projects/', [], { rowBudget: 200 });
    expect(result).toMatchObject({ truncated: false, pages: 2 });
  });

  it('marks truncated when Sentry has more exactly at the budget', async () => {
    const client = new SentryClient({ transport: pagedServer(201), orgSlug: 'acme' });
    const result = await client.getAllPages('/api/0/organizations/acme/projects/', [], { rowBudget: 200 });
    expect(result.rows).toHaveLength(200);
    expect(result.truncated).toBe(true);
  });

  it('fails instead of looping when Sentry repeats a cursor', async () => {
    const transport = new ScriptedTransport(() =>
      json(200, [{ n: 1 }], { link: '<https://x/>; rel="next"; results="true"; cursor="0:1:0"' })
    );
    const client = new SentryClient({ transport, orgSlug: 'acme' });
    await expect(
      client.getAllPages('/api/0/organizations/acme/projects/', [], { rowBudget: 1000 })
    ).rejects.toMatchObject({
      kind: 'invalid-response',
    });
    expect(transport.requests.length).toBe(2);
  });

  it('reports an object where a list was expected', async () => {
    const client = new SentryClient({
      transport: new ScriptedTransport(() => json(200, { detail: 'x' })),
      orgSlug: 'acme',
    });
    await expect(client.getAllPages('/api/0/organizations/acme/projects/')).rejects.toThrow(
      'where a list was expected'
    );
  });
});

describe('SentryClient.readPages', () => {
  it('hands on each page’s rows as it comes, cut to the budget, keeping none', async () => {
    const client = new SentryClient({ transport: pagedServer(250), orgSlug: 'acme' });
    const pages: number[][] = [];
    const result = await client.readPages<{ n: number }>('/api/0/organizations/acme/projects/', [], {
      rowBudget: 150,
      onPage: (rows) => {
        pages.push(rows.map((r) => r.n));
        return false;
      },
    });
    expect(pages.map((p) => [p[0], p.length])).toEqual([
      [0, 100],
      [100, 50],
    ]);
    expect(result).toEqual({ rows: 150, truncated: true, pages: 2 });
  });

  it('stops after the page where onPage says the rows are enough, not truncated', async () => {
    const transport = pagedServer(250);
    const client = new SentryClient({ transport, orgSlug: 'acme', rowBudget: 10_000 });
    const result = await client.readPages('/api/0/organizations/acme/projects/', [], { onPage: () => true });
    expect(result).toEqual({ rows: 100, truncated: false, pages: 1 });
    expect(transport.requests).toHaveLength(1);
  });
});
