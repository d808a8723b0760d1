// The per-process presence table: renewals, departures and expiry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PresenceLiveMessage } from '../../lib/live-bus.ts';
import { PresenceTable } from './presence-table.ts';

const presence = (o: Partial<PresenceLiveMessage> & { connectionId: string; expiresAt: number }): PresenceLiveMessage => ({
  type: 'presence',
  ticketId: 1,
  userId: 7,
  name: 'Alice',
  state: 'viewing',
  ...o,
});

test('a connection appears, changes state, and leaves', () => {
  const table = new PresenceTable();
  assert.deepEqual(table.apply(presence({ connectionId: 'a', expiresAt: 100 }), 0), { changed: true, isNew: true });
  assert.deepEqual(table.apply(presence({ connectionId: 'a', expiresAt: 200 }), 50), { changed: false, isNew: false }, 'a heartbeat changes nothing shown');
  assert.deepEqual(table.apply(presence({ connectionId: 'a', state: 'typing', mode: 'note', expiresAt: 200 }), 60), { changed: true, isNew: false });
  assert.deepEqual(table.others(1, 'b', 60), [{ connectionId: 'a', userId: 7, name: 'Alice', state: 'typing', mode: 'note' }]);
  assert.deepEqual(table.others(1, 'a', 60), [], 'a connection is not its own other');
  assert.deepEqual(table.apply(presence({ connectionId: 'a', state: 'left', expiresAt: 200 }), 70), { changed: true, isNew: false });
  assert.deepEqual(table.others(1, 'b', 70), []);
  assert.deepEqual(table.apply(presence({ connectionId: 'a', state: 'left', expiresAt: 200 }), 80), { changed: false, isNew: false });
});

test('presences lapse unless renewed; the sweep names the tickets that changed', () => {
  const table = new PresenceTable();
  table.apply(presence({ connectionId: 'a', expiresAt: 100 }), 0);
  table.apply(presence({ connectionId: 'b', ticketId: 2, expiresAt: 300 }), 0);
  assert.equal(table.others(1, 'x', 100).length, 0, 'lapsed entries are not shown, even before a sweep');
  assert.deepEqual(table.sweep(150), [1]);
  assert.deepEqual(table.sweep(150), []);
  assert.equal(table.others(2, 'x', 150).length, 1);
  assert.deepEqual(table.apply(presence({ connectionId: 'c', expiresAt: 10 }), 20), { changed: false, isNew: false }, 'an expired message is not recorded');
});

test('after a gap, entries lapse by the given time unless renewed; later deadlines only come closer', () => {
  const table = new PresenceTable();
  table.apply(presence({ connectionId: 'a', expiresAt: 1000 }), 0);
  table.apply(presence({ connectionId: 'b', expiresAt: 1000 }), 0);
  table.apply(presence({ connectionId: 'c', ticketId: 2, expiresAt: 50 }), 0);
  table.expireBy(100);
  assert.deepEqual(table.apply(presence({ connectionId: 'b', expiresAt: 1100 }), 60), { changed: false, isNew: false }, 'a renewal is no change');
  assert.deepEqual(table.sweep(100), [1, 2], 'c kept its earlier deadline');
  assert.deepEqual(table.others(1, 'x', 100).map((p) => p.connectionId), ['b']);
});
