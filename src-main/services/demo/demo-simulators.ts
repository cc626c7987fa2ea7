import type { DemoServer } from './demo-service';

/**
 * Demo mode's three simulators, started in-process on free ports: xAI's, Stability's and MiniMax's, each speaking its
 * provider's wire format, so demo work goes through the same clients and pipeline as real work. Loaded lazily: the
 * simulators are not needed until demo mode is switched on. If one fails to start, the others are closed again.
 */
export async function startDemoSimulators(): Promise<DemoServer> {
  const [{ startSimulator }, { startStabilitySimulator }, { startMinimaxSimulator }] = await Promise.all([
    import('../../simulator'), import('../../simulator/stability'), import('../../simulator/minimax'),
  ]);
  const started = await Promise.allSettled([
    startSimulator({ latencyMs: 300, video: { minMs: 3000 } }),
    startStabilitySimulator({ latencyMs: 300 }),
    startMinimaxSimulator({ latencyMs: 300 }),
  ]);
  const up = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.allSettled(up.map((s) => s.close()));
    throw failed.reason;
  }
  const [xai, stability, minimax] = up as [(typeof up)[number], (typeof up)[number], (typeof up)[number]];
  return {
    url: xai.url,
    providers: { stability: stability.url, minimax: minimax.url },
    close: async () => {
      await Promise.allSettled([xai.close(), stability.close(), minimax.close()]);
    },
  };
}
