/**
 * Per-model request rate limiting (`--rps`): xAI limits each team per model in requests per second and answers 429
 * beyond it, with no rate-limit headers documented (updates §4, §6 #94). A sliding one-second window per model id,
 * on the simulator's clock; the model is the one served, so a retired slug counts against its successor.
 */
import { XAI_ONLY, findModel, publishedRps, type CapabilityTable } from '@contract';


/** Turns the CLI's `--rps` into the simulator option (`published`/`tierN`: the table's figures). */
export function rpsFromOption(option: string | undefined, table: CapabilityTable): ((model: string) => number | undefined) | undefined {
  if (option === undefined || option === '') return undefined;
  const tier = option === 'published' ? 0 : /^tier(\d)$/.exec(option)?.[1];
  if (tier !== undefined) {
    return (model) => {
      const spec = findModel(model, 'image', table, XAI_ONLY) ?? findModel(model, 'video', table, XAI_ONLY);
      return spec ? publishedRps(spec, Number(tier)) : undefined;
    };
  }
  const n = Number(option);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--rps takes a positive number, "published" or tierN, not "${option}"`);
  return () => n;
}

/** The sliding windows of every model. `admit` is false when this request is over the model's limit. */
export function createRateWindows(now: () => number) {
  const windows = new Map<string, number[]>();
  return {
    admit(model: string, rps: number | undefined): boolean {
      if (rps === undefined) return true;
      const t = now();
      const recent = (windows.get(model) ?? []).filter((at) => t - at < 1000);
      const ok = recent.length < rps;
      if (ok) recent.push(t);
      windows.set(model, recent);
      return ok;
    },
  };
}
