import React, { useCallback, useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataSourceSettings } from '@grafana/data';

import { PLUGIN_ID } from '../../tests/support/plugin';
import { ConfigEditor } from './ConfigEditor';
import plugin from '../plugin.json';
import { Components } from '../selectors';
import { SentryConfig, SentrySecureConfig } from '../sentry/settings';

type Settings = DataSourceSettings<SentryConfig, SentrySecureConfig>;

const selectors = Components.ConfigEditor;

function makeOptions(overrides: Partial<Settings> = {}): Settings {
  return {
    id: 1,
    uid: 'sentry-lens-test',
    orgId: 1,
    name: 'Sentry Lens',
    typeLogoUrl: '',
    type: PLUGIN_ID,
    typeName: 'Sentry Lens',
    access: 'proxy',
    url: '',
    user: '',
    // Required by the DataSourceSettings type, though deprecated.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData: { url: 'https://sentry.io', orgSlug: 'acme' },
    secureJsonFields: {},
    readOnly: false,
    withCredentials: false,
    ...overrides,
  };
}

/** Renders the editor the way Grafana does: every onOptionsChange becomes the next `options`. */
function renderEditor(overrides: Partial<Settings> = {}) {
  const onOptionsChange = jest.fn<void, [Settings]>();
  function Host() {
    const [options, setOptions] = useState(() => makeOptions(overrides));
    const onChange = useCallback((next: Settings) => {
      onOptionsChange(next);
      setOptions(next);
    }, []);
    return <ConfigEditor options={options} onOptionsChange={onChange} />;
  }
  const user = userEvent.setup({ delay: null });
  render(<Host />);
  const latest = (): Settings | undefined => onOptionsChange.mock.lastCall?.[0];
  return { user, onOptionsChange, latest };
}

const savedUrls = (mock: jest.Mock<void, [Settings]>) => mock.mock.calls.map(([o]) => o.jsonData.url);

describe('ConfigEditor', () => {
  describe('Sentry URL', () => {
    it('writes the default URL into jsonData when it is missing, keeping the other settings', () => {
      const { onOptionsChange, latest } = renderEditor({ jsonData: { orgSlug: 'acme', rowBudget: 500 } });

      expect(onOptionsChange).toHaveBeenCalledTimes(1);
      expect(latest()?.jsonData).toEqual({ url: 'https://sentry.io', orgSlug: 'acme', rowBudget: 500 });
      expect(screen.getByTestId(selectors.URL.testId)).toHaveValue('https://sentry.io');
    });

    it('leaves a saved URL alone on mount', () => {
      const { onOptionsChange } = renderEditor({ jsonData: { url: 'https://de.sentry.io', orgSlug: 'acme' } });

      expect(onOptionsChange).not.toHaveBeenCalled();
      expect(screen.getByTestId(selectors.URL.testId)).toHaveValue('https://de.sentry.io');
    });

    it('commits a typed URL on blur, not on each keystroke', async () => {
      const { user, onOptionsChange, latest } = renderEditor();
      const input = screen.getByTestId(selectors.URL.testId);

      await user.clear(input);
      await user.type(input, 'https://de.sentry.io');
      expect(onOptionsChange).not.toHaveBeenCalled();

      await user.tab();
      expect(onOptionsChange).toHaveBeenCalledTimes(1);
      expect(latest()?.jsonData).toEqual({ url: 'https://de.sentry.io', orgSlug: 'acme' });
    });

    it('strips a trailing slash', async () => {
      const { user, latest } = renderEditor();
      const input = screen.getByTestId(selectors.URL.testId);

      await user.clear(input);
      await user.type(input, 'https://sentry.example.com/');
      await user.tab();

      expect(latest()?.jsonData.url).toBe('https://sentry.example.com');
      expect(input).toHaveValue('https://sentry.example.com');
    });

    it.each([
      [
        'https://sentry.example.com/organizations/acme',
        'Remove the path: use https://sentry.example.com, not https://sentry.example.com/organizations/acme',
      ],
      ['https://sentry.example.com/api/0/', 'Remove /api/0, the plugin adds it: use https://sentry.example.com'],
      ['sentry.example.com', 'Start the URL with https:// (or http://), e.g. https://sentry.example.com'],
      ['ftp://sentry.example.com', 'Use an https:// or http:// URL, not ftp://'],
      ['https://sentry.example.com/?org=acme', 'Remove the query string: use https://sentry.example.com'],
    ])('rejects %s with a specific error and does not save it', async (typed, message) => {
      const { user, onOptionsChange } = renderEditor();
      const input = screen.getByTestId(selectors.URL.testId);

      await user.clear(input);
      await user.type(input, typed);
      await user.tab();

      expect(screen.getByText(message)).toBeInTheDocument();
      expect(onOptionsChange).not.toHaveBeenCalled();
    });

    it('clears the error once the URL is fixed', async () => {
      const { user, onOptionsChange } = renderEditor();
      const input = screen.getByTestId(selectors.URL.testId);

      await user.clear(input);
      await user.type(input, 'https://sentry.example.com/acme');
      await user.tab();
      expect(screen.getByText(/^Remove the path/)).toBeInTheDocument();

      await user.clear(input);
      await user.type(input, 'https://sentry.example.com');
      await user.tab();
      expect(screen.queryByText(/^Remove the path/)).not.toBeInTheDocument();
      expect(savedUrls(onOptionsChange)).toEqual(['https://sentry.example.com']);
    });

    it('falls back to the default URL when cleared', async () => {
      const { user, latest } = renderEditor({ jsonData: { url: 'https://de.sentry.io', orgSlug: 'acme' } });
      const input = screen.getByTestId(selectors.URL.testId);

      await user.clear(input);
      await user.tab();

      expect(latest()?.jsonData.url).toBe('https://sentry.io');
      expect(input).toHaveValue('https://sentry.io');
    });
  });

  describe('Organization slug', () => {
    it('commits a typed slug on blur', async () => {
      const { user, onOptionsChange, latest } = renderEditor({ jsonData: { url: 'https://sentry.io' } });
      const input = screen.getByTestId(selectors.OrgSlug.testId);

      await user.type(input, 'acme-corp');
      expect(onOptionsChange).not.toHaveBeenCalled();
      await user.tab();

      expect(latest()?.jsonData).toEqual({ url: 'https://sentry.io', orgSlug: 'acme-corp' });
    });

    it.each([
      ['https://acme.sentry.io/issues/', 'acme'],
      ['https://sentry.io/organizations/acme/issues/', 'acme'],
      ['https://sentry.example.com/organizations/platform_team/issues/?project=2', 'platform_team'],
      ['acme.sentry.io', 'acme'],
    ])('extracts the slug from a pasted %s', async (pasted, slug) => {
      const { user, latest } = renderEditor({ jsonData: { url: 'https://sentry.io' } });
      const input = screen.getByTestId(selectors.OrgSlug.testId);

      await user.click(input);
      await user.paste(pasted);
      await user.tab();

      expect(latest()?.jsonData.orgSlug).toBe(slug);
      expect(input).toHaveValue(slug);
    });

    it('explains a pasted URL without a slug and keeps the saved slug', async () => {
      const { user, onOptionsChange } = renderEditor();
      const input = screen.getByTestId(selectors.OrgSlug.testId);

      await user.clear(input);
      await user.click(input);
      await user.paste('https://de.sentry.io/settings/account/');
      await user.tab();

      expect(screen.getByText(/^No organization slug in that URL/)).toBeInTheDocument();
      expect(onOptionsChange).not.toHaveBeenCalled();
    });

    it('rejects a slug with spaces', async () => {
      const { user, onOptionsChange } = renderEditor();
      const input = screen.getByTestId(selectors.OrgSlug.testId);

      await user.clear(input);
      await user.type(input, 'acme corp');
      await user.tab();

      expect(
        screen.getByText('A slug has only letters, digits, hyphens and underscores, e.g. acme')
      ).toBeInTheDocument();
      expect(onOptionsChange).not.toHaveBeenCalled();
    });

    it('flags a cleared slug as required and removes it from jsonData', async () => {
      const { user, latest } = renderEditor();
      const input = screen.getByTestId(selectors.OrgSlug.testId);

      await user.clear(input);
      await user.tab();

      expect(screen.getByText('Enter the organization slug, e.g. acme')).toBeInTheDocument();
      expect(latest()?.jsonData).toEqual({ url: 'https://sentry.io' });
    });
  });

  describe('Auth token', () => {
    it('commits the typed token to secureJsonData only', async () => {
      const { user, latest } = renderEditor();
      const input = screen.getByTestId(selectors.AuthToken.testId);
      expect(input).toHaveAttribute('type', 'password');

      await user.type(input, 'sntryu_secret');

      expect(latest()?.secureJsonData).toEqual({ authToken: 'sntryu_secret' });
      expect(latest()?.jsonData).toEqual({ url: 'https://sentry.io', orgSlug: 'acme' });
    });

    it('drops a pasted "Bearer " prefix and surrounding whitespace', async () => {
      const { user, latest } = renderEditor();
      const input = screen.getByTestId(selectors.AuthToken.testId);

      await user.click(input);
      await user.paste('  Bearer 0123abcd  ');

      expect(latest()?.secureJsonData?.authToken).toBe('0123abcd');
    });

    it('warns about organization tokens', async () => {
      const { user } = renderEditor();
      const input = screen.getByTestId(selectors.AuthToken.testId);

      await user.click(input);
      await user.paste('sntrys_eyJpYXQiOjF9_abc');

      expect(
        screen.getByText(`This is an organization token. ${selectors.AuthToken.orgTokenWarning}`)
      ).toBeInTheDocument();
    });

    it('says which token to create and where it is kept', () => {
      renderEditor();

      expect(screen.getByText(/Internal Integration\) or a personal token/)).toHaveTextContent(
        'scopes org:read, project:read, event:read'
      );
      expect(screen.getByText(/sends it to Sentry only from Grafana's server/)).toBeInTheDocument();
    });

    it('shows a configured token, and Reset clears it', async () => {
      const { user, latest } = renderEditor({ secureJsonFields: { authToken: true } });
      const input = screen.getByTestId(selectors.AuthToken.testId);
      expect(input).toHaveValue('configured');
      expect(input).toBeDisabled();

      await user.click(screen.getByRole('button', { name: 'Reset' }));

      expect(latest()?.secureJsonFields.authToken).toBe(false);
      expect(latest()?.secureJsonData?.authToken).toBe('');
      const fresh = screen.getByTestId(selectors.AuthToken.testId);
      expect(fresh).toBeEnabled();
      expect(fresh).toHaveValue('');
      expect(screen.queryByRole('button', { name: 'Reset' })).not.toBeInTheDocument();
    });
  });

  describe('Request limits', () => {
    const expand = (user: ReturnType<typeof userEvent.setup>) =>
      user.click(screen.getByRole('button', { name: selectors.RequestLimits.expandAriaLabel }));

    it('starts collapsed when both limits are at their defaults', async () => {
      const { user } = renderEditor();
      expect(screen.queryByTestId(selectors.MaxConcurrent.testId)).not.toBeInTheDocument();

      await expand(user);

      expect(screen.getByTestId(selectors.MaxConcurrent.testId)).toHaveAttribute('placeholder', '5');
      expect(screen.getByTestId(selectors.RowBudget.testId)).toHaveAttribute('placeholder', '1000');
      expect(screen.getByTestId(selectors.MaxResponse.testId)).toHaveAttribute('placeholder', '32');
      expect(screen.getByTestId(selectors.RateLimitWait.testId)).toHaveAttribute('placeholder', '60');
    });

    it('saves valid numbers as numbers', async () => {
      const { user, latest } = renderEditor();
      await expand(user);

      await user.type(screen.getByTestId(selectors.MaxConcurrent.testId), '10');
      await user.tab();
      await user.type(screen.getByTestId(selectors.RowBudget.testId), '5000');
      await user.tab();
      await user.type(screen.getByTestId(selectors.MaxResponse.testId), '64');
      await user.tab();
      await user.type(screen.getByTestId(selectors.RateLimitWait.testId), '120');
      await user.tab();

      expect(latest()?.jsonData).toEqual({
        url: 'https://sentry.io',
        orgSlug: 'acme',
        maxConcurrentRequests: 10,
        rowBudget: 5000,
        maxResponseMB: 64,
        rateLimitWaitSeconds: 120,
      });
    });

    const range = (min: number, max: number, fallback: number) =>
      `use ${min} to ${max}, or leave empty for the default (${fallback})`;

    it.each([
      { field: selectors.MaxConcurrent, typed: '26', message: `26 is out of range: ${range(1, 25, 5)}` },
      { field: selectors.MaxConcurrent, typed: '0', message: `0 is out of range: ${range(1, 25, 5)}` },
      { field: selectors.MaxConcurrent, typed: '2.5', message: `Not a whole number: ${range(1, 25, 5)}` },
      { field: selectors.MaxConcurrent, typed: '-3', message: `Not a whole number: ${range(1, 25, 5)}` },
      { field: selectors.RowBudget, typed: '50', message: `50 is out of range: ${range(100, 100000, 1000)}` },
      { field: selectors.RowBudget, typed: '100001', message: `100001 is out of range: ${range(100, 100000, 1000)}` },
      { field: selectors.RowBudget, typed: 'lots', message: `Not a whole number: ${range(100, 100000, 1000)}` },
      { field: selectors.MaxResponse, typed: '0', message: `0 is out of range: ${range(1, 1024, 32)}` },
      { field: selectors.MaxResponse, typed: '2048', message: `2048 is out of range: ${range(1, 1024, 32)}` },
      { field: selectors.RateLimitWait, typed: '0', message: `0 is out of range: ${range(1, 600, 60)}` },
      { field: selectors.RateLimitWait, typed: '601', message: `601 is out of range: ${range(1, 600, 60)}` },
    ])(
      '$field.label rejects "$typed" with a specific error and does not save it',
      async ({ field, typed, message }) => {
        const { user, onOptionsChange } = renderEditor();
        await expand(user);

        await user.type(screen.getByTestId(field.testId), typed);
        await user.tab();

        expect(screen.getByText(message)).toBeInTheDocument();
        expect(screen.getByTestId(field.testId)).toHaveValue(typed);
        expect(onOptionsChange).not.toHaveBeenCalled();
      }
    );

    it('accepts the bounds', async () => {
      const { user, latest } = renderEditor();
      await expand(user);

      await user.type(screen.getByTestId(selectors.MaxConcurrent.testId), '25');
      await user.tab();
      await user.type(screen.getByTestId(selectors.RowBudget.testId), '100');
      await user.tab();

      expect(latest()?.jsonData).toMatchObject({ maxConcurrentRequests: 25, rowBudget: 100 });
    });

    it('opens with saved limits and clears an emptied one back to the default', async () => {
      const { user, latest } = renderEditor({
        jsonData: { url: 'https://sentry.io', orgSlug: 'acme', maxConcurrentRequests: 8, rowBudget: 2000 },
      });
      const concurrency = screen.getByTestId(selectors.MaxConcurrent.testId);
      expect(concurrency).toHaveValue('8');
      expect(screen.getByTestId(selectors.RowBudget.testId)).toHaveValue('2000');

      await user.clear(concurrency);
      await user.tab();

      expect(latest()?.jsonData).toEqual({ url: 'https://sentry.io', orgSlug: 'acme', rowBudget: 2000 });
      expect(latest()?.jsonData).not.toHaveProperty('maxConcurrentRequests');
    });
  });

  it('uses the shared selectors for labels', () => {
    renderEditor();

    expect(screen.getByLabelText(new RegExp(`^${selectors.URL.label}`))).toBe(screen.getByTestId(selectors.URL.testId));
    expect(screen.getByLabelText(new RegExp(`^${selectors.OrgSlug.label}`))).toBe(
      screen.getByTestId(selectors.OrgSlug.testId)
    );
    expect(screen.getByLabelText(new RegExp(`^${selectors.AuthToken.label}`))).toBe(
      screen.getByTestId(selectors.AuthToken.testId)
    );
  });

  it('links "view the documentation" to this plugin’s README, as plugin.json does', () => {
    renderEditor();
    const readme = plugin.info.links.find((link) => link.name === 'Documentation')!.url;
    expect(readme).toMatch(/^https:\/\/github\.com\/sentry-lens\/lens-sentry-datasource#readme$/);
    expect(screen.getByRole('link', { name: 'view the documentation' })).toHaveAttribute('href', readme);
  });
});
