import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { KeyStatus } from '@contract';
import { OnboardingPage } from '../../../src-renderer/src/features/onboarding/OnboardingPage';
import { KeyGate } from '../../../src-renderer/src/features/shell/KeyGate';
import { rehydrateSettings } from '../../../src-renderer/src/features/settings/rehydrate';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { NO_KEY, installFakeApi, view } from '../fake-api';

const VALID: KeyStatus = { provider: 'xai', configured: true, source: 'keychain', hint: 'xa…42', state: 'valid', message: 'The key works.' };
const LOCKED: KeyStatus = {
  provider: 'xai', configured: false, source: 'none', hint: null, state: 'keychain-unavailable', message: 'The login keyring is locked.',
};

const ALL = ['xai', 'stability', 'minimax'] as const;
const STABILITY: KeyStatus = { ...VALID, provider: 'stability', hint: 'sk…42' };

const form = <form aria-label="New batch"><textarea aria-label="Prompt" /></form>;

beforeEach(() => {
  localStorage.clear();
  useStudio.setState({ settingsView: view(), keyStatus: NO_KEY, providerKeys: {}, onboardingOpen: false, section: 'generate' });
});

describe('KeyGate: the paid forms without a key', () => {
  it('shows "Add your API key" and "Try demo mode" where the form would be, and the form once a key is saved', async () => {
    installFakeApi({ 'key:set': () => ({ stored: true, outcome: 'valid', message: 'Saved.', status: VALID }) });
    const user = userEvent.setup();
    render(<KeyGate what="generate images" providers={ALL}>{form}</KeyGate>);
    expect(screen.queryByRole('form', { name: 'New batch' })).toBeNull();
    expect(screen.getByRole('region', { name: 'An API key is needed to generate images' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try demo mode' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add your API key' }));
    const field = screen.getByLabelText('xAI API key');
    expect(field).toHaveFocus();
    await user.type(field, 'xai-good-42');
    await user.click(screen.getByRole('button', { name: 'Check and save' }));
    expect(await screen.findByRole('form', { name: 'New batch' })).toBeInTheDocument();
  });

  it('"Try demo mode" turns demo on, which opens the form', async () => {
    const calls = installFakeApi({ 'settings:update': (patch: { demoMode: boolean }) => view(patch) });
    const user = userEvent.setup();
    render(<KeyGate what="make videos" providers={ALL}>{form}</KeyGate>);
    await user.click(screen.getByRole('button', { name: 'Try demo mode' }));
    expect(await screen.findByRole('form', { name: 'New batch' })).toBeInTheDocument();
    expect(calls).toEqual([{ channel: 'settings:update', input: { demoMode: true } }]);
  });

  it('says when the keychain is locked and asks again on "Try again"', async () => {
    useStudio.setState({ keyStatus: LOCKED });
    let answer = LOCKED;
    const calls = installFakeApi({ 'key:status': () => answer });
    const user = userEvent.setup();
    render(<KeyGate what="edit images" providers={ALL}>{form}</KeyGate>);
    const panel = screen.getByRole('region', { name: 'Your keychain is locked' });
    expect(panel).toHaveTextContent('The login keyring is locked.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(calls.map((c) => c.channel)).toEqual(['key:status']);
    expect(screen.getByRole('region', { name: 'Your keychain is locked' })).toBeInTheDocument();
    answer = VALID; // unlocked meanwhile
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('form', { name: 'New batch' })).toBeInTheDocument();
  });
});

describe('KeyGate follows the providers a form offers', () => {
  it('opens for a Stability key alone when the form offers Stability, and not when it offers only xAI', () => {
    useStudio.getState().setKeyStatus(STABILITY);
    const { unmount } = render(<KeyGate what="generate images" providers={ALL}>{form}</KeyGate>);
    expect(screen.getByRole('form', { name: 'New batch' })).toBeInTheDocument();
    unmount();
    render(<KeyGate what="make videos" providers={['xai', 'minimax']}>{form}</KeyGate>);
    expect(screen.queryByRole('form', { name: 'New batch' })).toBeNull();
    expect(screen.getByRole('region', { name: 'An API key is needed to make videos' })).toBeInTheDocument();
  });
});

describe('where the app opens', () => {
  const answer = (total: number, key: KeyStatus = NO_KEY) =>
    installFakeApi({ 'settings:get': () => view(), 'key:status': () => key, 'library:query': () => ({ ids: [], total, totalCapped: false, nextCursor: null }) });

  it('welcomes a first run (no key, empty library) once', async () => {
    answer(0);
    await rehydrateSettings();
    expect(useStudio.getState().onboardingOpen).toBe(true);
    const user = userEvent.setup();
    render(<OnboardingPage />);
    await user.click(screen.getByRole('button', { name: 'Look around first' }));
    expect(useStudio.getState()).toMatchObject({ onboardingOpen: false, section: 'library' });
    await rehydrateSettings();
    expect(useStudio.getState().onboardingOpen).toBe(false);
  });

  it('opens the Library, not a welcome, when there is no key but the library has items', async () => {
    answer(12);
    await rehydrateSettings();
    expect(useStudio.getState()).toMatchObject({ onboardingOpen: false, section: 'library' });
  });

  it('no welcome with another provider’s key: those keys are read before deciding when xAI has none', async () => {
    installFakeApi({
      'settings:get': () => view(),
      'key:status': (input: { provider?: string }) => (input.provider === 'stability' ? STABILITY : { ...NO_KEY, provider: input.provider ?? 'xai' }),
      'library:query': () => ({ ids: [], total: 0, totalCapped: false, nextCursor: null }),
    });
    await rehydrateSettings();
    expect(useStudio.getState().onboardingOpen).toBe(false);
    expect(useStudio.getState().providerKeys.stability?.configured).toBe(true);
  });

  it('opens where the user left off', async () => {
    useStudio.getState().setSection('video');
    useStudio.setState({ section: 'generate' });
    answer(12, VALID);
    await rehydrateSettings();
    await waitFor(() => expect(useStudio.getState().section).toBe('video'));
  });
});

describe('the welcome’s key step with a locked keychain', () => {
  it('says it once: before saving as a notice, after a failed save only in the form’s error', async () => {
    useStudio.setState({ keyStatus: LOCKED, onboardingOpen: true });
    installFakeApi({
      'key:set': () => ({ stored: false, outcome: 'keychain-unavailable', message: 'The login keyring is locked. The key was not saved.', status: LOCKED }),
    });
    const user = userEvent.setup();
    render(<OnboardingPage />);
    await user.click(screen.getByRole('button', { name: 'Use my API key' }));
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    await user.type(screen.getByLabelText('xAI API key'), 'xai-good-42');
    await user.click(screen.getByRole('button', { name: 'Check and save' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The key was not saved.'));
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getAllByText(/The login keyring is locked/)).toHaveLength(1);
  });
});

describe('the key’s source', () => {
  it('labels an environment key "Read from", a stored one "Stored in"', async () => {
    const { KeyStateText } = await import('../../../src-renderer/src/features/settings/KeyStateText');
    const { rerender } = render(<KeyStateText status={{ ...VALID, source: 'environment' }} />);
    expect(screen.getByText('Read from')).toBeInTheDocument();
    expect(screen.queryByText('Stored in')).toBeNull();
    rerender(<KeyStateText status={VALID} />);
    expect(screen.getByText('Stored in')).toBeInTheDocument();
  });
});
