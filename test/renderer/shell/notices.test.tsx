import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTICE_MS, NoticeList } from '../../../src-renderer/src/features/shell/NoticeList';
import { useStudio } from '../../../src-renderer/src/stores/store';

const push = (level: 'info' | 'warning' | 'error', message: string) => act(() => useStudio.getState().pushNotice(level, message));
const messages = () => screen.queryAllByText(/^(Info|Error|Warn)/).map((e) => e.textContent);

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useStudio.setState({ notices: [] });
  });
  afterEach(() => vi.useRealTimers());

  it('informational ones go by themselves after about 6 s; errors and warnings stay', () => {
    render(<NoticeList />);
    push('info', 'Info: video ready');
    push('error', 'Error: disk full');
    push('warning', 'Warn: repaired');
    act(() => vi.advanceTimersByTime(NOTICE_MS - 100));
    expect(messages()).toEqual(['Info: video ready', 'Error: disk full', 'Warn: repaired']);
    act(() => vi.advanceTimersByTime(200));
    expect(messages()).toEqual(['Error: disk full', 'Warn: repaired']);
    act(() => vi.advanceTimersByTime(60_000));
    expect(messages()).toEqual(['Error: disk full', 'Warn: repaired']);
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss notice' })[0] as HTMLElement);
    expect(messages()).toEqual(['Warn: repaired']);
  });

  it('stand still while hovered or focused, and resume with the time they had left', () => {
    render(<NoticeList />);
    push('info', 'Info: one');
    const region = screen.getByRole('status', { name: 'Notices' });
    act(() => vi.advanceTimersByTime(4000));
    fireEvent.pointerEnter(region);
    act(() => vi.advanceTimersByTime(30_000));
    expect(messages()).toEqual(['Info: one']);
    fireEvent.pointerLeave(region);
    act(() => vi.advanceTimersByTime(1900));
    expect(messages()).toEqual(['Info: one']);
    act(() => vi.advanceTimersByTime(200));
    expect(messages()).toEqual([]);

    push('info', 'Info: two');
    fireEvent.focus(screen.getByRole('button', { name: 'Dismiss notice' }));
    act(() => vi.advanceTimersByTime(30_000));
    expect(messages()).toEqual(['Info: two']);
  });

  it('show at most three, the older ones folded into "N more"', () => {
    render(<NoticeList />);
    for (const n of [1, 2, 3, 4, 5]) push('error', `Error ${n}`);
    expect(messages()).toEqual(['Error 3', 'Error 4', 'Error 5']);
    fireEvent.click(screen.getByRole('button', { name: '2 more' }));
    expect(messages()).toEqual(['Error 1', 'Error 2', 'Error 3', 'Error 4', 'Error 5']);
    fireEvent.click(screen.getByRole('button', { name: 'Show fewer' }));
    expect(messages()).toEqual(['Error 3', 'Error 4', 'Error 5']);
  });
});
