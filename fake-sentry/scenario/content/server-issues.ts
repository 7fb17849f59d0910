// Issue templates of the server-side projects: checkout-api (Node) and payments-worker (Python).

import { pick, randInt, Rng } from '../../prng';
import { errorTemplate, IssueTemplate, messageTemplate } from './issue-template';

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

export function nodeTemplate(rng: Rng): IssueTemplate {
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

export function pythonTemplate(rng: Rng): IssueTemplate {
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
