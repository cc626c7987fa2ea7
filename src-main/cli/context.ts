import path from 'node:path';
import type { AppError, LibraryRecord, Settings } from '@contract';
import { createLibraryAdapters } from '../adapters/library';
import { createFileSettingsStore } from '../adapters/settings';
import { systemClock } from '../adapters/system-clock';
import type { LibraryFiles } from '../core/library/ports';
import type { Logger } from '../core/ports';
import { createLibraryService, type LibraryService } from '../services/library/library-service';
import { effectiveLibraryDir } from '../services/settings/settings-service';

/** Where the command writes: results on stdout (JSON with --json), progress and errors on stderr. */
export interface Output {
  json: boolean;
  /** One result: a JSON value, or lines for people. */
  result(value: unknown, human: () => string[]): void;
  progress(message: string): void;
  error(error: AppError): void;
}

export function createOutput(json: boolean, streams = { out: process.stdout, err: process.stderr }): Output {
  return {
    json,
    result(value, human) {
      streams.out.write(json ? `${JSON.stringify(value, null, 2)}\n` : human().map((l) => `${l}\n`).join(''));
    },
    progress(message) {
      streams.err.write(`${message}\n`);
    },
    error(error) {
      streams.err.write(json ? `${JSON.stringify({ error })}\n` : `imagine: ${error.message}\n`);
    },
  };
}

/** Logs nothing to the terminal (progress lines are the command's own); the app's log file is left to the app. */
const quiet: Logger = { info() {}, warn() {}, error() {} };

/**
 * The library the app uses (its settings decide: the chosen folder, or demo mode's own), opened for a short-lived
 * writer beside a running app: SQLite in WAL mode lets both write, and the app notices (data_version). Unlike the
 * app it does not run the start-up repair (that would take another writer's half-saved files for orphans) and
 * leaves perceptual hashes to the app's background work.
 */
export function openCliLibrary(dataDir: string, version: string): { dir: string; service: LibraryService; files: LibraryFiles; settings: Settings; close(): Promise<void> } {
  const settings = createFileSettingsStore({ dir: dataDir, projectVersion: version, logger: quiet }).load().settings;
  const dir = effectiveLibraryDir(dataDir, settings);
  const adapters = createLibraryAdapters(dir);
  const service = createLibraryService({
    ...adapters, clock: systemClock, events: { emit() {} }, logger: quiet, backgroundHashing: false,
  });
  return {
    dir,
    service,
    files: adapters.files,
    settings,
    async close() {
      await service.idle();
      adapters.store.close();
    },
  };
}

/** A record as the command prints it: the contract record plus the absolute path of its file. */
export function printable(dir: string, r: LibraryRecord) {
  const { highlight: _h, ...rest } = r;
  return { ...rest, path: path.join(dir, ...r.file.split('/')) };
}

export function line(r: LibraryRecord): string {
  const date = new Date(r.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  const stars = r.rating > 0 ? ` ${'★'.repeat(r.rating)}` : '';
  const tags = r.tags.length ? ` [${r.tags.join(', ')}]` : '';
  const text = (r.prompt || r.title || r.editInstruction || '(no prompt)').replace(/\s+/g, ' ').slice(0, 70);
  return `${r.id}  ${date}  ${r.kind.padEnd(5)}  ${text}${stars}${tags}`;
}
