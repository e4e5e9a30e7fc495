// Stable finding ids: a keyed hash of (rule, ID, extra key) with the database's own random key, so ids never reveal IDs.
import crypto from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U to misread

export function findingId(key: string, rule: string, idNumber: string | null, extra?: string): string {
  const mac = crypto.createHmac('sha256', Buffer.from(key, 'hex')).update(`${rule}|${idNumber ?? ''}|${extra ?? ''}`).digest();
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[mac[i]! & 31];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

export function detailHash(detail: unknown, kinds: readonly string[]): string {
  return crypto.createHash('sha256').update(JSON.stringify({ detail, kinds: [...kinds].sort() })).digest('hex').slice(0, 16);
}
