// SHA-256 for the run's fingerprint, from the platform and a small audited library: the platform's
// TextEncoder for UTF-8 (lone surrogates become U+FFFD) and @noble/hashes (synchronous, no Node or DOM
// imports), so the same code runs in Excel's browser host and on the command line.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';

let encoder: TextEncoder | undefined;

/** UTF-8 bytes of a string (lone surrogates become U+FFFD). */
export function utf8Bytes(text: string): Uint8Array {
  encoder ??= new TextEncoder();
  return encoder.encode(text);
}

/** SHA-256 of bytes, as 32 bytes. */
export function sha256Bytes(data: Uint8Array): Uint8Array {
  return sha256(data);
}

/** SHA-256 of a string's UTF-8 bytes (or of bytes), as 64 lower-case hex digits. */
export function sha256Hex(input: string | Uint8Array): string {
  return bytesToHex(sha256Bytes(typeof input === 'string' ? utf8Bytes(input) : input));
}
