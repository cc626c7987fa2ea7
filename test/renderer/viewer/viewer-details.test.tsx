import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LibraryRecord, SettingsView } from '@contract';
import { ViewerDetails } from '../../../src-renderer/src/features/viewer/ViewerDetails';
import { useStudio } from '../../../src-renderer/src/stores/store';

const record = (costTicks: number | null): LibraryRecord => ({
  id: 'item-1', kind: 'image', createdAt: 1_700_000_000_000, prompt: 'a fox', editInstruction: null, model: 'grok-imagine-image',
  params: {}, width: 1024, height: 1024, aspectRatio: '1:1', durationMs: null, bytes: 1000, mime: 'image/png', costTicks,
  requestId: null, moderation: null, sourceJobId: null, origin: 'generated', favorite: false, rating: 0, tags: [], trashedAt: null, missing: false,
  hasLineage: false, file: 'a.png', thumb: null, preview: null,
}) as LibraryRecord;
const settings = (demoMode: boolean) => ({ settings: { demoMode, budgetCapUsd: null } }) as unknown as SettingsView;
const CENT = 100_000_000;

beforeEach(() => useStudio.setState({ settingsView: settings(false) }));

describe('the Library viewer cost row', () => {
  it('shows the plain cost for real work', () => {
    render(<ViewerDetails record={record(2 * CENT)} detail={null} onOpen={() => {}} />);
    expect(screen.getByTestId('lb-cost').textContent).toBe('$0.02');
  });

  it('says simulated in demo mode', () => {
    useStudio.setState({ settingsView: settings(true) });
    render(<ViewerDetails record={record(2 * CENT)} detail={null} onOpen={() => {}} />);
    expect(screen.getByTestId('lb-cost').textContent).toBe('$0.02 (simulated)');
  });

  it('leaves an unknown cost unlabelled even in demo mode', () => {
    useStudio.setState({ settingsView: settings(true) });
    render(<ViewerDetails record={record(null)} detail={null} onOpen={() => {}} />);
    expect(screen.getByTestId('lb-cost').textContent).toBe('Unknown');
  });
});
