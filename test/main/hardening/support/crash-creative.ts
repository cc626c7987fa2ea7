/**
 * The crash trials' creative upscales (issue 18): on some trials, a Stability creative upscale of a library image
 * (started, then polled every 300 ms; the Stability simulator keeps it pending for two polls), killed at random with
 * everything else. Its generation id lives in `<dataDir>/image-op-jobs.db`; every result the simulator handed over
 * (a `GET /v2beta/results/{id}` answered 200) must end up in the library exactly once, as the item of its journal
 * row (`sourceJobId`), and no start call may be sent more often than the trials asked for one.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { StabilitySimulator } from '../../../../src-main/simulator/stability';
import type { DataDirReport } from './inspect-data-dir';
import type { seededRandom } from './prng';
import type { HostClient } from './ws-client';

export interface CreativeFigures {
  /** Upscales the trials asked for, and start calls Stability answered 200. */
  submitted: number;
  starts: number;
  /** Jobs with a generation id in the journal. */
  journaled: number;
  /** Results Stability handed over (200 on their result), and of those in the library. */
  collected: number;
  found: number;
  lost: number;
  duplicates: number;
  /** Done jobs started before a kill and collected after it: resumed from the journal. */
  resumedAcrossKill: number;
  journal: Record<string, number>;
}

interface Row { id: string; state: string; remoteId: string | null; startRequestId: string | null; itemId: string | null }

const CREATIVE = '/v2beta/stable-image/upscale/creative';
let submitted = 0;

/** On about half the trials, a creative upscale of the newest library image (none on a first trial with no image yet). */
export function submitCreative(client: HostClient, rng: ReturnType<typeof seededRandom>): Promise<unknown> | null {
  if (rng.next() >= 0.5) return null;
  const started = client.invoke<{ ids: string[] }>('library:query', { filter: { kind: 'image', trashed: false }, sort: 'newest', limit: 1 }).then(({ ids }) => {
    if (!ids[0]) return null;
    submitted++;
    return client.invoke('edit:operation', { operation: 'upscale-creative', itemId: ids[0] });
  });
  started.catch(() => {});
  return started;
}

export const resetCreative = () => void (submitted = 0);

/** The journal's rows (read-only; the host may have it open). */
export function creativeJournal(dataDir: string): Row[] {
  const file = path.join(dataDir, 'image-op-jobs.db');
  if (!existsSync(file)) return [];
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare('SELECT data FROM image_op_jobs').all().map((r) => JSON.parse(String((r as { data: string }).data)) as Row);
  } finally {
    db.close();
  }
}

/** Creative upscales still collecting (the final settle waits for them). */
export const creativeBusy = (dataDir: string) => creativeJournal(dataDir).filter((j) => ['submitting', 'pending', 'downloading'].includes(j.state)).length;

export function compareCreative(stability: StabilitySimulator, dataDir: string, report: DataDirReport, kills: readonly number[], lostDetails: string[]): CreativeFigures {
  const rows = creativeJournal(dataDir);
  const present = report.rows.filter((r) => !report.rowsWithoutFile.includes(r.id));
  const starts = stability.requests.filter((r) => r.method === 'POST' && r.path === CREATIVE && r.status === 200);
  const collectedAt = new Map<string, number>();
  for (const r of stability.requests) {
    const id = r.method === 'GET' && r.status === 200 ? /^\/v2beta\/results\/([0-9a-f]+)$/.exec(r.path)?.[1] : undefined;
    if (id && !collectedAt.has(id)) collectedAt.set(id, r.answeredAt ?? r.receivedAt);
  }
  const f: CreativeFigures = {
    submitted, starts: starts.length, journaled: rows.filter((j) => j.remoteId).length, collected: collectedAt.size, found: 0, lost: 0, duplicates: 0,
    resumedAcrossKill: 0, journal: rows.reduce<Record<string, number>>((acc, j) => ((acc[j.state] = (acc[j.state] ?? 0) + 1), acc), {}),
  };
  for (const [id, at] of collectedAt) {
    const job = rows.find((j) => j.remoteId === id);
    const items = job ? present.filter((r) => r.sourceJobId === job.id).length : 0;
    if (items > 0) f.found++;
    else {
      f.lost++;
      lostDetails.push(`creative upscale ${id.slice(0, 12)}… was collected but is not in the library (${job ? `job ${job.state}` : 'no journal row'})`);
    }
    f.duplicates += Math.max(0, items - 1);
    const startedAt = starts.find((s) => s.requestId === job?.startRequestId)?.receivedAt;
    if (job?.state === 'done' && startedAt !== undefined && kills.some((k) => k > startedAt && k < at)) f.resumedAcrossKill++;
  }
  return f;
}
