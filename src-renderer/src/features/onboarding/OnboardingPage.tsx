import { useEffect, useRef, useState } from 'react';
import { markWelcomed } from '../../stores/last-section';
import type { SectionId } from '../../stores/sections';
import { useStudio } from '../../stores/store';
import { setDemoMode } from '../settings/commands';
import { KeyForm } from '../settings/KeyForm';
import { KeyStateText } from '../settings/KeyStateText';

type Step = 'welcome' | 'key' | 'ready';

/** Closes the welcome for good (it is a first-run introduction) and opens a section. */
export function finishWelcome(section?: SectionId): void {
  markWelcomed();
  const s = useStudio.getState();
  s.setOnboardingOpen(false);
  if (section) s.setSection(section, { focus: true });
}

/**
 * First run (no key, demo off, empty library): welcome → paste key → validated → ready. Never a lock: demo mode
 * and "Look around first" are one click away, and Ctrl/Cmd+1…5 leave it too (see App). Each step's heading takes
 * focus so screen readers announce the change.
 */
export function OnboardingPage() {
  const [step, setStep] = useState<Step>('welcome');
  const status = useStudio((s) => s.keyStatus);
  const heading = useRef<HTMLHeadingElement>(null);
  // The form's own error already says why a save failed: the keychain notice is not repeated under it.
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => heading.current?.focus(), [step]);

  async function tryDemo() {
    const errors = await setDemoMode(true);
    // Demo mode lands on its library: the simulator's samples arrive there on the first entry (issue 14.11).
    if (!errors) finishWelcome('library');
  }

  const demoButton = (
    <button type="button" onClick={() => void tryDemo()}>
      Try demo mode
    </button>
  );

  return (
    <main className="onboarding" aria-labelledby="onboarding-title">
      <div className="onboarding-card">
        {step === 'welcome' && (
          <>
            <h1 id="onboarding-title" ref={heading} tabIndex={-1}>Welcome to Imagine Studio</h1>
            <p>Make images and videos with xAI’s Grok Imagine, and keep every result in a library on this computer.</p>
            <p>
              To use the real API you need an xAI API key. You can create one at{' '}
              <a href="https://console.x.ai" target="_blank" rel="noreferrer">console.x.ai</a>. Or look around first in demo mode:
              simulated results, no key, no cost.
            </p>
            <div className="button-row">
              <button type="button" className="primary" onClick={() => setStep('key')}>
                Use my API key
              </button>
              {demoButton}
              <button type="button" onClick={() => finishWelcome('library')}>
                Look around first
              </button>
            </div>
          </>
        )}
        {step === 'key' && (
          <>
            <h1 id="onboarding-title" ref={heading} tabIndex={-1}>Add your API key</h1>
            <p>
              Paste a key from <a href="https://console.x.ai" target="_blank" rel="noreferrer">console.x.ai</a>. We check
              it with xAI, then keep it in your system keychain.
            </p>
            {status?.state === 'keychain-unavailable' && !formError && <p className="field-error" role="alert">{status.message}</p>}
            <KeyForm submitLabel="Check and save" onStored={() => setStep('ready')} onError={setFormError} />
            <div className="button-row">
              <button type="button" onClick={() => setStep('welcome')}>Back</button>
              {demoButton}
            </div>
          </>
        )}
        {step === 'ready' && (
          <>
            <h1 id="onboarding-title" ref={heading} tabIndex={-1}>You’re ready</h1>
            {status && <KeyStateText status={status} />}
            {status?.state === 'no-credits' && (
              <p>
                Your key works, but your team has no credits yet. Add some at{' '}
                <a href="https://console.x.ai" target="_blank" rel="noreferrer">console.x.ai</a>, then check the key again in Settings.
              </p>
            )}
            <div className="button-row">
              <button type="button" className="primary" onClick={() => finishWelcome()}>
                Start creating
              </button>
            </div>
          </>
        )}
      </div>
    </main>
  );
}
