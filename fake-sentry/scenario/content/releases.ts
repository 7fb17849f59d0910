// Release plan (creation and deploy times as offsets before `now`) and the error burst after the bad release.

import { DAY, HOUR, MINUTE } from './time';

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
