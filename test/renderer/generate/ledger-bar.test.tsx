import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CostEstimateView, Ledger, SettingsView } from '@contract';
import { CostLine } from '../../../src-renderer/src/features/generate/CostLine';
import { LedgerBar } from '../../../src-renderer/src/features/generate/LedgerBar';
import { useStudio } from '../../../src-renderer/src/stores/store';

const CENT = 100_000_000;
const ledger: Ledger = {
  sessionTicks: 30 * CENT, dayTicks: 40 * CENT, totalTicks: 90 * CENT, budgetCapUsd: 5,
  sessionByKind: { image: 8 * CENT, edit: 2 * CENT, video: 20 * CENT },
  simulated: { sessionTicks: 12 * CENT, dayTicks: 12 * CENT, totalTicks: 50 * CENT },
};
const settings = (demoMode: boolean) => ({ settings: { demoMode, budgetCapUsd: 5 } }) as unknown as SettingsView;
const estimate: CostEstimateView = {
  images: 2, requests: 1, perImageTicks: 2 * CENT, ticks: 4 * CENT, source: 'table', budgetCapUsd: 5, committedTicks: 30 * CENT, exceedsBudget: false,
};

beforeEach(() => useStudio.setState({ ledger, settingsView: settings(false) }));

describe('the ledger bar (Generate, Edit and Video)', () => {
  it('shows the real totals with what images, edits and videos took this session', () => {
    render(<LedgerBar />);
    expect(screen.getByTestId('ledger-session').textContent).toBe('$0.30');
    expect(screen.getByTestId('ledger-kinds').textContent).toBe('(images $0.08 · edits $0.02 · videos $0.20)');
    expect(screen.getByText('$0.90')).toBeTruthy();
    expect(screen.getByText('$5.00')).toBeTruthy();
    expect(screen.queryByText(/simulated/)).toBeNull();
  });

  it('in demo mode shows the simulated totals, labelled, and no budget', () => {
    useStudio.setState({ settingsView: settings(true) });
    render(<LedgerBar />);
    expect(screen.getByLabelText('Spending (simulated)')).toBeTruthy();
    expect(screen.getByTestId('ledger-session').textContent).toBe('$0.12 (simulated)');
    expect(screen.getByText('$0.50 (simulated)')).toBeTruthy();
    expect(screen.getByText(/not applied: demo mode spends nothing/)).toBeTruthy();
    expect(screen.queryByText('$0.30')).toBeNull();
  });

  it('the estimate says simulated in demo mode, and shows the budget only for real work', () => {
    const { unmount } = render(<CostLine estimate={estimate} prompts={1} />);
    expect(screen.getByTestId('cost-estimate').textContent).toMatch(/about \$0\.04 in|about \$0\.04$|= about \$0\.04/);
    expect(screen.getByTestId('cost-estimate').textContent).toMatch(/Budget: \$0\.30 spent or queued/);
    unmount();
    useStudio.setState({ settingsView: settings(true) });
    render(<CostLine estimate={estimate} prompts={1} />);
    expect(screen.getByTestId('cost-estimate').textContent).toMatch(/about \$0\.04 \(simulated\)/);
    expect(screen.getByTestId('cost-estimate').textContent).toMatch(/Simulated: demo mode spends nothing/);
    expect(screen.getByTestId('cost-estimate').textContent).not.toMatch(/Budget:/);
  });
});

describe('reconciling estimates with bills (issue 15.5)', () => {
  it('says what was billed against what was estimated, and by how much they differ', () => {
    useStudio.setState({ ledger: { ...ledger, reconciled: { count: 3, estimateTicks: 12 * CENT, billedTicks: 10 * CENT } } });
    render(<LedgerBar />);
    expect(screen.getByTestId('ledger-reconciled').textContent).toBe('Billed $0.10 against $0.12 estimated for 3 requests: $0.02 under the estimate.');
  });

  it('in demo mode reconciles the simulated bills, labelled', () => {
    useStudio.setState({ settingsView: settings(true), ledger: { ...ledger, simulatedReconciled: { count: 1, estimateTicks: 4 * CENT, billedTicks: 4 * CENT } } });
    render(<LedgerBar />);
    expect(screen.getByTestId('ledger-reconciled').textContent).toBe('Billed $0.04 (simulated) against $0.04 estimated for 1 request: as estimated.');
  });
});
