import { type SeedPin, unixSeconds } from '../world.ts';
import { fail, type MethodHandler, stringArg, visibleChannel } from './context.ts';

function permalink(channel: string, ts: string): string {
  return `https://fake.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
}

function pinItem(channel: string, pin: SeedPin): Record<string, unknown> {
  return {
    type: 'message',
    channel,
    created: pin.pinnedAt ? unixSeconds(pin.pinnedAt) : Math.floor(Number(pin.ts)),
    created_by: pin.pinnedBy ?? pin.user ?? 'U0000PINNER',
    message: {
      type: 'message',
      ts: pin.ts,
      text: pin.text,
      user: pin.user ?? 'U0000AUTHOR',
      permalink: permalink(channel, pin.ts),
      pinned_to: [channel],
      ...(pin.editedTs ? { edited: { user: pin.user ?? 'U0000AUTHOR', ts: pin.editedTs } } : {}),
    },
  };
}

export const list: MethodHandler = ({ world, params }) => {
  const channel = visibleChannel(world, stringArg(params, 'channel'));
  return { items: channel.pins.map((pin) => pinItem(channel.id, pin)) };
};

export const remove: MethodHandler = ({ world, params }) => {
  const channel = visibleChannel(world, stringArg(params, 'channel'));
  const ts = stringArg(params, 'timestamp');
  if (ts === undefined) fail('no_item_specified');
  const index = channel.pins.findIndex((pin) => pin.ts === ts);
  if (index < 0) fail('no_pin');
  channel.pins.splice(index, 1);
  return {};
};
