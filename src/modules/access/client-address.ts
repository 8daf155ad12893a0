// Who the client is behind reverse proxies. Pure: no I/O.
import { isIP } from 'node:net';

/** "::ffff:10.0.0.1" is 10.0.0.1 reached over IPv6; compare addresses in their plain form. */
export function plainAddress(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/**
 * The client behind trusted proxies: the X-Forwarded-For entries are read from the nearest hop
 * back, skipping trusted proxies; the first other valid address is the client. A request that did
 * not come from a trusted proxy keeps its socket address, whatever its header says.
 */
export function forwardedClient(socket: string | null, forwardedFor: string | undefined, trusted: ReadonlySet<string>): string | null {
  if (!socket || !trusted.has(plainAddress(socket)) || !forwardedFor) return socket;
  const hops = forwardedFor.split(',').map(plainAddress).reverse();
  let client = socket;
  for (const hop of hops) {
    if (!isIP(hop)) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}
