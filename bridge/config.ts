// The bridge's settings, read from the environment (README "Alert bridge").

export interface BridgeConfig {
  /** 0 = any free port. */
  port: number;
  host: string;
  alertmanagerUrl: string | null;
  sentryClientSecret: string | null;
  stateDir: string;
  resendIntervalMs: number;
  sentryDsn: string | null;
  /** Resolving issues needs all three (the token with event:write). */
  sentryUrl: string | null;
  sentryOrg: string | null;
  sentryAuthToken: string | null;
  alertmanagerToken: string | null;
  maxBodyBytes: number;
  /** Backoff between failed posts to Alertmanager: doubles from the first to the cap. */
  retryInitialMs: number;
  retryMaxMs: number;
  /** How long one request to Alertmanager or Sentry may take. */
  requestTimeoutMs: number;
}

export const DEFAULTS = {
  port: 9097,
  resendIntervalS: 60,
  maxBodyBytes: 1_000_000,
  retryInitialMs: 500,
  retryMaxMs: 30_000,
  requestTimeoutMs: 10_000,
};

function text(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = text(env[name]);
  if (raw === null) {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, not "${raw}"`);
  }
  return value;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): BridgeConfig {
  const rawPort = text(env.PORT);
  const port = rawPort === null ? DEFAULTS.port : Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0 = any free port), not "${rawPort}"`);
  }
  return {
    port,
    host: text(env.HOST) ?? '127.0.0.1',
    alertmanagerUrl: text(env.ALERTMANAGER_URL)?.replace(/\/+$/, '') ?? null,
    sentryClientSecret: text(env.SENTRY_CLIENT_SECRET),
    stateDir: text(env.BRIDGE_STATE_DIR) ?? '.bridge-state',
    resendIntervalMs: positiveNumber(env, 'RESEND_INTERVAL_S', DEFAULTS.resendIntervalS) * 1000,
    sentryDsn: text(env.SENTRY_DSN),
    sentryUrl: text(env.SENTRY_URL)?.replace(/\/+$/, '') ?? null,
    sentryOrg: text(env.SENTRY_ORG),
    sentryAuthToken: text(env.SENTRY_AUTH_TOKEN),
    alertmanagerToken: text(env.BRIDGE_AM_TOKEN),
    maxBodyBytes: positiveNumber(env, 'BRIDGE_MAX_BODY_BYTES', DEFAULTS.maxBodyBytes),
    retryInitialMs: DEFAULTS.retryInitialMs,
    retryMaxMs: positiveNumber(env, 'BRIDGE_RETRY_MAX_S', DEFAULTS.retryMaxMs / 1000) * 1000,
    requestTimeoutMs: DEFAULTS.requestTimeoutMs,
  };
}
