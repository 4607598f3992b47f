import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAddressInList, parseAddressList, throttleAddress } from './client-address.ts';

describe('throttleAddress', () => {
  it('groups every IPv6 address of a /64 under one key', () => {
    assert.equal(throttleAddress('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
    assert.equal(throttleAddress('2001:0db8:0001:0002::1'), '2001:db8:1:2::/64');
    assert.notEqual(throttleAddress('2001:db8:1:3::1'), throttleAddress('2001:db8:1:2::1'));
  });
  it('keeps IPv4 whole, and reads IPv4-mapped IPv6 as IPv4', () => {
    assert.equal(throttleAddress('203.0.113.7'), '203.0.113.7');
    assert.equal(throttleAddress('::ffff:203.0.113.7'), '203.0.113.7');
  });
  it('puts what is not an address under one "unknown" key', () => {
    assert.equal(throttleAddress(null), 'unknown');
    assert.equal(throttleAddress('not an ip'), 'unknown');
  });
});

describe('parseAddressList / isAddressInList', () => {
  it('matches CIDR ranges and bare addresses of both families', () => {
    const list = parseAddressList('10.0.0.0/8, 192.0.2.1, 2001:db8::/32, ::1');
    assert.ok(list);
    assert.equal(isAddressInList('10.20.30.40', list), true);
    assert.equal(isAddressInList('::ffff:10.1.1.1', list), true);
    assert.equal(isAddressInList('192.0.2.1', list), true);
    assert.equal(isAddressInList('192.0.2.2', list), false);
    assert.equal(isAddressInList('2001:db8:ffff::5', list), true);
    assert.equal(isAddressInList('::1', list), true);
    assert.equal(isAddressInList('2001:db9::1', list), false);
    assert.equal(isAddressInList(null, list), false);
  });
  it('refuses a list with any bad entry', () => {
    assert.equal(parseAddressList('10.0.0.0/8, 300.1.1.1'), null);
    assert.equal(parseAddressList('10.0.0.0/33'), null);
    assert.equal(parseAddressList(''), null);
  });
});
