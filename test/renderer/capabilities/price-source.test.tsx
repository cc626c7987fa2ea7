/**
 * The Model picker's price note names the provider in use (issue 18): xAI's when its price list was not reached,
 * and for Stability AI and MiniMax — who publish no price list an app can read — that their prices are the table's,
 * never "xAI's price list was not reached".
 */
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_TABLE } from '@contract';
import { ModelPicker } from '../../../src-renderer/src/features/controls/ModelPicker';
import { useStudio } from '../../../src-renderer/src/stores/store';

const pick = (value: string) => render(<ModelPicker choices={[{ id: value, name: value, note: null, price: '' }]} value={value} onChange={() => {}} />);
const setSource = (priceSource: 'built-in' | 'listing') =>
  useStudio.setState((s) => ({ capabilities: { ...s.capabilities, table: { ...BUILT_IN_TABLE, priceSource } } }));

describe('the price note under Model', () => {
  afterEach(() => setSource('built-in'));

  it('names the chosen model\'s provider', () => {
    setSource('built-in');
    const xai = pick('grok-imagine-image');
    expect(screen.getByTestId('price-source')).toHaveTextContent('Prices from the built-in table (xAI’s price list was not reached).');
    xai.unmount();
    const stability = pick('stable-image-core');
    expect(screen.getByTestId('price-source')).toHaveTextContent('Prices from the built-in table (Stability AI publishes no price list to read).');
    stability.unmount();
    pick('MiniMax-Hailuo-02');
    expect(screen.getByTestId('price-source')).toHaveTextContent('(MiniMax publishes no price list to read)');
    expect(screen.getByTestId('price-source')).not.toHaveTextContent('xAI');
  });

  it('says nothing for xAI once its price list answered, and the same for the others', () => {
    setSource('listing');
    const xai = pick('grok-imagine-image');
    expect(screen.queryByTestId('price-source')).toBeNull();
    xai.unmount();
    pick('stable-image-core');
    expect(screen.getByTestId('price-source')).toHaveTextContent('Stability AI publishes no price list to read');
  });
});
