/**
 * The Edit canvas kept in main across reloads and restarts (issue 14.6). One JSON file in the data dir, written via
 * temp file + rename. On the way back every source is checked again: a prepared temp file that was swept is prepared
 * anew from its library item, and one that never reached the library is dropped and named, never sent blind.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EditSession, type EditSessionCard, type EditSessionView, type EditSourceView } from '@contract';
import type { Logger } from '../../core/ports';

export const EDIT_SESSION_FILE = 'edit-session.json';

export interface EditSessionDeps {
  dataDir: string;
  /** Whether a prepared source is still in the temp area. */
  exists(sourceId: string): Promise<boolean>;
  /** Prepares a library item as a source again. */
  prepareItem(itemId: string): Promise<EditSourceView>;
  logger: Logger;
}

export function createEditSessionStore(deps: EditSessionDeps) {
  const file = path.join(deps.dataDir, EDIT_SESSION_FILE);

  async function read(): Promise<EditSession | null> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = EditSession.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through: a damaged file is forgotten, not fatal
    }
    deps.logger.warn('edit: the kept canvas could not be read; starting empty');
    return null;
  }

  /** One card brought back: as it was, prepared anew from the library, or null (and named in `dropped`). */
  async function revive(card: EditSessionCard, fresh: Map<string, EditSourceView | null>): Promise<EditSessionCard | null> {
    if (await deps.exists(card.source.id)) return card;
    const itemId = card.source.libraryItemId;
    if (!itemId) return null;
    if (!fresh.has(itemId)) fresh.set(itemId, await deps.prepareItem(itemId).catch(() => null));
    const view = fresh.get(itemId);
    return view ? { ...card, source: view } : null;
  }

  return {
    async load(): Promise<EditSessionView> {
      const session = await read();
      if (!session) return { session: null, dropped: [] };
      const fresh = new Map<string, EditSourceView | null>();
      const dropped = new Set<string>();
      const reviveAll = async (cards: EditSessionCard[]) => {
        const out: EditSessionCard[] = [];
        for (const card of cards) {
          const alive = await revive(card, fresh);
          if (alive) out.push(alive);
          else dropped.add(card.source.name);
        }
        return out;
      };
      const sources = await reviveAll(session.sources);
      const steps = [];
      for (const step of session.steps) steps.push({ ...step, sources: await reviveAll(step.sources) });
      const selectedKey = sources.some((c) => c.key === session.selectedKey) ? session.selectedKey : null;
      return { session: { ...session, sources, steps, selectedKey }, dropped: [...dropped] };
    },
    async save(session: EditSession | null): Promise<{ saved: boolean }> {
      if (session === null) {
        await rm(file, { force: true });
        return { saved: true };
      }
      await mkdir(deps.dataDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(session));
      await rename(tmp, file);
      return { saved: true };
    },
  };
}
export type EditSessionStore = ReturnType<typeof createEditSessionStore>;
