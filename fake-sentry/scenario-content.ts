// Static demo content: projects, teams, releases, transactions and issue title templates.
// Everything time-related is relative to the scenario's anchor `now` so tests can rely on it.

import { pick, randInt, Rng } from './prng';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type EnvName = 'production' | 'staging' | 'development';
export const ENVIRONMENTS: ReadonlyArray<{ id: string; name: EnvName; isHidden: boolean }> = [
  { id: '1', name: 'production', isHidden: false },
  { id: '2', name: 'staging', isHidden: false },
  { id: '3', name: 'development', isHidden: true },
];

export const ORG = {
  id: '1001',
  slug: 'acme',
  name: 'Acme Corp',
  dateCreated: '2023-01-10T09:00:00.000000Z',
};

export interface UserInfo {
  id: string;
  name: string;
  email: string;
  username: string;
}

/** The person behind the demo token (member of every team except `mobile`). */
export const DEMO_USER: UserInfo = { id: '1', name: 'Lens Demo', email: 'demo@acme.example', username: 'lens-demo' };

export const ORG_MEMBERS: readonly UserInfo[] = [
  DEMO_USER,
  { id: '2', name: 'Priya Natarajan', email: 'priya@acme.example', username: 'priya' },
  { id: '3', name: 'Tomás García', email: 'tomas@acme.example', username: 'tomas' },
  { id: '4', name: 'Mei Chen', email: 'mei@acme.example', username: 'mei' },
  { id: '5', name: 'Ola Nordmann', email: 'ola@acme.example', username: 'ola' },
];

export interface TeamSpec {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
  memberCount: number;
  /** Whether the demo user belongs to the team (drives "member projects"). */
  isMember: boolean;
  projects: string[];
}

export const TEAMS: readonly TeamSpec[] = [
  {
    id: '12',
    slug: 'payments',
    name: 'Payments',
    dateCreated: '2023-01-10T09:05:00.000000Z',
    memberCount: 5,
    isMember: true,
    projects: ['checkout-api', 'payments-worker'],
  },
  {
    id: '13',
    slug: 'frontend',
    name: 'Frontend',
    dateCreated: '2023-01-11T10:00:00.000000Z',
    memberCount: 4,
    isMember: true,
    projects: ['web-frontend'],
  },
  {
    id: '14',
    slug: 'platform',
    name: 'Platform',
    dateCreated: '2023-02-01T08:30:00.000000Z',
    memberCount: 3,
    isMember: true,
    projects: ['checkout-api', 'web-frontend', 'payments-worker'],
  },
  {
    id: '15',
    slug: 'mobile',
    name: 'Mobile',
    dateCreated: '2023-03-15T12:00:00.000000Z',
    memberCount: 3,
    isMember: false,
    projects: ['mobile-app'],
  },
];

export interface TransactionSpec {
  name: string;
  op: string;
  weight: number;
  /** Median duration in ms and log-space spread. */
  medianMs: number;
  sigma: number;
  failureRate: number;
  httpMethod?: string;
}

export interface ProjectSpec {
  id: string;
  slug: string;
  platform: string;
  dateCreated: string;
  firstEvent: string;
  /** Number of regular (non-burst) issues. */
  issueCount: number;
  errorsPerHour: Record<EnvName, number>;
  transactionsPerHour: Record<EnvName, number>;
  sessionsPerHour: Record<EnvName, number>;
  userPool: number;
  /** Hours for a new release to take over half the sessions. */
  adoptionHours: number;
  crashRate: number;
  erroredRate: number;
  transactions: TransactionSpec[];
}

export const PROJECTS: readonly ProjectSpec[] = [
  {
    id: '4501234',
    slug: 'checkout-api',
    platform: 'node',
    dateCreated: '2023-01-10T09:12:00.000000Z',
    firstEvent: '2023-01-10T09:40:12.000000Z',
    issueCount: 86,
    errorsPerHour: { production: 11, staging: 2, development: 0.3 },
    transactionsPerHour: { production: 42, staging: 5, development: 0 },
    sessionsPerHour: { production: 700, staging: 30, development: 0 },
    userPool: 6000,
    adoptionHours: 0.25,
    crashRate: 0.0015,
    erroredRate: 0.018,
    transactions: [
      {
        name: 'POST /api/checkout',
        op: 'http.server',
        weight: 18,
        medianMs: 180,
        sigma: 0.55,
        failureRate: 0.012,
        httpMethod: 'POST',
      },
      {
        name: 'GET /api/cart',
        op: 'http.server',
        weight: 30,
        medianMs: 45,
        sigma: 0.45,
        failureRate: 0.003,
        httpMethod: 'GET',
      },
      {
        name: 'POST /api/cart/items',
        op: 'http.server',
        weight: 14,
        medianMs: 70,
        sigma: 0.5,
        failureRate: 0.006,
        httpMethod: 'POST',
      },
      {
        name: 'GET /api/products',
        op: 'http.server',
        weight: 25,
        medianMs: 60,
        sigma: 0.5,
        failureRate: 0.002,
        httpMethod: 'GET',
      },
      {
        name: 'GET /api/orders/:id',
        op: 'http.server',
        weight: 8,
        medianMs: 90,
        sigma: 0.6,
        failureRate: 0.02,
        httpMethod: 'GET',
      },
      {
        name: 'POST /api/payments/webhook',
        op: 'http.server',
        weight: 5,
        medianMs: 120,
        sigma: 0.7,
        failureRate: 0.02,
        httpMethod: 'POST',
      },
    ],
  },
  {
    id: '4501235',
    slug: 'web-frontend',
    platform: 'javascript',
    dateCreated: '2023-01-11T10:20:00.000000Z',
    firstEvent: '2023-01-11T11:02:45.000000Z',
    issueCount: 112,
    errorsPerHour: { production: 22, staging: 3, development: 0.5 },
    transactionsPerHour: { production: 50, staging: 5, development: 0 },
    sessionsPerHour: { production: 1400, staging: 40, development: 0 },
    userPool: 12000,
    adoptionHours: 1.5,
    crashRate: 0.003,
    erroredRate: 0.035,
    transactions: [
      { name: '/', op: 'pageload', weight: 20, medianMs: 1400, sigma: 0.5, failureRate: 0.002 },
      { name: '/products/:slug', op: 'pageload', weight: 25, medianMs: 1200, sigma: 0.55, failureRate: 0.003 },
      { name: '/cart', op: 'navigation', weight: 15, medianMs: 350, sigma: 0.6, failureRate: 0.002 },
      { name: '/checkout', op: 'pageload', weight: 12, medianMs: 1800, sigma: 0.5, failureRate: 0.01 },
      { name: '/account/orders', op: 'navigation', weight: 8, medianMs: 500, sigma: 0.6, failureRate: 0.004 },
    ],
  },
  {
    id: '4501236',
    slug: 'payments-worker',
    platform: 'python',
    dateCreated: '2023-02-02T14:00:00.000000Z',
    firstEvent: '2023-02-02T14:31:09.000000Z',
    issueCount: 58,
    errorsPerHour: { production: 5, staging: 1, development: 0 },
    transactionsPerHour: { production: 24, staging: 3, development: 0 },
    sessionsPerHour: { production: 260, staging: 12, development: 0 },
    userPool: 3000,
    adoptionHours: 0.2,
    crashRate: 0.001,
    erroredRate: 0.012,
    transactions: [
      {
        name: 'payments.tasks.capture_payment',
        op: 'queue.task.celery',
        weight: 30,
        medianMs: 850,
        sigma: 0.6,
        failureRate: 0.02,
      },
      {
        name: 'payments.tasks.refund_payment',
        op: 'queue.task.celery',
        weight: 6,
        medianMs: 1200,
        sigma: 0.6,
        failureRate: 0.03,
      },
      {
        name: 'payments.tasks.sync_ledger',
        op: 'queue.task.celery',
        weight: 10,
        medianMs: 4200,
        sigma: 0.4,
        failureRate: 0.01,
      },
      {
        name: 'payments.tasks.send_receipt',
        op: 'queue.task.celery',
        weight: 20,
        medianMs: 300,
        sigma: 0.5,
        failureRate: 0.005,
      },
    ],
  },
  {
    id: '4501237',
    slug: 'mobile-app',
    platform: 'react-native',
    dateCreated: '2023-03-15T12:30:00.000000Z',
    firstEvent: '2023-03-15T13:10:00.000000Z',
    issueCount: 64,
    errorsPerHour: { production: 9, staging: 1.5, development: 0 },
    transactionsPerHour: { production: 30, staging: 3, development: 0 },
    sessionsPerHour: { production: 900, staging: 25, development: 0 },
    userPool: 5000,
    adoptionHours: 20,
    crashRate: 0.006,
    erroredRate: 0.025,
    transactions: [
      { name: 'CheckoutScreen', op: 'ui.load', weight: 15, medianMs: 900, sigma: 0.5, failureRate: 0.006 },
      { name: 'ProductListScreen', op: 'ui.load', weight: 30, medianMs: 650, sigma: 0.5, failureRate: 0.002 },
      { name: 'CartScreen', op: 'navigation', weight: 20, medianMs: 400, sigma: 0.5, failureRate: 0.002 },
      { name: 'App Start Cold', op: 'app.start.cold', weight: 8, medianMs: 2300, sigma: 0.4, failureRate: 0.001 },
      { name: 'OrderHistoryScreen', op: 'ui.load', weight: 10, medianMs: 700, sigma: 0.5, failureRate: 0.004 },
    ],
  },
];

export interface ReleasePlan {
  project: string;
  version: string;
  /** Creation time as an offset before `now`. */
  createdAgoMs: number;
  status?: 'open' | 'archived';
  /** No deploys and no dateReleased (a release candidate nobody shipped). */
  unreleased?: boolean;
  /** Extra production deploy this long after the first one (tests "latest deploy per environment"). */
  redeployAfterMs?: number;
  /** Deploy timings override (the bad release has exact, documented times). */
  stagingFinishedAgoMs?: number;
  productionStartedAgoMs?: number;
  productionFinishedAgoMs?: number;
  /** Staging deploys of this project record no start, name or url. */
  bareStagingDeploys?: boolean;
}

/** The release whose production deploy starts the error burst. */
export const BURST_RELEASE = 'checkout-api@2.4.1';
export const BURST_PEAK_PER_HOUR = 420;
export const BURST_PEAK_MS = 2 * HOUR;
export const BURST_DECAY_MS = 1.2 * HOUR;
export const BURST_TAIL_PER_HOUR = 8;
export const BURST_STAGING_PER_HOUR = 4;
export const BURST_TITLE = "TypeError: Cannot read properties of undefined (reading 'total')";

export const RELEASE_PLAN: readonly ReleasePlan[] = [
  { project: 'checkout-api', version: 'checkout-api@2.2.4', createdAgoMs: 19 * DAY - 3 * HOUR },
  { project: 'checkout-api', version: 'checkout-api@2.3.0', createdAgoMs: 13 * DAY },
  { project: 'checkout-api', version: 'checkout-api@2.3.1', createdAgoMs: 11 * DAY - 5 * HOUR },
  { project: 'checkout-api', version: 'checkout-api@2.3.2', createdAgoMs: 8 * DAY, redeployAfterMs: DAY },
  { project: 'checkout-api', version: 'checkout-api@2.4.0', createdAgoMs: 3 * DAY - 2 * HOUR },
  {
    project: 'checkout-api',
    version: BURST_RELEASE,
    createdAgoMs: 7 * HOUR,
    stagingFinishedAgoMs: 6 * HOUR + 45 * MINUTE,
    productionStartedAgoMs: 6 * HOUR + 5 * MINUTE,
    productionFinishedAgoMs: 6 * HOUR,
  },
  { project: 'web-frontend', version: 'web-frontend@5.10.3', createdAgoMs: 17 * DAY },
  { project: 'web-frontend', version: 'web-frontend@5.11.0', createdAgoMs: 13 * DAY - 6 * HOUR },
  { project: 'web-frontend', version: 'web-frontend@5.11.1', createdAgoMs: 9 * DAY },
  { project: 'web-frontend', version: 'web-frontend@5.12.0', createdAgoMs: 5 * DAY - 3 * HOUR },
  { project: 'web-frontend', version: 'web-frontend@5.12.1', createdAgoMs: 36 * HOUR },
  { project: 'web-frontend', version: 'web-frontend@5.13.0-rc.1', createdAgoMs: 2 * HOUR, unreleased: true },
  {
    project: 'payments-worker',
    version: 'payments-worker@1.7.9',
    createdAgoMs: 16 * DAY,
    status: 'archived',
    bareStagingDeploys: true,
  },
  { project: 'payments-worker', version: 'payments-worker@1.8.0', createdAgoMs: 12 * DAY, bareStagingDeploys: true },
  {
    project: 'payments-worker',
    version: 'payments-worker@1.8.1',
    createdAgoMs: 6 * DAY - 4 * HOUR,
    bareStagingDeploys: true,
  },
  { project: 'payments-worker', version: 'payments-worker@1.9.0', createdAgoMs: 2 * DAY, bareStagingDeploys: true },
  { project: 'mobile-app', version: 'mobile-app@3.0.2+390', createdAgoMs: 18 * DAY },
  { project: 'mobile-app', version: 'mobile-app@3.1.0+398', createdAgoMs: 12 * DAY - 8 * HOUR },
  { project: 'mobile-app', version: 'mobile-app@3.2.0+405', createdAgoMs: 7 * DAY },
  { project: 'mobile-app', version: 'mobile-app@3.2.1+412', createdAgoMs: 60 * HOUR },
];

/** Default deploy timing relative to release creation. */
export const STAGING_DEPLOY_AFTER_MS = 25 * MINUTE;
export const PRODUCTION_DEPLOY_AFTER_MS = 2 * HOUR;

export interface IssueTemplate {
  type: 'error' | 'default';
  level: 'fatal' | 'error' | 'warning' | 'info';
  title: string;
  errorType: string;
  errorValue: string;
  culprit: string;
  filename: string;
  functionName: string;
  isUnhandled: boolean;
  logger: string | null;
}

function errorTemplate(
  errorType: string,
  errorValue: string,
  culprit: string,
  filename: string,
  functionName: string,
  opts: Partial<IssueTemplate> = {}
): IssueTemplate {
  return {
    type: 'error',
    level: 'error',
    title: `${errorType}: ${errorValue}`,
    errorType,
    errorValue,
    culprit,
    filename,
    functionName,
    isUnhandled: false,
    logger: null,
    ...opts,
  };
}

function messageTemplate(
  message: string,
  culprit: string,
  level: IssueTemplate['level'],
  logger: string
): IssueTemplate {
  return {
    type: 'default',
    level,
    title: message,
    errorType: '',
    errorValue: message,
    culprit,
    filename: '',
    functionName: '',
    isUnhandled: false,
    logger,
  };
}

const NODE_ROUTES = [
  'POST /api/checkout',
  'GET /api/cart',
  'POST /api/cart/items',
  'GET /api/products',
  'GET /api/orders/:id',
  'POST /api/payments/webhook',
];
const NODE_FILES = [
  'src/routes/cart.ts',
  'src/routes/checkout.ts',
  'src/services/pricing.ts',
  'src/services/inventory.ts',
  'src/db/orders.ts',
  'src/lib/http.ts',
  'src/services/tax.ts',
  'src/routes/orders.ts',
];
const NODE_PROPS = [
  'id',
  'items',
  'price',
  'currency',
  'userId',
  'length',
  'map',
  'status',
  'sku',
  'quantity',
  'address',
  'discount',
  'token',
  'country',
];
const JS_PAGES = ['/checkout', '/cart', '/products/:slug', '/', '/account/orders', '/account/settings', '/search'];
const JS_COMPONENTS = [
  'CartSummary',
  'CheckoutForm',
  'ProductGallery',
  'PriceTag',
  'SearchBox',
  'OrderList',
  'AddressForm',
  'PromoBanner',
  'MiniCart',
  'ReviewStars',
  'NavMenu',
  'PaymentMethods',
];
const JS_PROPS = [
  'price',
  'items',
  'name',
  'images',
  'length',
  'variant',
  'user',
  'addEventListener',
  'focus',
  'options',
  'total',
  'value',
];
const PY_TASKS = [
  'capture_payment',
  'refund_payment',
  'sync_ledger',
  'send_receipt',
  'reconcile_payouts',
  'expire_holds',
];
const PY_KEYS = [
  'customer_id',
  'amount',
  'currency',
  'payment_intent',
  'merchant',
  'ledger_id',
  'receipt_email',
  'idempotency_key',
  'card_country',
];
const PY_ATTRS = ['amount', 'customer', 'charges', 'id', 'status', 'metadata', 'refunds', 'balance'];
const RN_SCREENS = [
  'CheckoutScreen',
  'ProductListScreen',
  'CartScreen',
  'OrderHistoryScreen',
  'ProfileScreen',
  'SearchScreen',
  'ProductDetailScreen',
];
const RN_EXPRS = [
  'item.price',
  'cart.items',
  'route.params.id',
  'user.profile',
  'order.total',
  'product.images[0]',
  'props.navigation',
  'payment.method',
  'address.city',
];

/** One random issue template for a platform; callers de-duplicate titles. */
export function randomIssueTemplate(platform: string, rng: Rng): IssueTemplate {
  switch (platform) {
    case 'node':
      return nodeTemplate(rng);
    case 'javascript':
      return javascriptTemplate(rng);
    case 'python':
      return pythonTemplate(rng);
    default:
      return reactNativeTemplate(rng);
  }
}

function nodeTemplate(rng: Rng): IssueTemplate {
  const route = pick(rng, NODE_ROUTES);
  const file = pick(rng, NODE_FILES);
  const fn = pick(rng, [
    'handler',
    'computeTotals',
    'loadCart',
    'reserveStock',
    'fetchOrder',
    'applyDiscount',
    'serialize',
    'validate',
  ]);
  switch (randInt(rng, 0, 9)) {
    case 0:
    case 1:
      return errorTemplate(
        'TypeError',
        `Cannot read properties of undefined (reading '${pick(rng, NODE_PROPS)}')`,
        route,
        file,
        fn
      );
    case 2:
      return errorTemplate(
        'Error',
        `connect ECONNREFUSED 10.0.${randInt(rng, 0, 9)}.${randInt(rng, 2, 250)}:5432`,
        route,
        'src/db/pool.ts',
        'connect'
      );
    case 3:
      return errorTemplate(
        'SequelizeDatabaseError',
        pick(rng, [
          'deadlock detected',
          'canceling statement due to statement timeout',
          `relation "${pick(rng, ['orders', 'carts', 'coupons', 'stock'])}_archive" does not exist`,
        ]),
        route,
        'src/db/orders.ts',
        'query'
      );
    case 4:
      return errorTemplate(
        'AxiosError',
        `Request failed with status code ${pick(rng, ['502', '503', '504', '429', '500'])}`,
        route,
        'src/lib/http.ts',
        pick(rng, ['callPricing', 'callInventory', 'callTax', 'callFraud'])
      );
    case 5:
      return errorTemplate(
        'ValidationError',
        `"${pick(rng, ['email', 'postalCode', 'quantity', 'sku', 'country', 'phone', 'couponCode'])}" ${pick(rng, ['is required', 'must be a number', 'length must be less than or equal to 64 characters long', 'is not allowed'])}`,
        route,
        file,
        'validate',
        { level: 'warning' }
      );
    case 6:
      return errorTemplate(
        'UnhandledPromiseRejection',
        `${pick(rng, ['Timeout awaiting', 'Socket hang up in', 'Circuit open for'])} ${pick(rng, ['inventory-service', 'pricing-service', 'tax-service', 'fraud-check', 'redis'])} after ${randInt(rng, 2, 30) * 100}ms`,
        route,
        file,
        fn,
        { isUnhandled: true }
      );
    case 7:
      return errorTemplate(
        'RangeError',
        pick(rng, [
          'Maximum call stack size exceeded',
          'Invalid time value',
          `Invalid array length`,
          'toFixed() digits argument must be between 0 and 100',
        ]),
        route,
        file,
        fn
      );
    case 8:
      return messageTemplate(
        `${pick(rng, ['Payment provider responded slowly', 'Cart recalculation exceeded budget', 'Inventory lock held too long', 'Coupon cache miss storm'])} (${randInt(rng, 12, 99) * 100} ms)`,
        route,
        'warning',
        'checkout'
      );
    default:
      return errorTemplate(
        'Error',
        `${pick(rng, ['ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ENOTFOUND'])} ${pick(rng, ['redis', 'pricing', 'tax', 'inventory', 'fraud', 'search'])}.internal.acme.example`,
        route,
        'src/lib/http.ts',
        fn
      );
  }
}

function javascriptTemplate(rng: Rng): IssueTemplate {
  const page = pick(rng, JS_PAGES);
  const component = pick(rng, JS_COMPONENTS);
  const file = `app/components/${component}.tsx`;
  switch (randInt(rng, 0, 10)) {
    case 0:
    case 1:
      return errorTemplate(
        'TypeError',
        `Cannot read properties of ${pick(rng, ['null', 'undefined'])} (reading '${pick(rng, JS_PROPS)}')`,
        page,
        file,
        component,
        { isUnhandled: rng() < 0.5 }
      );
    case 2:
      return errorTemplate(
        'ChunkLoadError',
        `Loading chunk ${randInt(rng, 100, 999)} failed.`,
        page,
        'webpack/runtime/jsonp',
        'loadChunk',
        { isUnhandled: true }
      );
    case 3:
      return errorTemplate(
        'TypeError',
        pick(rng, ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed', 'cancelled']) +
          ` (${pick(rng, ['api', 'cdn', 'search', 'recs', 'img'])}.acme.example)`,
        page,
        'app/lib/api.ts',
        'request'
      );
    case 4:
      return errorTemplate(
        'SyntaxError',
        `Unexpected token '<', "<!DOCTYPE "... is not valid JSON (${pick(rng, ['/api/cart', '/api/products', '/api/orders', '/api/session', '/api/recommendations'])})`,
        page,
        'app/lib/api.ts',
        'parseJson'
      );
    case 5:
      return errorTemplate(
        'ReferenceError',
        `${pick(rng, ['gtag', 'dataLayer', 'Intercom', 'hj', 'fbq', 'ApplePaySession', 'structuredClone', 'ResizeObserver'])} is not defined`,
        page,
        file,
        component,
        { isUnhandled: true }
      );
    case 6:
      return errorTemplate(
        'Error',
        `Minified React error #${pick(rng, ['418', '423', '425', '185', '310', '321'])}; visit https://react.dev/errors/${randInt(rng, 100, 499)}`,
        page,
        file,
        component,
        { isUnhandled: true }
      );
    case 7:
      return errorTemplate(
        'AbortError',
        `The user aborted a request. (${component})`,
        page,
        'app/lib/api.ts',
        'request',
        { level: 'warning' }
      );
    case 8:
      return messageTemplate(
        `${pick(rng, ['Slow render', 'Layout shift', 'Long task', 'Hydration mismatch'])} in ${component} on ${page}`,
        page,
        pick(rng, ['warning', 'info'] as const),
        'console'
      );
    case 9:
      return errorTemplate(
        'Error',
        `ResizeObserver loop completed with undelivered notifications. (${component})`,
        page,
        file,
        component,
        { level: 'warning' }
      );
    default:
      return errorTemplate(
        'TypeError',
        `${pick(rng, ['e.map', 'items.reduce', 'this.state.cart.find', 'window.ApplePaySession.canMakePayments', 'options.filter', 'el.focus'])} is not a function`,
        page,
        file,
        component
      );
  }
}

function pythonTemplate(rng: Rng): IssueTemplate {
  const task = pick(rng, PY_TASKS);
  const culprit = `payments.tasks.${task}`;
  const file = `payments/tasks/${task}.py`;
  switch (randInt(rng, 0, 8)) {
    case 0:
      return errorTemplate('KeyError', `'${pick(rng, PY_KEYS)}'`, culprit, file, task);
    case 1:
      return errorTemplate(
        'psycopg2.OperationalError',
        pick(rng, [
          'server closed the connection unexpectedly',
          'could not connect to server: Connection refused',
          'SSL SYSCALL error: EOF detected',
          'canceling statement due to lock timeout',
        ]),
        culprit,
        'payments/db.py',
        'execute'
      );
    case 2:
      return errorTemplate(
        'stripe.error.CardError',
        pick(rng, [
          'Your card was declined.',
          'Your card has insufficient funds.',
          "Your card's security code is incorrect.",
          'Your card has expired.',
        ]) + ` (${task})`,
        culprit,
        file,
        task,
        { level: 'warning' }
      );
    case 3:
      return errorTemplate(
        'SoftTimeLimitExceeded',
        `SoftTimeLimitExceeded() in ${task} after ${randInt(rng, 3, 12) * 10}s`,
        culprit,
        file,
        task
      );
    case 4:
      return errorTemplate(
        'ValueError',
        `invalid literal for int() with base 10: '${pick(rng, ['', 'None', 'N/A', '12.5', 'abc', '0x1F'])}' (${pick(rng, PY_KEYS)})`,
        culprit,
        file,
        task
      );
    case 5:
      return errorTemplate(
        'ConnectionResetError',
        `[Errno 104] Connection reset by peer (${pick(rng, ['stripe', 'ledger', 'redis', 'rabbitmq', 'adyen'])})`,
        culprit,
        'payments/clients.py',
        'send'
      );
    case 6:
      return errorTemplate(
        'AttributeError',
        `'NoneType' object has no attribute '${pick(rng, PY_ATTRS)}'`,
        culprit,
        file,
        task,
        { isUnhandled: rng() < 0.4 }
      );
    case 7:
      return messageTemplate(
        `${pick(rng, ['Retrying', 'Giving up on', 'Duplicate delivery for', 'Ledger drift detected in'])} ${task} (${pick(rng, ['attempt 3/5', 'idempotency conflict', 'webhook replay', 'amount mismatch'])})`,
        culprit,
        pick(rng, ['warning', 'info', 'error'] as const),
        'payments.tasks'
      );
    default:
      return errorTemplate(
        'requests.exceptions.ReadTimeout',
        `HTTPSConnectionPool(host='${pick(rng, ['api.stripe.com', 'ledger.internal', 'fx.internal', 'api.adyen.com'])}', port=443): Read timed out. (read timeout=${randInt(rng, 2, 30)})`,
        culprit,
        'payments/clients.py',
        'get'
      );
  }
}

function reactNativeTemplate(rng: Rng): IssueTemplate {
  const screen = pick(rng, RN_SCREENS);
  const file = `src/screens/${screen}.tsx`;
  switch (randInt(rng, 0, 8)) {
    case 0:
    case 1:
      return errorTemplate(
        'TypeError',
        `undefined is not an object (evaluating '${pick(rng, RN_EXPRS)}')`,
        screen,
        file,
        screen,
        { isUnhandled: rng() < 0.6, level: rng() < 0.3 ? 'fatal' : 'error' }
      );
    case 2:
      return errorTemplate(
        'Error',
        `Network request failed (${pick(rng, ['/api/cart', '/api/products', '/api/orders', '/api/checkout', '/api/profile', '/api/search'])})`,
        screen,
        'src/lib/api.ts',
        'request'
      );
    case 3:
      return errorTemplate(
        'Invariant Violation',
        pick(rng, [
          'Tried to register two views with the same name',
          'requireNativeComponent: "RNSVGPath" was not found',
          'Maximum update depth exceeded',
          'No callback found with cbID',
        ]) + ` (${screen})`,
        screen,
        file,
        screen,
        { isUnhandled: true }
      );
    case 4:
      return errorTemplate(
        'EXC_BAD_ACCESS',
        `KERN_INVALID_ADDRESS at 0x${randInt(rng, 0x1000, 0xfffff).toString(16).padStart(8, '0')}`,
        screen,
        'libsystem_kernel.dylib',
        'objc_msgSend',
        { isUnhandled: true, level: 'fatal' }
      );
    case 5:
      return errorTemplate(
        'java.lang.OutOfMemoryError',
        `Failed to allocate a ${randInt(rng, 2, 64) * 1048576} byte allocation with ${randInt(rng, 1, 9) * 1024} free bytes`,
        screen,
        'android.graphics.Bitmap',
        'createBitmap',
        { isUnhandled: true, level: 'fatal' }
      );
    case 6:
      return errorTemplate(
        'Error',
        `Unable to resolve module ${pick(rng, ['./assets/icons', 'react-native-reanimated', '@acme/ui/Button', './i18n/locales/pt-BR'])} from ${file}`,
        screen,
        file,
        screen
      );
    case 7:
      return messageTemplate(
        `${pick(rng, ['ANR detected', 'Slow frames', 'Frozen frames', 'JS thread stall'])} on ${screen} (${randInt(rng, 5, 50) * 100} ms)`,
        screen,
        'warning',
        'performance'
      );
    default:
      return errorTemplate(
        'SIGABRT',
        `Abort trap in ${pick(rng, ['Hermes', 'RCTBridge', 'libc++abi', 'Reanimated'])} (${screen})`,
        screen,
        'libc.so',
        'abort',
        { isUnhandled: true, level: 'fatal' }
      );
  }
}

export const BROWSERS = [
  { name: 'Chrome', version: '126.0.0', weight: 55 },
  { name: 'Safari', version: '17.5', weight: 22 },
  { name: 'Firefox', version: '127.0', weight: 10 },
  { name: 'Edge', version: '126.0.0', weight: 8 },
  { name: 'Samsung Internet', version: '25.0', weight: 5 },
];
export const DESKTOP_OS = [
  { name: 'Windows', version: '10', weight: 45 },
  { name: 'Mac OS X', version: '14.5', weight: 25 },
  { name: 'iOS', version: '17.5', weight: 15 },
  { name: 'Android', version: '14', weight: 12 },
  { name: 'Linux', version: '', weight: 3 },
];
export const MOBILE_DEVICES = [
  { os: 'iOS', osVersion: '17.5', device: 'iPhone15,2', family: 'iOS', weight: 30 },
  { os: 'iOS', osVersion: '16.7', device: 'iPhone13,3', family: 'iOS', weight: 15 },
  { os: 'Android', osVersion: '14', device: 'Pixel 8', family: 'Android', weight: 20 },
  { os: 'Android', osVersion: '13', device: 'SM-S911B', family: 'Android', weight: 25 },
  { os: 'Android', osVersion: '12', device: 'Redmi Note 11', family: 'Android', weight: 10 },
];
