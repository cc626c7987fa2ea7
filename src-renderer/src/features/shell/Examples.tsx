import { useStudio } from '../../stores/store';

/** An example prompt: a short name for the button, the whole prompt for the box. */
export interface Example {
  label: string;
  prompt: string;
}

/** Generate's examples: each shows off something different (light, texture, a graphic style). */
export const IMAGE_EXAMPLES: readonly Example[] = [
  { label: 'Lighthouse at dusk', prompt: 'a lighthouse on a rocky cliff at dusk, warm beam over a stormy sea, oil painting' },
  { label: 'Fox in the snow', prompt: 'a red fox curled up in fresh snow, soft morning light, wildlife photo' },
  { label: 'Neon street', prompt: 'a narrow neon-lit street in the rain at night, reflections on wet stones, cinematic' },
  { label: 'Mars greenhouse', prompt: 'an astronaut tending tomato plants in a greenhouse on Mars, watercolor' },
];

/** The Video form's examples: movement is what a video prompt is for. */
export const VIDEO_EXAMPLES: readonly Example[] = [
  { label: 'Paper boat', prompt: 'a paper boat drifting down a rain-soaked street, slow tracking shot' },
  { label: 'Balloon at sunrise', prompt: 'a hot air balloon drifting over a misty valley at sunrise, slow aerial shot' },
  { label: 'Waves at the lighthouse', prompt: 'waves crash below the cliff as the lighthouse beam sweeps across the sea' },
];

/**
 * Example prompts as buttons in demo mode (issue 14.11): one click fills the prompt box, so someone trying the app
 * without a key has something good to send at once. Real mode shows none: the user's own prompts and history are
 * what matter there.
 */
export function Examples({ examples, onPick }: { examples: readonly Example[]; onPick(prompt: string): void }) {
  const demo = useStudio((s) => s.settingsView?.settings.demoMode ?? false);
  if (!demo) return null;
  return (
    <div className="examples" role="group" aria-label="Examples">
      <span className="examples-label" aria-hidden="true">Examples</span>
      {examples.map((e) => (
        <button key={e.label} type="button" title={e.prompt} onClick={() => onPick(e.prompt)}>
          {e.label}
        </button>
      ))}
    </div>
  );
}
