/**
 * Which limit a request counts against, and how fast that limit lets requests go: the served model (a retired slug
 * counts against its successor, which serves it) at the user's usage tier, from the capability table in effect.
 * Both are read per request, so a changed tier or a refreshed table applies to the next one.
 */
import { BUILT_IN_TABLE, findModel, publishedRps, resolveModel, type CapabilityTable } from '@contract';
import { createPacer, type Pacer } from '../../core/paid-work/pacer';

export interface ModelPacing {
  pacer: Pacer;
  /** The bucket a request for `model` takes its token from. */
  keyOf(model: string): string;
}

export function createModelPacing(deps: { table?: () => CapabilityTable; tier: () => number; headroom?: number }): ModelPacing {
  const table = () => deps.table?.() ?? BUILT_IN_TABLE;
  const spec = (model: string) => findModel(model, 'image', table()) ?? findModel(model, 'video', table());
  const keyOf = (model: string) => (resolveModel(model, 'image', table()) ?? resolveModel(model, 'video', table()))?.model.id ?? model;
  const pacer = createPacer((key) => {
    const s = spec(key);
    return s ? { rate: publishedRps(s, deps.tier()) } : undefined;
  }, deps.headroom);
  return { pacer, keyOf };
}
