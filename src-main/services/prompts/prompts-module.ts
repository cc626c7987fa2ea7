/**
 * The prompt enhancer and the prompt library, built from the shared chat client, the one ledger and the capability
 * table; the composition root spreads the handlers in.
 */
import path from 'node:path';
import type { Handlers } from '../../ipc/handlers';
import type { ChatApi } from '../../core/enhance/ports';
import type { Clock, Logger } from '../../core/ports';
import { InMemorySavedPromptStore, type SavedPromptStore } from '../../core/prompts/saved-prompts';
import { SqliteSavedPromptStore } from '../../adapters/prompts/sqlite-saved-prompt-store';
import type { SpendPort } from '../ledger/spend';
import type { PaidWork } from '../paid-work/paid-work';
import type { CapabilitySource } from '../models/capability-service';
import { createEnhanceService } from './enhance-service';
import { createPromptLibrary } from './prompt-library';

export type PromptsChannel = 'prompts:enhance' | 'prompts:saved' | 'prompts:save' | 'prompts:delete' | 'prompts:import' | 'prompts:export';

const randomId = () => crypto.randomUUID().replaceAll('-', '');

export function createPromptsModule(deps: {
  /** Where `prompts.db` lives; null keeps the library in memory (tests). */
  dataDir: string | null;
  chat: ChatApi;
  spend: SpendPort;
  work: Pick<PaidWork, 'callDirect' | 'record'>;
  settings: () => { enhanceModel: string; requestTimeoutSec: number };
  capabilities?: CapabilitySource;
  clock: Clock;
  logger: Logger;
  newId?: () => string;
}): { handlers: Pick<Handlers, PromptsChannel>; close(): void } {
  const newId = deps.newId ?? randomId;
  const store: SavedPromptStore = deps.dataDir ? new SqliteSavedPromptStore(path.join(deps.dataDir, 'prompts.db')) : new InMemorySavedPromptStore();
  const enhancer = createEnhanceService({
    chat: deps.chat, spend: deps.spend, work: deps.work, settings: deps.settings, logger: deps.logger, newId,
    ...(deps.capabilities ? { capabilities: deps.capabilities } : {}),
  });
  const library = createPromptLibrary({ store, clock: deps.clock, newId });
  return {
    handlers: {
      'prompts:enhance': (input) => enhancer.enhance(input),
      'prompts:saved': (input) => library.list(input.query),
      'prompts:save': (input) => library.save(input),
      'prompts:delete': (input) => library.delete(input.id),
      'prompts:import': (input) => library.importText(input.text),
      'prompts:export': () => library.exportText(),
    },
    close: () => store.close(),
  };
}
