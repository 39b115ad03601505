// The .xlsx file as a zip: its parts, their CRC-32 check, and what kind of file it is.
import * as zlib from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// What exceljs would lose. An .xlsx file is a zip; its central directory lists the parts, which is
// enough to tell charts, pivot tables and the like apart without unpacking anything.

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** CRC-32 of the uncompressed data, as the central directory gives it */
  crc32: number;
  localHeader: number;
}

/** The parts of a zip file as its central directory lists them, or [] when it is not a readable zip. */
export function zipEntries(buffer: Uint8Array): ZipEntry[] {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const minEnd = Math.max(0, buffer.length - 22 - 0xffff);
  let end = -1;
  for (let i = buffer.length - 22; i >= minEnd; i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n += 1) {
    if (offset + 46 > buffer.length || view.getUint32(offset, true) !== 0x02014b50) break;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    entries.push({
      name: decoder.decode(buffer.subarray(offset + 46, offset + 46 + nameLength)),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      crc32: view.getUint32(offset + 16, true),
      localHeader: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Names of the parts of a zip file (central directory), or [] when it is not a readable zip. */
export function zipEntryNames(buffer: Uint8Array): string[] {
  return zipEntries(buffer).map((entry) => entry.name);
}

/** The uncompressed bytes of one part of a zip file, or undefined when they cannot be read. */
function zipEntryData(buffer: Uint8Array, entry: ZipEntry): Uint8Array | undefined {
  try {
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const local = entry.localHeader;
    if (local + 30 > buffer.length || view.getUint32(local, true) !== 0x04034b50) return undefined;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + entry.compressedSize > buffer.length) return undefined;
    const data = buffer.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return data;
    if (entry.method === 8) return zlib.inflateRawSync(data);
    return undefined;
  } catch {
    return undefined;
  }
}

/** The text of one part of a zip file, or undefined when it is missing or cannot be read. */
export function zipEntryText(buffer: Uint8Array, entry: ZipEntry): string | undefined {
  const data = zipEntryData(buffer, entry);
  return data === undefined ? undefined : new TextDecoder('utf-8').decode(data);
}

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (the zip format's checksum) of some bytes: node's zlib.crc32 where it has one. */
export function crc32(data: Uint8Array): number {
  const native = (zlib as unknown as { crc32?: (data: Uint8Array) => number }).crc32;
  if (typeof native === 'function') return native(data) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i += 1) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The parts of a zip file that are damaged: their data cannot be unpacked, or it does not have the
 * length and the CRC-32 checksum the zip's directory records (a file cut short, a flipped bit). exceljs
 * does not check them, so a damaged part would be read with wrong figures. [] for a sound file.
 * A file whose directory cannot be read at all is damaged as a whole (['']).
 */
export function damagedZipEntries(buffer: Uint8Array): string[] {
  const entries = zipEntries(buffer);
  if (entries.length === 0) return [''];
  const damaged: string[] = [];
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    // zip64 keeps the sizes elsewhere: such a part is left to the reader
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) continue;
    const data = zipEntryData(buffer, entry);
    if (data === undefined || data.length !== entry.uncompressedSize || crc32(data) !== entry.crc32) damaged.push(entry.name);
  }
  return damaged;
}

/**
 * What a zip file holds by its parts: an Excel workbook (xl/workbook.xml, also .xlsm), an OpenDocument
 * file (its `mimetype`: .ods, .odt …), a Word document, a PowerPoint presentation, or something else.
 */
export type ZipKind = 'xlsx' | 'ods' | 'odf' | 'docx' | 'pptx' | 'zip';
export function zipKind(buffer: Uint8Array): ZipKind {
  const entries = zipEntries(buffer);
  const has = (name: string): boolean => entries.some((e) => e.name.toLowerCase() === name);
  if (has('xl/workbook.xml') || entries.some((e) => /^xl\/workbook[^/]*\.xml$/i.test(e.name))) return 'xlsx';
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype) {
    const type = zipEntryText(buffer, mimetype)?.trim() ?? '';
    if (type === 'application/vnd.oasis.opendocument.spreadsheet') return 'ods';
    if (type.startsWith('application/vnd.oasis.opendocument.')) return 'odf';
  }
  if (has('word/document.xml')) return 'docx';
  if (has('ppt/presentation.xml')) return 'pptx';
  return 'zip';
}
