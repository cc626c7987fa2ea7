import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { OnboardingPage } from '../../../src-renderer/src/features/onboarding/OnboardingPage';
import { KeyPanel } from '../../../src-renderer/src/features/settings/KeyPanel';
import { SettingsPage } from '../../../src-renderer/src/features/settings/SettingsPage';
import { resetCapabilities } from '../../../src-renderer/src/features/export/capabilities';
import { needsOnboarding } from '../../../src-renderer/src/stores/settings-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { NO_KEY, installFakeApi, view } from '../fake-api';

const VALID = { provider: 'xai', configured: true, source: 'keychain', hint: 'xa…42', state: 'valid', message: 'The key works.' } as const;

beforeEach(() => useStudio.setState({ settingsView: view(), keyStatus: NO_KEY, onboardingOpen: true, info: null }));

describe('key form', () => {
  it('shows xAI’s refusal inline, tied to the field, and clears the field', async () => {
    const calls = installFakeApi({
      'key:set': () => ({ stored: false, outcome: 'invalid', message: 'xAI did not accept this key.', status: NO_KEY }),
    });
    const user = userEvent.setup();
    render(<KeyPanel />);
    const field = screen.getByLabelText('xAI API key');
    await user.type(field, 'xai-bad-000');
    await user.click(screen.getByRole('button', { name: 'Save key' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('did not accept');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field.getAttribute('aria-describedby')).toContain(alert.id);
    expect(field).toHaveValue('');
    expect(calls).toEqual([{ channel: 'key:set', input: { key: 'xai-bad-000' } }]);
  });

  it('shows a stored key by its hint only, with replace and remove', async () => {
    installFakeApi({ 'key:remove': () => NO_KEY });
    useStudio.setState({ keyStatus: VALID });
    const user = userEvent.setup();
    render(<KeyPanel />);
    expect(screen.getByLabelText('Masked key')).toHaveTextContent('xa…42');
    expect(screen.getByText('Working')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove key' }));
    await waitFor(() => expect(useStudio.getState().keyStatus?.state).toBe('not-set'));
  });

  it('each provider has its own key panel: Stability’s key is checked and stored under its own name', async () => {
    const stabilityNone = { ...NO_KEY, provider: 'stability', message: 'No Stability AI API key yet.' } as const;
    const stored = { ...VALID, provider: 'stability', hint: 'sk…42' } as const;
    const calls = installFakeApi({ 'key:set': () => ({ stored: true, outcome: 'valid', message: 'Saved.', status: stored }) });
    useStudio.setState({ keyStatus: VALID, providerKeys: { xai: VALID, stability: stabilityNone } });
    const user = userEvent.setup();
    render(<KeyPanel provider="stability" />);
    expect(screen.getByRole('region', { name: 'Stability AI key' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Stability AI API key'), 'sk-stability-42');
    await user.click(screen.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(screen.getByLabelText('Masked key')).toHaveTextContent('sk…42'));
    expect(calls).toEqual([{ channel: 'key:set', input: { provider: 'stability', key: 'sk-stability-42' } }]);
    // xAI's key, which the paid forms wait for, is not touched.
    expect(useStudio.getState().keyStatus).toEqual(VALID);
    expect(screen.getByRole('link', { name: 'platform.stability.ai' })).toHaveAttribute('href', 'https://platform.stability.ai/account/keys');
  });

  it('an environment key is read-only', () => {
    useStudio.setState({ keyStatus: { ...VALID, source: 'environment' } });
    render(<KeyPanel />);
    expect(screen.queryByLabelText('xAI API key')).toBeNull();
    expect(screen.getByText(/XAI_API_KEY environment variable and is read-only/)).toBeInTheDocument();
  });
});

describe('settings form', () => {
  it('validates as you type and saves a valid value on blur', async () => {
    const calls = installFakeApi({ 'settings:update': (patch) => view(patch) });
    const user = userEvent.setup();
    render(<SettingsPage />);
    const field = screen.getByLabelText('Requests at once');
    await user.clear(field);
    await user.type(field, '40');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('At most 16.');
    expect(field.getAttribute('aria-describedby')).toContain(screen.getByRole('alert').id);
    await user.clear(field);
    await user.type(field, '3');
    await user.tab();
    await waitFor(() => expect(calls).toContainEqual({ channel: 'settings:update', input: { concurrency: 3 } }));
    expect(useStudio.getState().settingsView?.settings.concurrency).toBe(3);
  });

  it('the xAI usage tier lists each tier with the pace it sets, and saves the chosen tier as a number', async () => {
    const calls = installFakeApi({ 'settings:update': (patch) => view(patch) });
    const user = userEvent.setup();
    render(<SettingsPage />);
    const tier = screen.getByRole('combobox', { name: 'xAI usage tier' });
    expect(screen.getByRole('option', { name: 'Tier 0 — images 6/s, video 10/s' })).toBeInTheDocument();
    await user.selectOptions(tier, 'Tier 2 — images 25/s, video 39/s');
    await waitFor(() => expect(calls).toContainEqual({ channel: 'settings:update', input: { rateTier: 2 } }));
  });

  it('chooses the library folder through main’s dialog (a grant, never a path) and shows main’s refusal', async () => {
    resetCapabilities();
    const calls = installFakeApi({
      'desktop:capabilities': () => ({ dialogs: true, reveal: true, nativeDrag: true, nativeClipboard: true }),
      'desktop:choose-folder': () => ({ folder: { token: 'T'.repeat(43), label: '/home/me' } }),
      'settings:library-folder': () => {
        throw { kind: 'validation', message: '/home/me already holds other files.', issues: [{ path: 'libraryDir', message: '/home/me already holds other files.' }] };
      },
    });
    const user = userEvent.setup();
    render(<SettingsPage />);
    expect(screen.queryByLabelText('Library folder')).toBeNull();
    expect(screen.queryByLabelText('API base URL')).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Choose folder…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('already holds other files');
    expect(calls.map((c) => c.channel)).toContain('desktop:choose-folder');
    expect(calls).toContainEqual({ channel: 'settings:library-folder', input: { folder: 'T'.repeat(43) } });
    resetCapabilities();
  });

  it('the browser host shows the folder and says it is set with --library-dir', async () => {
    resetCapabilities();
    installFakeApi({ 'desktop:capabilities': () => ({ dialogs: false, reveal: false, nativeDrag: false, nativeClipboard: false }) });
    render(<SettingsPage />);
    expect(screen.getByText(/^Library folder:/)).toHaveTextContent('/data/library');
    expect(document.getElementById('library-folder-how')).toHaveTextContent('uses the folder given with --library-dir when it starts');
    expect(screen.queryByRole('button', { name: 'Choose folder…' })).toBeNull();
  });

  it('gives every control a label', () => {
    installFakeApi({});
    const { container } = render(<SettingsPage />);
    for (const el of container.querySelectorAll('input, select')) {
      expect(screen.getAllByLabelText(/.+/).includes(el as HTMLElement)).toBe(true);
    }
  });
});

describe('onboarding', () => {
  it('opens on a first run only: no key, demo off and an empty library', () => {
    expect(needsOnboarding(view(), NO_KEY, 0)).toBe(true);
    expect(needsOnboarding(view({ demoMode: true }), NO_KEY, 0)).toBe(false);
    expect(needsOnboarding(view(), VALID, 0)).toBe(false);
    // A library with items opens straight away, key or not.
    expect(needsOnboarding(view(), NO_KEY, 3)).toBe(false);
  });

  it('welcome → key → ready, with a link to console.x.ai', async () => {
    installFakeApi({ 'key:set': () => ({ stored: true, outcome: 'valid', message: 'Saved.', status: VALID }) });
    const user = userEvent.setup();
    render(<OnboardingPage />);
    expect(screen.getAllByRole('link', { name: 'console.x.ai' })[0]).toHaveAttribute('href', 'https://console.x.ai');
    await user.click(screen.getByRole('button', { name: 'Use my API key' }));
    await user.type(screen.getByLabelText('xAI API key'), 'xai-good-42');
    await user.click(screen.getByRole('button', { name: 'Check and save' }));
    expect(await screen.findByRole('heading', { name: 'You’re ready' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Start creating' }));
    expect(useStudio.getState().onboardingOpen).toBe(false);
  });

  it('“Try demo mode” switches demo on and closes onboarding', async () => {
    const calls = installFakeApi({ 'settings:update': (patch) => view(patch) });
    const user = userEvent.setup();
    render(<OnboardingPage />);
    await user.click(screen.getByRole('button', { name: 'Try demo mode' }));
    await waitFor(() => expect(useStudio.getState().onboardingOpen).toBe(false));
    expect(calls).toEqual([{ channel: 'settings:update', input: { demoMode: true } }]);
  });
});
