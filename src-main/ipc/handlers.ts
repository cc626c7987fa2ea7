import type { ChannelName, ChannelOutput, ParsedInput } from '@contract';
import type { SenderInfo } from './sender-guard';

/**
 * One handler per channel. Leaving one out of the map is a compile error. `caller` is who called, after the
 * sender guard accepted it (only window-bound desktop calls look at it).
 */
export type Handlers = {
  [C in ChannelName]: (input: ParsedInput<C>, caller?: SenderInfo) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};
