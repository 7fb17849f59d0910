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
} as const;
