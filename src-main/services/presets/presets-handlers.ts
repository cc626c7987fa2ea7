import type { Handlers } from '../../ipc/handlers';
import type { PresetService } from './presets';
import type { PromptHistory } from './prompt-history';

export type PresetsChannel = 'prompts:history' | 'prompts:remember' | 'presets:list' | 'presets:save' | 'presets:delete';

/** Saved presets and the prompt history, on their own beside the queue; the composition root spreads these in. */
export function createPresetsHandlers(deps: { presets: PresetService; history: PromptHistory }): Pick<Handlers, PresetsChannel> {
  return {
    'prompts:history': (input) => deps.history.list(input),
    'prompts:remember': (input) => ({ count: deps.history.remember(input.prompts) }),
    'presets:list': () => deps.presets.list(),
    'presets:save': (input) => deps.presets.save(input),
    'presets:delete': (input) => deps.presets.delete(input.id),
  };
}
