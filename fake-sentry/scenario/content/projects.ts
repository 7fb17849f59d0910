// The demo projects: platforms, traffic and error rates per environment, and their transactions.

import type { EnvName } from './org';

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
