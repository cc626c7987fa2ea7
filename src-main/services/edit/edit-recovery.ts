/**
 * Edits' part in start-up recovery (the steps are services/paid-work/recovery.ts): an edit has no job row, so its
 * staged meta is all there is. Its cost is recorded once (the crash may have come after the ledger row), and its
 * results are filed with `edited-from` links to the parents still in the library: a parent deleted meanwhile must
 * not fail the ingest of a paid image.
 */
import type { LibraryRecord } from '@contract';
import type { RecoveryKind } from '../paid-work/recovery';

export function editRecovery(deps: {
  /** An edit's cost, unless the ledger has it already. */
  spent(editId: string, ticks: number, demo: boolean): void;
  records?(ids: readonly string[]): LibraryRecord[];
}): RecoveryKind {
  return {
    prepare(staged) {
      const edit = staged.meta.edit;
      if (!edit || !deps.records) return staged;
      const live = new Set(deps.records(edit.parents).map((r) => r.id));
      return { ...staged, meta: { ...staged.meta, edit: { ...edit, parents: edit.parents.filter((id) => live.has(id)) } } };
    },
    begin(meta) {
      if (meta.costTicks !== null) deps.spent(meta.jobId, meta.costTicks, meta.demo === true);
      return { filed: () => false, known: () => new Set(), done() {}, failed() {}, finish() {} };
    },
  };
}
