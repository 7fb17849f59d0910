// collectQueries: which targets are this plugin's, and dashboard variables applied as the plugin does in Grafana.
import manifest from '../src/plugin.json';
import { Dashboard, DashboardQuery, PLUGIN_ID, collectQueries } from './dashboard';
import type { DashboardVariable } from './templateSrv';

const ours = { type: manifest.id, uid: 'sentry' };

function dashboardWith(target: Record<string, unknown>, variables: DashboardVariable[]): Dashboard {
  return {
    templating: { list: variables },
    panels: [{ title: 'P', datasource: ours, targets: [{ refId: 'A', queryType: 'issues', ...target }] }],
  };
}

const queryOf = (result: DashboardQuery[]) => result[0].query as unknown as Record<string, unknown>;

describe('collectQueries', () => {
  it('knows this plugin by the id in src/plugin.json', () => {
    expect(PLUGIN_ID).toBe(manifest.id);
  });

  it('takes targets of this data source: by panel, by target, by a data source variable; rows included', () => {
    const dashboard: Dashboard = {
      templating: { list: [{ name: 'ds', type: 'datasource', query: manifest.id }] },
      panels: [
        { title: 'panel', datasource: ours, targets: [{ refId: 'A', queryType: 'issues' }] },
        { title: 'prometheus', datasource: { type: 'prometheus' }, targets: [{ refId: 'A', expr: 'up' }] },
        { title: 'target', datasource: { type: 'prometheus' }, targets: [{ refId: 'B', datasource: ours }] },
        { title: 'variable', datasource: '${ds}', targets: [{ refId: 'C' }] },
        {
          title: 'row',
          type: 'row',
          panels: [{ title: 'in row', datasource: { uid: '$ds' }, targets: [{ refId: 'D' }] }],
        },
      ],
    };
    const result = collectQueries(dashboard);
    expect(result.map((q) => [q.panelTitle, q.query.refId])).toEqual([
      ['panel', 'A'],
      ['target', 'B'],
      ['variable', 'C'],
      ['in row', 'D'],
    ]);
    expect(result[1].query).not.toHaveProperty('datasource');
  });

  it('writes a variable in a search field in Sentry syntax, as the plugin does in Grafana', () => {
    const env: DashboardVariable = { name: 'env', current: { value: 'staging west' } };
    const release: DashboardVariable = { name: 'release', multi: true, current: { value: ['1.0', '2.0'] } };
    const result = collectQueries(dashboardWith({ issuesQuery: 'environment:$env release:$release' }, [env, release]));
    expect(queryOf(result).issuesQuery).toBe('environment:"staging west" release:[1.0, 2.0]');
  });

  it('makes one list entry per value', () => {
    const project: DashboardVariable = { name: 'project', multi: true, current: { value: ['api', 'web'] } };
    const result = collectQueries(dashboardWith({ projectIds: ['$project', '7'] }, [project]));
    expect(queryOf(result).projectIds).toEqual(['api', 'web', '7']);
  });

  it.each<[string, Partial<DashboardVariable>, string[]]>([
    ['no options saved: no filter', {}, []],
    ['its saved options', { options: [{ value: '$__all' }, { value: 'prod' }, { value: 'dev' }] }, ['prod', 'dev']],
    ['a custom all value as written', { allValue: '*' }, ['*']],
  ])('All selected: %s', (_name, extra, expected) => {
    const env: DashboardVariable = {
      name: 'env',
      includeAll: true,
      multi: true,
      current: { value: ['$__all'] },
      ...extra,
    };
    expect(queryOf(collectQueries(dashboardWith({ environments: ['$env'] }, [env]))).environments).toEqual(expected);
  });

  it('takes --var values over the saved ones, and adds variables the dashboard lacks', () => {
    const env: DashboardVariable = { name: 'env', current: { value: 'production' } };
    const dashboard = dashboardWith({ environments: ['$env'], issuesQuery: 'is:$status' }, [env]);
    const query = queryOf(collectQueries(dashboard, { env: ['dev', 'qa'], status: ['unresolved'] }));
    expect(query).toMatchObject({ environments: ['dev', 'qa'], issuesQuery: 'is:unresolved' });
    const lookup = dashboardWith({ queryType: 'requestLookup', lookupIds: ['$ids'] }, []);
    expect(queryOf(collectQueries(lookup, { ids: ['a'] }))).toMatchObject({ lookupIds: ['a'] });
  });

  it('leaves unknown variables as written', () => {
    const result = collectQueries(dashboardWith({ environments: ['$nope'], issuesQuery: 'x:$nope' }, []));
    expect(queryOf(result)).toMatchObject({ environments: ['$nope'], issuesQuery: 'x:$nope' });
  });
});
