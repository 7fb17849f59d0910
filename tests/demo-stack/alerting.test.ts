/** @jest-environment node */
// The demo stack's alerting: Alertmanager and the alert bridge in docker-compose.yaml wired to each other, to the
// fake's webhooks and to Prometheus; Alertmanager's routes (amtool) and Prometheus' alert rules (promtool); the
// Alertmanager data source and the alerts panel.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { EVENT_WRITE_TOKEN } from '../../fake-sentry/auth';
import { buildScenario } from '../../fake-sentry/scenario';
import { DSN_PUBLIC_KEY } from '../../fake-sentry/ingest';
import { composeDefault, datasources, hostPathOf, readYaml, repo, services } from './stack-files';

const AMTOOL = process.env.AMTOOL_BIN ?? '/usr/bin/amtool';
const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';
const withAmtool = existsSync(AMTOOL) ? it : it.skip;
const withPromtool = existsSync(PROMTOOL) ? it : it.skip;

const env = (service: string, name: string) => composeDefault(services[service].env[name] ?? '');

describe('alerting in docker-compose.yaml', () => {
  it('runs Alertmanager from a pinned image with the repository’s configuration, as one instance', () => {
    const alertmanager = services.alertmanager;
    expect(alertmanager.image).toMatch(/^prom\/alertmanager:v\d+\.\d+\.\d+$/);
    expect(hostPathOf(alertmanager, '/etc/alertmanager/alertmanager.yml')).toBe(repo('alertmanager/alertmanager.yml'));
    expect(alertmanager.command).toEqual(
      expect.arrayContaining(['--config.file=/etc/alertmanager/alertmanager.yml', '--cluster.listen-address='])
    );
  });

  it('runs the bridge from its bundle in build/stack, its state in a volume, posting to Alertmanager', () => {
    const bridge = services.bridge;
    expect(bridge.command).toEqual(['node', 'bridge.js']);
    expect(hostPathOf(bridge, bridge.working_dir ?? '')).toBe(repo('build/stack'));
    expect(bridge.mounts).toContainEqual({
      source: 'bridge-state',
      target: env('bridge', 'BRIDGE_STATE_DIR'),
      named: true,
    });
    expect(env('bridge', 'ALERTMANAGER_URL')).toBe('http://alertmanager:9093');
    expect(env('bridge', 'PORT')).toBe('9097');
  });

  it('has the fake sign its webhooks with the bridge’s client secret and send them to the bridge', () => {
    expect(env('fake-sentry', 'FAKE_SENTRY_WEBHOOK_URL')).toBe(`http://bridge:${env('bridge', 'PORT')}/sentry`);
    expect(env('fake-sentry', 'FAKE_SENTRY_WEBHOOK_SECRET')).toBe(env('bridge', 'SENTRY_CLIENT_SECRET'));
    expect(env('bridge', 'SENTRY_CLIENT_SECRET').length).toBeGreaterThanOrEqual(32);
  });

  it('sends Prometheus’ alerts to a project of the fake with its DSN, and resolves with a token that may', () => {
    const dsn = new URL(env('bridge', 'SENTRY_DSN'));
    expect(dsn.username).toBe(DSN_PUBLIC_KEY);
    expect(dsn.host).toBe('fake-sentry:3998');
    const projectIds = buildScenario({ seed: 1, now: Date.UTC(2026, 0, 1) }).projects.map((p) => p.id);
    expect(projectIds).toContain(dsn.pathname.slice(1));
    expect(env('bridge', 'SENTRY_URL')).toBe('http://fake-sentry:3998');
    expect(env('bridge', 'SENTRY_AUTH_TOKEN')).toBe(EVENT_WRITE_TOKEN);
  });

  it('has Prometheus load the alert rules, send to Alertmanager and scrape the bridge', () => {
    expect(hostPathOf(services.prometheus, '/etc/prometheus/alerts.yml')).toBe(repo('prometheus/alerts.yml'));
    const config = readYaml<{
      rule_files: string[];
      alerting: { alertmanagers: Array<{ static_configs: Array<{ targets: string[] }> }> };
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    }>(repo('prometheus/prometheus.yml'));
    expect(config.rule_files).toEqual(['alerts.yml']);
    expect(config.alerting.alertmanagers[0].static_configs[0].targets).toEqual(['alertmanager:9093']);
    const bridgeJob = config.scrape_configs.find((job) => job.job_name === 'alert-bridge')!;
    expect(bridgeJob.static_configs[0].targets).toEqual([`bridge:${env('bridge', 'PORT')}`]);
  });

  it('provisions the Alertmanager data source at the compose service', () => {
    expect(datasources.find((d) => d.type === 'alertmanager')).toMatchObject({
      uid: 'alertmanager',
      url: 'http://alertmanager:9093',
      jsonData: { implementation: 'prometheus' },
    });
  });
});

describe('alertmanager/alertmanager.yml', () => {
  const config = readYaml<{
    receivers: Array<{ name: string; webhook_configs?: Array<{ url: string; send_resolved: boolean }> }>;
  }>(repo('alertmanager/alertmanager.yml'));

  it('sends to the bridge’s /alertmanager with resolved notifications', () => {
    const sentry = config.receivers.find((r) => r.name === 'sentry')!;
    expect(sentry.webhook_configs).toEqual([
      { url: `http://bridge:${env('bridge', 'PORT')}/alertmanager`, send_resolved: true },
    ]);
  });

  withAmtool('passes amtool check-config, and routes Sentry’s own alerts away from Sentry', () => {
    const file = repo('alertmanager/alertmanager.yml');
    expect(execFileSync(AMTOOL, ['check-config', file], { encoding: 'utf8' })).toContain('SUCCESS');
    const receiverFor = (...labels: string[]) =>
      execFileSync(AMTOOL, ['config', 'routes', 'test', `--config.file=${file}`, ...labels], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    expect(receiverFor('alertname=ErrorRatioAboveUsual', 'service=checkout-api')).toBe('sentry');
    expect(receiverFor('alertname=Checkout errors after deploy', 'source=sentry')).toBe('on-call');
  });
});

describe('prometheus/alerts.yml', () => {
  withPromtool(
    'passes its promtool unit test: the error burst fires ErrorRatioAboveUsual, steady traffic does not',
    () => {
      const out = execFileSync(PROMTOOL, ['test', 'rules', repo('prometheus/alerts.test.yml')], { encoding: 'utf8' });
      expect(out).toContain('SUCCESS');
    }
  );
});
