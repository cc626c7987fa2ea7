/**
 * Pure selection rules for the grid, the way file managers behave: click selects one, Ctrl/Cmd-click toggles,
 * Shift-click selects the range from the anchor (adding to the selection when Ctrl/Cmd is held too).
 */
export interface Selection {
  selected: ReadonlySet<string>;
  /** Where the next Shift-click range starts. */
  anchor: string | null;
}

export interface ClickModifiers {
  shift?: boolean;
  toggle?: boolean;
}

export const EMPTY_SELECTION: Selection = { selected: new Set(), anchor: null };

export function selectByClick(order: readonly string[], current: Selection, id: string, mods: ClickModifiers = {}): Selection {
  if (mods.shift && current.anchor !== null) {
    const range = rangeBetween(order, current.anchor, id);
    const base = mods.toggle ? [...current.selected] : [];
    return { selected: new Set([...base, ...range]), anchor: current.anchor };
  }
  if (mods.toggle) {
    const next = new Set(current.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return { selected: next, anchor: id };
  }
  return { selected: new Set([id]), anchor: id };
}

/** Ids from `a` to `b` inclusive in grid order, whichever comes first; just `b` if `a` is no longer listed. */
export function rangeBetween(order: readonly string[], a: string, b: string): string[] {
  const i = order.indexOf(a);
  const j = order.indexOf(b);
  if (j < 0) return [];
  if (i < 0) return [b];
  return loadedOnly(order.slice(Math.min(i, j), Math.max(i, j) + 1));
}

/** The grid's ids may have gaps not paged in yet (see `LibraryState.ids`): those are never selected. */
const loadedOnly = (ids: readonly (string | undefined)[]): string[] => ids.filter((id): id is string => id !== undefined);

export function selectAll(order: readonly string[]): Selection {
  return { selected: new Set(loadedOnly(order)), anchor: order[0] ?? null };
}

/** Drops ids that left the query (trashed, filtered out) so bulk actions never touch invisible items. */
export function pruneSelection(current: Selection, order: readonly string[]): Selection {
  if (current.selected.size === 0) return current;
  const present = new Set(order);
  const kept = [...current.selected].filter((id) => present.has(id));
  if (kept.length === current.selected.size) return current;
  return { selected: new Set(kept), anchor: current.anchor && present.has(current.anchor) ? current.anchor : null };
}

/** Ids in the selection, in grid order (bulk actions and exports keep the order the user sees). */
export function orderedSelection(order: readonly string[], selected: ReadonlySet<string>): string[] {
  return order.filter((id) => selected.has(id));
}
