import { describe, expect, it } from 'vitest';
import { pinnedMessageItem, pinRef, pinTimestamp } from '../../../apps/slack/src/web/content-items.ts';

const channel = { platform: 'slack' as const, workspaceId: 'T0001', id: 'C0DESIGN' };

describe('a pinned message has one key', () => {
  it('is the same whether it comes from pin_added or from pins.list', () => {
    // pins.list's item (https://docs.slack.dev/reference/methods/pins.list): type, channel, message.ts
    const listed = pinnedMessageItem(channel, {
      type: 'message',
      channel: 'C0DESIGN',
      created: 1772445600,
      message: { ts: '1772440000.000100', text: 'Read me' },
    });
    expect(listed?.ref).toEqual(pinRef(channel, '1772440000.000100'));
    expect(listed?.ref).toEqual({ platform: 'slack', workspaceId: 'T0001', id: 'C0DESIGN/1772440000.000100' });
  });

  it('differs for the same ts in two channels', () => {
    expect(pinRef(channel, '1772440000.000100')).not.toEqual(
      pinRef({ ...channel, id: 'C0OTHER' }, '1772440000.000100'),
    );
  });

  it('gives back the bare message ts that pins.remove takes, from the key or from an older bare ts', () => {
    expect(pinTimestamp(pinRef(channel, '1772440000.000100'))).toBe('1772440000.000100');
    expect(pinTimestamp({ ...channel, id: '1772440000.000100' })).toBe('1772440000.000100');
  });
});
