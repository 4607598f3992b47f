import ipaddr from 'ipaddr.js';

/**
 * Client addresses as throttles and allow-lists see them (ipaddr.js does the parsing).
 * An IPv6 host usually gets a whole /64 from its provider and may pick any address inside it, so a
 * throttle keyed on the full address would give one guesser 2^64 fresh keys: IPv6 addresses are
 * grouped by /64. IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack socket reports) is IPv4.
 * @example throttleAddress('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function throttleAddress(ip: string | null | undefined): string {
  if (!ip || !ipaddr.isValid(ip)) return 'unknown';
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const prefix = (address as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...prefix, 0, 0, 0, 0]).toString()}/64`;
}

export type AddressList = readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];

/** Parses `10.0.0.0/8, ::1, 2001:db8::/32` (a bare address is a /32 or /128); null if any entry is bad. */
export function parseAddressList(text: string): AddressList | null {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const parsed: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of entries) {
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) return null;
      parsed.push(ipaddr.parseCIDR(entry));
    } else {
      if (!ipaddr.isValid(entry)) return null;
      const address = ipaddr.process(entry);
      parsed.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    }
  }
  return parsed.length ? parsed : null;
}

/** True when `ip` falls in one of the ranges (IPv4-mapped IPv6 compared as IPv4). */
export function isAddressInList(ip: string | null | undefined, list: AddressList): boolean {
  if (!ip || !ipaddr.isValid(ip)) return false;
  const address = ipaddr.process(ip);
  return list.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}
