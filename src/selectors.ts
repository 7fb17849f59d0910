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
  },
} as const;
