import type { ProviderId } from '@contract';
import type { Logger } from '../../core/ports';

/**
 * The running simulators as demo mode needs them (subsets of the simulators in src-main/simulator): xAI's origin in
 * `url`, and the other providers' origins in `providers` (demo mode starts all three in-process).
 */
export interface DemoServer {
  url: string;
  providers?: Partial<Record<Exclude<ProviderId, 'xai'>, string>>;
  close(): Promise<void>;
}

/** The API key sent to the demo simulator, which accepts any key but the special invalid/no-credit ones. */
export const DEMO_API_KEY = 'xai-demo-mode';
/** The keys sent to each demo simulator: each follows its simulator's conventions for a valid key with credits. */
export const DEMO_KEYS: Record<ProviderId, string> = { xai: DEMO_API_KEY, stability: 'sk-demo-mode', minimax: 'mm-demo-mode' };

/**
 * Demo mode's lifecycle: an in-process simulator started on demand (first switch to demo) and stopped when demo
 * mode is switched off or the app quits. `start` is injected so tests and shells decide what a simulator is.
 */
export function createDemoService(deps: { start: () => Promise<DemoServer>; logger: Logger }) {
  let server: DemoServer | null = null;
  let starting: Promise<DemoServer> | null = null;

  return {
    /** Starts the simulator if needed; resolves with the API base URL (`…/v1`). */
    async ensureStarted(): Promise<string> {
      if (!server) {
        starting ??= deps.start().then((s) => {
          server = s;
          deps.logger.info('demo: simulator started', { url: s.url });
          return s;
        }).finally(() => {
          starting = null;
        });
        await starting;
      }
      return `${server!.url}/v1`;
    },
    /** The simulator's API base URL while it runs, else null. */
    baseUrl(): string | null {
      return server ? `${server.url}/v1` : null;
    },
    /** A Stability or MiniMax simulator's origin while demo mode runs, else null. */
    providerUrl(provider: Exclude<ProviderId, 'xai'>): string | null {
      return server?.providers?.[provider] ?? null;
    },
    async stop(): Promise<void> {
      const s = server ?? (starting ? await starting : null);
      server = null;
      if (s) {
        await s.close();
        deps.logger.info('demo: simulator stopped');
      }
    },
  };
}
export type DemoService = ReturnType<typeof createDemoService>;
