// Discover: events, events-stats, events-timeseries.

import type { ApiEventsPage } from '../../src/sentry/api';
import {
  compileAggregateConditions,
  compileEventSearch,
  conditionFunctions,
  datasetDialect,
  Dialect,
  resolveDataset,
  Row,
  runTable,
  selectRows,
  validateFields,
  validateSort,
} from '../discover';
import { badRequest } from '../errors';
import { flavourOf, groupedTimeseriesFails, incompleteReason, internalError } from '../flavours';
import { paginate, parseCursor, parsePerPage } from '../pagination';
import { DEFAULT_PERIOD_MS, isTruthy, parseTimeRange, resolveEnvironments, resolveProjects } from '../params';
import { Project } from '../scenario';
import { parseSearch } from '../search';
import { memberProjects } from '../serializers';
import { eventsStats, eventsTimeseries } from '../timeseries';
import { EndpointContext, EndpointResult, linkContext } from './context';

interface EventsSelection {
  rows: Row[];
  datasetName: string;
  dialect: Dialect;
  projects: Project[];
  start: number;
  end: number;
  search: ReturnType<typeof compileEventSearch>;
}

function selectEvents(ctx: EndpointContext, options: { singleProjectRule: boolean }): EventsSelection {
  const { params } = ctx;
  const flavour = flavourOf(ctx.modes);
  const dataset = resolveDataset(params.get('dataset'), flavour);
  const range = parseTimeRange(params, ctx.now, { wrapPrefix: 'Invalid date range: ' })!;
  const projects = resolveProjects(ctx.scenario, params, memberProjects(ctx.scenario, ctx.token));
  if (options.singleProjectRule && ctx.modes.globalViews === false && projects.length > 1) {
    throw badRequest('You cannot view events from multiple projects.');
  }
  const environments = resolveEnvironments(ctx.scenario, params);
  const search = compileEventSearch(parseSearch(params.get('query') ?? ''), ctx.now);
  // Data after "now" does not exist yet.
  const end = Math.min(range.end, ctx.now + 1);
  const rows = selectRows({
    scenario: ctx.scenario,
    dataset: dataset.served,
    projects,
    environments,
    start: range.start,
    end,
    predicate: search.rowPredicate,
  });
  return {
    rows,
    datasetName: dataset.name,
    dialect: datasetDialect(dataset.name, flavour),
    projects,
    start: range.start,
    end: range.end,
    search,
  };
}

function baseMeta(datasetName: string) {
  return {
    isMetricsData: false,
    isMetricsExtractedData: false,
    tips: {},
    datasetReason: 'unchanged',
    dataset: datasetName,
  };
}

export function listEvents(ctx: EndpointContext): EndpointResult {
  const { params } = ctx;
  const fields = params.getAll('field').filter((f) => f !== '');
  if (fields.length === 0) {
    throw badRequest('No columns selected');
  }
  validateFields(fields);
  const perPage = parsePerPage(params);
  const cursor = parseCursor(params.get('cursor'));
  const sort = params.getAll('sort').length ? params.getAll('sort') : params.getAll('orderby');
  validateSort(sort, fields);
  const selection = selectEvents(ctx, { singleProjectRule: true });
  if (selection.projects.length === 0) {
    const empty: ApiEventsPage = { data: [], meta: { tips: { query: 'Need at least one valid project to query.' } } };
    return { body: empty };
  }
  if (selection.search.hasAggregateConditions && params.get('allowAggregateConditions') === '0') {
    throw badRequest('Aggregate filters (e.g. count():>10) are not allowed in this query.');
  }
  const table = runTable({
    fields,
    sort,
    rows: selection.rows,
    windowMs: selection.end - selection.start,
    aggregateFilter: compileAggregateConditions(selection.search.aggregateTerms, ctx.now, selection.dialect),
    conditionFunctions: conditionFunctions(selection.search.aggregateTerms),
    dialect: selection.dialect,
  });
  const page = paginate(table.data, cursor, perPage, linkContext(ctx));
  const body: ApiEventsPage = {
    data: page.items,
    meta: { fields: table.fields, units: table.units, ...baseMeta(selection.datasetName) },
  };
  return {
    body,
    headers: isTruthy(params.get('noPagination')) ? {} : page.headers,
  };
}

export function getEventsStats(ctx: EndpointContext): EndpointResult {
  const selection = selectEvents(ctx, { singleProjectRule: false });
  let comparisonRows: Row[] | undefined;
  let comparisonDeltaMs: number | undefined;
  const delta = ctx.params.get('comparisonDelta');
  if (delta) {
    if (!/^\d+$/.test(delta)) {
      throw badRequest('comparisonDelta must be an integer');
    }
    comparisonDeltaMs = Number(delta) * 1000;
    if (selection.start - comparisonDeltaMs < ctx.now - DEFAULT_PERIOD_MS) {
      throw badRequest('Comparison period is outside retention window');
    }
    const shifted = { ...ctx, params: new URLSearchParams(ctx.params) };
    shifted.params.delete('statsPeriod');
    shifted.params.set('start', new Date(selection.start - comparisonDeltaMs).toISOString());
    shifted.params.set('end', new Date(selection.end - comparisonDeltaMs).toISOString());
    comparisonRows = selectEvents(shifted, { singleProjectRule: false }).rows;
  }
  const body = eventsStats({
    rows: selection.rows,
    comparisonRows,
    comparisonDeltaMs,
    start: selection.start,
    end: selection.end,
    datasetName: selection.datasetName,
    params: ctx.params,
    noProjects: selection.projects.length === 0,
    dialect: selection.dialect,
  });
  return { body };
}

export function getEventsTimeseries(ctx: EndpointContext): EndpointResult {
  const flavour = flavourOf(ctx.modes);
  const selection = selectEvents(ctx, { singleProjectRule: false });
  return {
    body: eventsTimeseries({
      rows: selection.rows,
      start: selection.start,
      end: selection.end,
      now: ctx.now,
      datasetName: selection.datasetName,
      params: ctx.params,
      dialect: selection.dialect,
      incompleteReason: (bucketStart, interval) => incompleteReason(flavour, bucketStart, interval, ctx.now),
      groupedFailure: groupedTimeseriesFails(flavour, selection.datasetName)
        ? internalError(`${ctx.path}?${ctx.params.toString()}`)
        : undefined,
    }),
  };
}
