/**
 * UI strings and test ids shared by the editors, the Jest tests and the Playwright tests.
 * Plain values only: Playwright imports this file in Node.
 */
import {
  DEFAULT_MAX_CONCURRENT_REQUESTS,
  DEFAULT_ROW_BUDGET,
  DEFAULT_SENTRY_URL,
  MAX_CONCURRENT_REQUESTS_LIMIT,
  MAX_ROW_BUDGET,
  REQUIRED_SCOPES,
} from './sentry/constants';
import { DEFAULT_DISTRIBUTION_LIMIT } from './sentry/queries/distribution';
import { DEFAULT_EVENTS_LIMIT } from './sentry/queries/events';
import { DEFAULT_TOP_N, MAX_TOP_N } from './sentry/queries/eventsStats';
import { DEFAULT_ISSUES_LIMIT } from './sentry/queries/issues';
import { DEFAULT_RELEASES_LIMIT } from './sentry/queries/releases';
import { DEFAULT_LOOKUP_LIMIT, DEFAULT_REQUEST_ID_TAG, MAX_LOOKUP_IDS } from './sentry/queries/requestLookup';
import { DEFAULT_SPIKE_LIMIT, DEFAULT_SPIKE_MIN_EVENTS, MAX_SPIKE_LIMIT } from './sentry/queries/spikeExplainer';
import { DEFAULT_ANOMALY_K, DEFAULT_ANOMALY_WINDOW, MAX_ANOMALY_K, MAX_ANOMALY_WINDOW } from './sentry/anomaly';
import {
  MAX_DISTRIBUTION_LIMIT,
  MAX_EVENTS_FIELDS,
  MAX_EVENTS_LIMIT,
  MAX_ISSUES_LIMIT,
  MAX_RELEASES_LIMIT,
} from './validation';

/** Test ids of the query editor: `data-testid sentry-lens query <part>`. */
const queryTestId = (part: string) => `data-testid sentry-lens query ${part}`;
const RUN_HINT = 'Runs when you leave the field or press Shift+Enter.';

export const Components = {
  ConfigEditor: {
    Description: {
      dataSourceName: 'Sentry Lens',
      docsLink: 'https://docs.sentry.io/api/auth/',
    },
    Connection: {
      title: 'Connection',
      description: 'Where your Sentry is, which organization to read, and the token to read it with.',
    },
    RequestLimits: {
      title: 'Request limits',
      description: 'How hard this data source may query Sentry. Leave a field empty to use its default.',
      /** aria-label of plugin-ui's ConfigSection toggle while the section is collapsed. */
      expandAriaLabel: 'Expand section Request limits',
    },
    URL: {
      label: 'Sentry URL',
      placeholder: DEFAULT_SENTRY_URL,
      description:
        `${DEFAULT_SENTRY_URL} works for every SaaS organization. For data residency use your region's host, ` +
        'https://us.sentry.io or https://de.sentry.io. For self-hosted Sentry enter the root of the instance, ' +
        'e.g. https://sentry.example.com, without /api/0 or any other path.',
      testId: 'data-testid sentry-lens config url',
    },
    OrgSlug: {
      label: 'Organization slug',
      placeholder: 'acme',
      description:
        'The slug in https://<slug>.sentry.io or in /organizations/<slug>/ of your Sentry URLs. ' +
        'You can paste such a URL: the slug is taken from it.',
      testId: 'data-testid sentry-lens config org-slug',
    },
    AuthToken: {
      label: 'Auth token',
      placeholder: 'Paste a Sentry auth token',
      description:
        'Create an internal integration (Settings › Developer Settings › Custom Integrations › ' +
        'Create New Integration › Internal Integration) or a personal token, with Read access on ' +
        `Organization, Project, and Issue & Event (scopes ${REQUIRED_SCOPES.join(', ')}); ` +
        'add Team Read if you use team variables.',
      orgTokenWarning: 'Organization tokens (sntrys_…) only carry the org:ci scope and will not work.',
      storageNote:
        "Grafana stores the token encrypted and sends it to Sentry only from Grafana's server, through its " +
        'data source proxy; it never reaches the browser.',
      testId: 'data-testid sentry-lens config auth-token',
    },
    MaxConcurrent: {
      label: 'Max concurrent requests',
      placeholder: String(DEFAULT_MAX_CONCURRENT_REQUESTS),
      description:
        'Requests to Sentry in flight at once for this data source instance; a low number stays clear of ' +
        `Sentry's rate limits. Default ${DEFAULT_MAX_CONCURRENT_REQUESTS}, at most ${MAX_CONCURRENT_REQUESTS_LIMIT}.`,
      testId: 'data-testid sentry-lens config max-concurrent',
    },
    RowBudget: {
      label: 'Row budget',
      placeholder: String(DEFAULT_ROW_BUDGET),
      description:
        'Most rows a paginated query reads before it stops and marks the result as truncated. ' +
        `Default ${DEFAULT_ROW_BUDGET}, at most ${MAX_ROW_BUDGET}.`,
      testId: 'data-testid sentry-lens config row-budget',
    },
    Correlation: {
      title: 'Prometheus correlation',
      description:
        'Links from Sentry panels to the same service, environment and release in Prometheus (Grafana Explore).',
      Datasource: {
        label: 'Prometheus data source',
        description: 'Sentry panels link to Explore on this data source.',
        testId: 'data-testid sentry-lens config prometheus',
      },
      LabelMap: {
        label: 'Label map',
        description:
          'Pairs of a Prometheus label and the Sentry dimension with the same values: project (slug), environment, release, transaction, or a tag key.',
        prometheusPlaceholder: 'Prometheus label',
        sentryPlaceholder: 'Sentry dimension',
        add: 'Add mapping',
        remove: 'Remove mapping',
        testId: 'data-testid sentry-lens config label-map',
      },
      Query: {
        label: 'Prometheus query',
        description: 'PromQL opened from Sentry panels; <labels> becomes the matchers, <labelNames> the label names.',
        testId: 'data-testid sentry-lens config prometheus-query',
      },
    },
  },
  QueryEditor: {
    QueryType: {
      label: 'Query type',
      placeholder: 'Pick a query type',
      tooltip: 'What to read from Sentry. Changing it keeps the projects and environments and resets the rest.',
      testId: queryTestId('type'),
      options: {
        issues: { label: 'Issues', description: 'A table of issues matching a Sentry issue search.' },
        eventsStats: {
          label: 'Event frequency',
          description: 'Counts and other aggregates over time, optionally for the top N groups.',
        },
        errorDistribution: {
          label: 'Error distribution',
          description: 'Errors counted by one field or tag, for pie and bar charts.',
        },
        events: { label: 'Events', description: 'A table of events with the columns you choose (Discover).' },
        performance: {
          label: 'Transactions performance',
          description: 'Throughput, latency percentiles, failure rate and apdex per transaction or over time.',
        },
        spans: { label: 'Spans', description: 'A table of spans with the columns you choose.' },
        spansStats: { label: 'Spans time series', description: 'Span aggregates over time, e.g. p95(span.duration).' },
        sessions: { label: 'Session health', description: 'Crash-free rates and session counts from release health.' },
        statsV2: {
          label: 'Org stats',
          description: 'Usage: accepted, filtered and rate-limited events by category and outcome.',
        },
        releases: { label: 'Releases & deploys', description: 'Releases or deploys in the time range, as a table.' },
        spikeExplainer: {
          label: 'Spike explainer',
          description:
            'Which issues explain a spike: issues ranked by how many more events they had in the time range than before.',
        },
        requestLookup: {
          label: 'Request / trace lookup',
          description: 'The error events (and transactions) of request ids or trace ids, with their issues.',
        },
      },
    },
    Projects: {
      label: 'Projects',
      tooltip: 'Sentry projects to read; none means all projects the token can see. Dashboard variables work too.',
      placeholder: 'All projects',
      testId: queryTestId('projects'),
      loadError: 'Could not load projects',
    },
    Environments: {
      label: 'Environments',
      tooltip: 'Environments to read; none means all. Listed for the selected projects. Dashboard variables work too.',
      placeholder: 'All environments',
      testId: queryTestId('environments'),
      loadError: 'Could not load environments',
    },
    TagKeys: {
      loadError: 'Could not load tag keys',
    },
    /** Description of dashboard variables among the options of projects, environments. */
    variableDescription: 'Dashboard variable',
    datasets: { errors: 'Errors', transactions: 'Transactions', spans: 'Spans', discover: 'Discover' },
    Issues: {
      Search: {
        label: 'Search',
        placeholder: 'is:unresolved level:error (Shift+Enter to run)',
        tooltip: `Sentry issue search; empty lists all issues, resolved ones included. ${RUN_HINT}`,
        testId: queryTestId('issues search'),
      },
      Sort: {
        label: 'Sort by',
        placeholder: 'Last seen',
        tooltip: 'Order of the issues; empty uses Sentry’s default (last seen).',
        testId: queryTestId('issues sort'),
        options: {
          date: 'Last seen',
          new: 'First seen',
          freq: 'Events',
          user: 'Users',
          priority: 'Priority',
        },
      },
      Limit: {
        label: 'Limit',
        placeholder: String(DEFAULT_ISSUES_LIMIT),
        tooltip: `Issues to list, 1 to ${MAX_ISSUES_LIMIT}; the data source’s row budget caps it. ${RUN_HINT}`,
        testId: queryTestId('issues limit'),
      },
    },
    EventsStats: {
      Dataset: {
        label: 'Dataset',
        tooltip: 'Which events to count; Discover is errors and transactions together.',
        testId: queryTestId('stats dataset'),
      },
      Search: {
        label: 'Search',
        placeholder: 'level:error !transaction:/health (Shift+Enter to run)',
        tooltip: `Sentry event search. ${RUN_HINT}`,
        testId: queryTestId('stats search'),
      },
      YAxis: {
        label: 'Y-axis',
        placeholder: 'count()',
        tooltip: 'Aggregates to chart, e.g. count(), count_unique(user), epm(), failure_rate(). Type to add your own.',
        testId: queryTestId('stats y-axis'),
      },
      GroupBy: {
        label: 'Group by',
        placeholder: 'No grouping',
        tooltip: 'Fields or tags to split the series by; then the top N groups are charted.',
        testId: queryTestId('stats group-by'),
      },
      TopN: {
        label: 'Top N',
        placeholder: String(DEFAULT_TOP_N),
        tooltip: `Groups to chart when grouped, 1 to ${MAX_TOP_N}. ${RUN_HINT}`,
        testId: queryTestId('stats top-n'),
      },
      Sort: {
        label: 'Rank groups by',
        placeholder: 'First y-axis, highest first',
        tooltip: 'How the top N groups are chosen; a leading - means highest first.',
        testId: queryTestId('stats sort'),
        descending: 'highest first',
        ascending: 'lowest first',
      },
      Other: {
        label: 'Other',
        tooltip: 'Add an "Other" series with everything outside the top N.',
        testId: queryTestId('stats other'),
      },
      AnomalyBand: {
        label: 'Anomaly band',
        tooltip:
          'Draw the range expected from the same series a day or a week earlier, and flag the buckets outside it ' +
          '(series "anomaly": 1 or 0). One y-axis, no group-by.',
        testId: queryTestId('stats anomaly band'),
      },
      AnomalyBaseline: {
        label: 'Learn from',
        tooltip: 'The earlier period the band is computed from.',
        testId: queryTestId('stats anomaly baseline'),
        options: { previousDay: 'Previous day', previousWeek: 'Previous week' },
      },
      AnomalyK: {
        label: 'Width (k)',
        placeholder: String(DEFAULT_ANOMALY_K),
        tooltip:
          `Half-width of the band in robust standard deviations (1.4826 × median absolute deviation); ` +
          `counts are never narrower than k·√median. Above 0, at most ${MAX_ANOMALY_K}. ${RUN_HINT}`,
        testId: queryTestId('stats anomaly k'),
      },
      AnomalyWindow: {
        label: 'Window',
        placeholder: String(DEFAULT_ANOMALY_WINDOW),
        tooltip: `Earlier buckets around the same time each point of the band is computed from, 1 to ${MAX_ANOMALY_WINDOW}. ${RUN_HINT}`,
        testId: queryTestId('stats anomaly window'),
      },
    },
    Distribution: {
      Field: {
        label: 'Count by',
        placeholder: 'error.type',
        tooltip: 'The field or tag to count errors by, e.g. error.type, level, release or tags[browser].',
        testId: queryTestId('distribution field'),
      },
      Search: {
        label: 'Search',
        placeholder: 'handled:no (Shift+Enter to run)',
        tooltip: `Sentry event search over the errors dataset. ${RUN_HINT}`,
        testId: queryTestId('distribution search'),
      },
      Limit: {
        label: 'Categories',
        placeholder: String(DEFAULT_DISTRIBUTION_LIMIT),
        tooltip: `Largest categories to list, 1 to ${MAX_DISTRIBUTION_LIMIT}; the rest become "Other". ${RUN_HINT}`,
        testId: queryTestId('distribution limit'),
      },
      Share: {
        label: 'Share',
        tooltip: 'Add each category’s share of all errors.',
        testId: queryTestId('distribution share'),
      },
    },
    Events: {
      Dataset: {
        label: 'Dataset',
        tooltip: 'Which events to list; Discover is errors and transactions together.',
        testId: queryTestId('events dataset'),
      },
      Search: {
        label: 'Search',
        placeholder: 'level:error release:1.2.* (Shift+Enter to run)',
        tooltip: `Sentry event search. ${RUN_HINT}`,
        testId: queryTestId('events search'),
      },
      Fields: {
        label: 'Fields',
        placeholder: 'Default fields',
        tooltip: `Columns in the order you pick them: fields, tags[...] and functions such as count(). At most ${MAX_EVENTS_FIELDS}.`,
        testId: queryTestId('events fields'),
      },
      Sort: {
        label: 'Sort by',
        placeholder: 'Sentry’s order',
        tooltip: 'A column to sort by; it must be among the fields.',
        testId: queryTestId('events sort'),
      },
      SortDirection: {
        label: 'Direction',
        testId: queryTestId('events sort direction'),
        options: { desc: 'Descending', asc: 'Ascending' },
      },
      Limit: {
        label: 'Limit',
        placeholder: String(DEFAULT_EVENTS_LIMIT),
        tooltip: `Rows to read, 1 to ${MAX_EVENTS_LIMIT}; the data source’s row budget caps it. ${RUN_HINT}`,
        testId: queryTestId('events limit'),
      },
    },
    Performance: {
      Mode: {
        label: 'Show',
        testId: queryTestId('performance mode'),
        options: { table: 'Table per transaction', timeseries: 'Time series' },
      },
      Metrics: {
        label: 'Metrics',
        placeholder: 'Default metrics',
        tooltip: 'The figures Sentry’s performance pages show.',
        testId: queryTestId('performance metrics'),
        options: {
          count: 'Count',
          tpm: 'Throughput (tpm)',
          p50: 'p50 duration',
          p75: 'p75 duration',
          p95: 'p95 duration',
          p99: 'p99 duration',
          failureRate: 'Failure rate',
          apdex: 'Apdex',
          miserableUsers: 'Miserable users',
        },
      },
      Search: {
        label: 'Search',
        placeholder: 'transaction:/api/* (Shift+Enter to run)',
        tooltip: `Sentry search over transactions. ${RUN_HINT}`,
        testId: queryTestId('performance search'),
      },
      GroupBy: {
        label: 'Group by',
        placeholder: 'No grouping',
        tooltip: 'Split the series by these fields, e.g. transaction; then the top N groups are charted.',
        testId: queryTestId('performance group-by'),
      },
      Limit: {
        label: 'Limit',
        placeholder: '50',
        tooltip: `Transactions to list, 1 to ${MAX_EVENTS_LIMIT}. ${RUN_HINT}`,
        testId: queryTestId('performance limit'),
      },
      TopN: {
        label: 'Top N',
        placeholder: String(DEFAULT_TOP_N),
        tooltip: `Groups to chart when grouped, 1 to ${MAX_TOP_N}. ${RUN_HINT}`,
        testId: queryTestId('performance limit'),
      },
      Apdex: {
        label: 'Apdex threshold (ms)',
        placeholder: 'Project setting',
        tooltip: `Response time counted as satisfied for apdex and miserable users; empty uses each project’s setting. ${RUN_HINT}`,
        testId: queryTestId('performance apdex'),
      },
    },
    Sessions: {
      Fields: {
        label: 'Fields',
        placeholder: 'Crash-free rates',
        tooltip: 'Session health figures to read.',
        testId: queryTestId('sessions fields'),
        options: {
          'crash_free_rate(session)': 'Crash-free sessions',
          'crash_free_rate(user)': 'Crash-free users',
          'crash_rate(session)': 'Crashed sessions (rate)',
          'crash_rate(user)': 'Crashed users (rate)',
          'sum(session)': 'Sessions',
          'count_unique(user)': 'Users',
        },
      },
      GroupBy: {
        label: 'Group by',
        placeholder: 'No grouping',
        tooltip: 'Split the figures by release, project or environment.',
        testId: queryTestId('sessions group-by'),
      },
      Mode: {
        label: 'Show',
        testId: queryTestId('sessions mode'),
        options: { timeseries: 'Time series', table: 'Totals table' },
      },
      Search: {
        label: 'Search',
        placeholder: 'release:1.2.0 (Shift+Enter to run)',
        tooltip: `Filter sessions by release, environment or project. ${RUN_HINT}`,
        testId: queryTestId('sessions search'),
      },
      Interval: {
        label: 'Interval',
        placeholder: 'auto',
        tooltip: `Bucket size, e.g. 1h or 1d, or a $variable; empty picks one from the time range. ${RUN_HINT}`,
        testId: queryTestId('sessions interval'),
      },
    },
    StatsV2: {
      Fields: {
        label: 'Field',
        placeholder: 'sum(quantity)',
        tooltip: 'sum(quantity) counts events (or bytes for attachments); sum(times_seen) counts occurrences.',
        testId: queryTestId('stats-v2 fields'),
      },
      Category: {
        label: 'Category',
        placeholder: 'All (grouped by category)',
        tooltip: 'Data categories to count; needed unless grouped by category.',
        testId: queryTestId('stats-v2 category'),
      },
      Outcome: {
        label: 'Outcome',
        placeholder: 'All outcomes',
        tooltip: 'Keep only these outcomes.',
        testId: queryTestId('stats-v2 outcome'),
      },
      Reason: {
        label: 'Reason',
        placeholder: 'All reasons',
        tooltip: 'Keep only these reasons, e.g. ratelimit_backoff or usage_exceeded. Type to add one.',
        testId: queryTestId('stats-v2 reason'),
      },
      GroupBy: {
        label: 'Group by',
        placeholder: 'category, outcome',
        tooltip: 'Split the counts; grouped by project Sentry returns totals only.',
        testId: queryTestId('stats-v2 group-by'),
      },
      Interval: {
        label: 'Interval',
        placeholder: 'auto',
        tooltip: `Bucket size, e.g. 1h or 1d, or a $variable; empty picks one from the time range. ${RUN_HINT}`,
        testId: queryTestId('stats-v2 interval'),
      },
    },
    Releases: {
      Mode: {
        label: 'Show',
        testId: queryTestId('releases mode'),
        options: { releases: 'Releases', deploys: 'Deploys' },
      },
      Search: {
        label: 'Search',
        placeholder: '1.2. or release.version:>1.2 (Shift+Enter to run)',
        tooltip: `Part of the version, or Sentry’s release search. ${RUN_HINT}`,
        testId: queryTestId('releases search'),
      },
      Limit: {
        label: 'Limit',
        placeholder: String(DEFAULT_RELEASES_LIMIT),
        tooltip: `Rows to list, 1 to ${MAX_RELEASES_LIMIT}. ${RUN_HINT}`,
        testId: queryTestId('releases limit'),
      },
    },
    SpikeExplainer: {
      Search: {
        label: 'Issue search',
        placeholder: 'is:unresolved level:error (Shift+Enter to run)',
        tooltip: `Sentry issue search the issues must match; empty compares all issues, resolved ones included. ${RUN_HINT}`,
        testId: queryTestId('spike search'),
      },
      Baseline: {
        label: 'Compare with',
        tooltip: 'The earlier window whose event counts the time range is compared with.',
        testId: queryTestId('spike baseline'),
        options: { previous: 'Window before', previousDay: 'Day before', previousWeek: 'Week before' },
      },
      Limit: {
        label: 'Limit',
        placeholder: String(DEFAULT_SPIKE_LIMIT),
        tooltip: `Issues to list, 1 to ${MAX_SPIKE_LIMIT}. ${RUN_HINT}`,
        testId: queryTestId('spike limit'),
      },
      MinEvents: {
        label: 'Min events',
        placeholder: String(DEFAULT_SPIKE_MIN_EVENTS),
        tooltip: `Leave out issues with fewer events than this in the time range. ${RUN_HINT}`,
        testId: queryTestId('spike min events'),
      },
    },
    RequestLookup: {
      Ids: {
        label: 'Request or trace ids',
        placeholder: '$request_id, 4bf92f3577b34da6a3ce929d0e0e4736 (Shift+Enter to run)',
        tooltip: `Ids separated by commas or spaces; dashboard variables work too. At most ${MAX_LOOKUP_IDS}. ${RUN_HINT}`,
        testId: queryTestId('lookup ids'),
      },
      Kind: {
        label: 'Ids are',
        tooltip: 'Auto: 32 hexadecimal digits are trace ids, anything else is a request id.',
        testId: queryTestId('lookup kind'),
        options: { auto: 'Auto', request: 'Request ids', trace: 'Trace ids' },
      },
      RequestIdTag: {
        label: 'Request id tag',
        placeholder: DEFAULT_REQUEST_ID_TAG,
        tooltip: `The event tag holding request ids, e.g. request_id or x-request-id. ${RUN_HINT}`,
        testId: queryTestId('lookup request id tag'),
      },
      Limit: {
        label: 'Limit',
        placeholder: String(DEFAULT_LOOKUP_LIMIT),
        tooltip: `Events to list, newest first, 1 to ${MAX_EVENTS_LIMIT}. ${RUN_HINT}`,
        testId: queryTestId('lookup limit'),
      },
    },
  },
  VariableEditor: {
    Kind: {
      label: 'Values',
      tooltip: 'What the variable lists from Sentry.',
      testId: 'data-testid sentry-lens variable kind',
      options: {
        projects: 'Projects',
        environments: 'Environments',
        teams: 'Teams',
        releases: 'Releases',
        tagKeys: 'Tag keys',
        tagValues: 'Tag values',
      },
    },
    ProjectValue: {
      label: 'Value',
      tooltip: 'The text is the project slug; the value is its numeric id (what queries need) or the slug.',
      testId: 'data-testid sentry-lens variable project-value',
      options: { id: 'Numeric id', slug: 'Slug' },
    },
    Team: {
      label: 'Team',
      placeholder: 'all teams',
      tooltip: 'Only the projects of this team (a team slug or a $variable).',
      testId: 'data-testid sentry-lens variable team',
      loadError: 'Could not load teams',
    },
    Projects: {
      label: 'Projects',
      placeholder: 'all projects',
      tooltip: 'Only values from these projects (ids, slugs or $variables).',
      testId: 'data-testid sentry-lens variable projects',
      loadError: 'Could not load projects',
    },
    Environments: {
      label: 'Environments',
      placeholder: 'all environments',
      tooltip: 'Only releases deployed to these environments.',
      testId: 'data-testid sentry-lens variable environments',
      loadError: 'Could not load environments',
    },
    TagKey: {
      label: 'Tag',
      placeholder: 'browser.name',
      tooltip: 'The tag whose values to list.',
      testId: 'data-testid sentry-lens variable tag',
      loadError: 'Could not load tags',
    },
    Search: {
      label: 'Version contains',
      placeholder: '2.4',
      tooltip: 'Only releases whose version contains this text. Saved when you leave the field.',
      testId: 'data-testid sentry-lens variable search',
    },
  },
  AnnotationEditor: {
    Kind: {
      label: 'Show',
      tooltip: 'Which Sentry events to mark on the time axis of every panel, Prometheus ones included.',
      testId: 'data-testid sentry-lens annotation kind',
      options: { releases: 'Releases', deploys: 'Deploys', newIssues: 'New issues', regressions: 'Regressions' },
    },
    Search: {
      label: 'Search',
      placeholder: 'level:error (issues) or 2.4 (releases)',
      tooltip:
        'Issue search for new issues and regressions; part of the version for releases and deploys. Saved when you leave the field.',
      testId: 'data-testid sentry-lens annotation search',
    },
  },
} as const;
