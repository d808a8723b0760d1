import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultFromAddress, formatMailAddress, isOwnAddress, newMessageId, parseMailAddress, plusTagged, untagged } from './addresses.ts';

test('sender addresses parse from the usual forms and format back with a quoted name', () => {
  assert.deepEqual(parseMailAddress('IT Support <Support@Example.com>'), { name: 'IT Support', address: 'support@example.com' });
  assert.deepEqual(parseMailAddress('"Dupont, Service \\"IT\\"" <it@example.fr>'), { name: 'Dupont, Service "IT"', address: 'it@example.fr' });
  assert.deepEqual(parseMailAddress('  help@example.com '), { name: null, address: 'help@example.com' });
  assert.equal(parseMailAddress('not an address'), null);
  assert.equal(formatMailAddress({ name: 'Dupont, "IT"', address: 'it@example.fr' }), '"Dupont, \\"IT\\"" <it@example.fr>');
  assert.equal(formatMailAddress({ name: null, address: 'it@example.fr' }), 'it@example.fr');
});

test('the reply address carries the ticket number; our own addresses are known with or without a tag', () => {
  assert.equal(plusTagged('support@example.com', 1042), 'support+1042@example.com');
  assert.equal(untagged('Support+1042@Example.com'), 'support@example.com');
  const own = new Set(['support@example.com']);
  assert.ok(isOwnAddress('SUPPORT+77@example.com', own));
  assert.ok(isOwnAddress('support@example.com', own));
  assert.ok(!isOwnAddress('someone@example.com', own));
});

test('Message-IDs are unique, carry the ticket number and the sender domain', () => {
  const a = newMessageId(1042, 'support@example.com');
  const b = newMessageId(1042, 'support@example.com');
  assert.match(a, /^guichet\.1042\.[A-Za-z0-9_-]+@example\.com$/);
  assert.notEqual(a, b);
  assert.equal(defaultFromAddress('https://help.example.org:8443/x'), 'helpdesk@help.example.org');
});
