/**
 * UI strings and test ids shared by the editors, the Jest tests and the Playwright tests: the settings, the
 * query editor's common row, the variable and annotation editors. Each query type's own text sits next to its
 * editor (query-editor/<Type>Editor.selectors.ts). Plain values only: Playwright imports these files in Node.
 */
import {
  DEFAULT_MAX_CONCURRENT_REQUESTS,
  DEFAULT_MAX_RESPONSE_MB,
  DEFAULT_RATE_LIMIT_WAIT_S,
  DEFAULT_ROW_BUDGET,
  DEFAULT_SENTRY_URL,
  MAX_CONCURRENT_REQUESTS_LIMIT,
  MAX_MAX_RESPONSE_MB,
  MAX_RATE_LIMIT_WAIT_S,
  MAX_ROW_BUDGET,
  REQUIRED_SCOPES,
} from './sentry';
import type { QueryType } from './sentry/query';

/** Test ids of the query editor: `data-testid sentry-lens query <part>`. */
export const queryTestId = (part: string) => `data-testid sentry-lens query ${part}`;
export const RUN_HINT = 'Runs when you leave the field or press Shift+Enter.';

/** Each query type's name in the type picker, and the sentence under it; the picker lists them in the registry's order. */
const QUERY_TYPE_TEXTS = {
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
} as const satisfies Record<QueryType, { label: string; description: string }>;

export const Components = {
  ConfigEditor: {
    Description: {
      dataSourceName: 'Sentry Lens',
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
    MaxResponse: {
      label: 'Response size limit (MB)',
      placeholder: String(DEFAULT_MAX_RESPONSE_MB),
      description:
        'Most data one answer from Sentry may hold; a query whose answer is larger fails with a message instead of ' +
        `stalling the browser. Default ${DEFAULT_MAX_RESPONSE_MB}, at most ${MAX_MAX_RESPONSE_MB}.`,
      testId: 'data-testid sentry-lens config max-response',
    },
    RateLimitWait: {
      label: 'Rate-limit wait (s)',
      placeholder: String(DEFAULT_RATE_LIMIT_WAIT_S),
      description:
        "Longest a query waits for Sentry's rate limit (shared by everyone using this token) before it fails; the " +
        'panel notes how long it waited. ' +
        `Default ${DEFAULT_RATE_LIMIT_WAIT_S}, at most ${MAX_RATE_LIMIT_WAIT_S}.`,
      testId: 'data-testid sentry-lens config rate-limit-wait',
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
      types: QUERY_TYPE_TEXTS,
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
    /** After a dataset Sentry has deprecated (shown only while a query is saved on it). */
    deprecatedDataset: '(deprecated)',
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
