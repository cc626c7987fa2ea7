import type { ChannelName, ChannelOutput, ParsedInput } from '@contract';

/** One handler per channel. Leaving one out of the map is a compile error. */
export type Handlers = {
  [C in ChannelName]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};
