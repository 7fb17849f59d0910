// sentry-cache/nginx.conf.template rendered as envsubst renders it, and run on Debian's nginx as a child process
// (`nginx -p DIR -c FILE` in the foreground, as any user), for the shared-cache test and bench.

import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freePort } from '../support/ports';
import { repo } from './stack-files';

export const TEMPLATE_FILE = repo('sentry-cache/nginx.conf.template');
export const PLACEHOLDERS = ['SENTRY_UPSTREAM', 'CACHE_PORT', 'CACHE_DIR', 'CACHE_TTL'] as const;
export type CacheSettings = Record<(typeof PLACEHOLDERS)[number], string>;
/** The trust store line of the template, which the TLS test points at its own certificate. */
export const SYSTEM_TRUST_STORE = '/etc/ssl/certs/ca-certificates.crt';

export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
export const hasNginx = existsSync(NGINX_BIN);

/**
 * `envsubst 'SHELL-FORMAT'` as the nginx image runs it: `$NAME` and `${NAME}` of the given names are replaced,
 * everything else (nginx's own `$variables` included) is kept as written.
 */
export function envsubst(text: string, values: Record<string, string>): string {
  return text.replace(/\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g, (match, braced?: string, bare?: string) => {
    const name = (braced ?? bare)!;
    return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
  });
}

/** The template with every placeholder filled; an unset or unknown placeholder is an error, not an empty string. */
export function renderCacheConfig(settings: CacheSettings, template = readFileSync(TEMPLATE_FILE, 'utf8')): string {
  for (const name of PLACEHOLDERS) {
    if (!settings[name]) {
      throw new Error(`sentry-cache: ${name} is not set`);
    }
  }
  const rendered = envsubst(template, settings);
  const left = [...rendered.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
  if (left.length > 0) {
    throw new Error(`sentry-cache: placeholders left unfilled: ${[...new Set(left)].join(', ')}`);
  }
  return rendered;
}

export interface RunningCache {
  url: string;
  dir: string;
  close(): Promise<void>;
}

export interface CacheOptions {
  upstream: string;
  ttl?: string;
  /** Replaces the template's trust store (a test's own CA); the template's line is required to be there. */
  trustedCertificate?: string;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts Debian's nginx with the rendered template on a free loopback port; resolves once it accepts connections. */
export async function startNginxCache(options: CacheOptions): Promise<RunningCache> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentry-cache-'));
  // Run as root, nginx's workers are `nobody`: they must reach the cache and temp directories the master creates.
  chmodSync(dir, 0o755);
  const port = await freePort();
  let config = renderCacheConfig({
    SENTRY_UPSTREAM: options.upstream,
    CACHE_PORT: `127.0.0.1:${port}`,
    CACHE_DIR: dir,
    CACHE_TTL: options.ttl ?? '30s',
  });
  if (options.trustedCertificate) {
    if (!config.includes(SYSTEM_TRUST_STORE)) {
      throw new Error(`sentry-cache: the template no longer names ${SYSTEM_TRUST_STORE}`);
    }
    config = config.replace(SYSTEM_TRUST_STORE, options.trustedCertificate);
  }
  const configFile = path.join(dir, 'nginx.conf');
  writeFileSync(configFile, config);

  // -e stderr: the compiled-in error log may not be writable before the configuration is read.
  const child = spawn(NGINX_BIN, ['-e', 'stderr', '-p', `${dir}/`, '-c', configFile, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // TERM: the master stops its workers and exits.
      child.kill('SIGTERM');
      await exited(child);
    }
  };
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  const cleanUp = async () => {
    await stop();
    process.removeListener('exit', onExit);
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await cleanUp();
      throw new Error(`nginx did not start (exit ${child.exitCode}):\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `http://127.0.0.1:${port}`, dir, close: cleanUp };
}
