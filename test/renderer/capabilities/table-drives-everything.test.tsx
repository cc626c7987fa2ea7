/**
 * The capability table is the one source of every option: change a ratio in it, and the contract's schemas, the
 * Generate form's "Aspect ratio" picker and the simulator all follow, with no other edit. The table module is
 * replaced before anything imports it (vi.doMock + fresh module graph), exactly as a new table would ship.
 */
import { render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as ContractModule from '../../../src-preload/contract/index';
import type * as TableModuleNs from '../../../src-preload/contract/capability-table';
import type { Simulator } from '../../../src-main/simulator';

const TABLE = '../../../src-preload/contract/capability-table';

type TableModule = typeof TableModuleNs;

/** 5:2 leaves the table (no model takes it) and 2.0 gains 7:3 (a ratio no model had); everything else as built in. */
async function changedTable(original: TableModule): Promise<TableModule> {
  const sizes = { ...original.IMAGE_RATIO_SIZES_1K, '7:3': [1456, 624] } as unknown as TableModule['IMAGE_RATIO_SIZES_1K'];
  const models = original.BUILT_IN_PROVIDERS.xai.models.map((m) => {
    if (m.kind !== 'image') return m;
    const ratios = m.ratios.filter((r) => r !== '5:2');
    return { ...m, ratios: m.id === 'grok-imagine-image-2.0' ? [...ratios, '7:3'] : ratios };
  });
  return { ...original, IMAGE_RATIO_SIZES_1K: sizes, BUILT_IN_PROVIDERS: { xai: { ...original.BUILT_IN_PROVIDERS.xai, models } } } as unknown as TableModule;
}

describe('one ratio changed in the capability table', () => {
  let contract: typeof ContractModule;
  let sim: Simulator;

  beforeAll(async () => {
    vi.resetModules();
    vi.doMock(TABLE, async (importOriginal) => changedTable(await importOriginal<TableModule>()));
    contract = await import('@contract');
    const { startSimulator } = await import('../../../src-main/simulator');
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim?.close();
    vi.doUnmock(TABLE);
    vi.resetModules();
  });

  it('changes the contract: the new ratio parses and the dropped one is refused', () => {
    const request = (aspectRatio: string) => ({ prompts: ['a harbour'], n: 1, model: 'grok-imagine-image-2.0', aspectRatio, resolution: '1k' });
    expect(contract.IMAGE_ASPECT_RATIOS).toContain('7:3');
    expect(contract.IMAGE_ASPECT_RATIOS).not.toContain('5:2');
    expect(contract.JobRequest.safeParse(request('7:3')).success).toBe(true);
    expect(contract.JobRequest.safeParse(request('5:2')).success).toBe(false);
    expect(contract.Settings.shape.imageAspectRatio.safeParse('7:3').success).toBe(true);
  });

  it('changes the UI: the Generate form offers 7:3 and no 5:2 for 2.0', async () => {
    const { useStudio } = await import('../../../src-renderer/src/stores/store');
    const { OptionsBar } = await import('../../../src-renderer/src/features/generate/OptionsBar');
    useStudio.setState({ draft: { ...useStudio.getState().draft, model: 'grok-imagine-image-2.0' } });
    render(<OptionsBar />);
    const group = screen.getByRole('radiogroup', { name: 'Aspect ratio' });
    expect(within(group).getByRole('radio', { name: '7:3' })).toBeInTheDocument();
    expect(within(group).queryByRole('radio', { name: '5:2' })).toBeNull();
  });

  it('changes the simulator: it renders 7:3 at its size and refuses 5:2', async () => {
    const send = (aspect_ratio: string) => fetch(`${sim.url}/v1/images/generations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer xai-test' },
      body: JSON.stringify({ model: 'grok-imagine-image-2.0', prompt: 'a harbour', aspect_ratio, response_format: 'url' }),
    });
    const ok = await send('7:3');
    expect(ok.status).toBe(200);
    const url = ((await ok.json()) as { data: { url: string }[] }).data[0]?.url ?? '';
    const sharp = (await import('sharp')).default;
    const meta = await sharp(new Uint8Array(await (await fetch(url)).arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([1456, 624]);
    // 5:2 is not in the enum any more: the simulator's deserializer refuses it like the server (422).
    expect((await send('5:2')).status).toBe(422);
  });
});
