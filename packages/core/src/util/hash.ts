/**
 * A fast, synchronous, non-cryptographic 64-bit content hash (two independent 32-bit FNV-1a variants over UTF-16
 * code units), as 16 hex digits. Used to name immutable ConfigMaps by content and to key the output cache; it needs to
 * tell contents apart, not to resist an attacker.
 */
export function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= text.length;
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  return (h1 >>> 0).toString(16).padStart(8, '0') + ((h2 ^ (h2 >>> 16)) >>> 0).toString(16).padStart(8, '0');
}
