import { describe, expect, it } from 'vitest';
import { AddressConnections } from './AddressConnections';

describe('AddressConnections', () => {
  it('counts connections and boards per address, and forgets an address once it has left', () => {
    const addresses = new AddressConnections(3, 2);
    const leave = [addresses.join('a', 'b1'), addresses.join('a', 'b1'), addresses.join('a', 'b2')];
    expect(addresses.join('a', 'b1')).toBe('connectionsPerAddress');
    expect(addresses.join('z', 'b3')).toBeTypeOf('function');
    for (const release of leave) if (typeof release === 'function') release();
    // Giving a place back twice frees nothing more.
    for (const release of leave) if (typeof release === 'function') release();
    const again = [addresses.join('a', 'b1'), addresses.join('a', 'b2')];
    expect(addresses.join('a', 'b3')).toBe('boardsPerAddress');
    for (const release of again) if (typeof release === 'function') release();
    expect(addresses.size).toBe(1);
  });
});
