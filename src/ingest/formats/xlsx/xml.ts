// A small incremental XML scanner for the parts of an .xlsx: decoded text arrives in chunks that may cut tags,
// entities and text anywhere; the scanner reports complete tags (local names, attribute positions) and raw text to
// a handler, and keeps the unfinished tail for the next chunk. No DTDs, no namespaces beyond dropping prefixes.

import { isAscii } from 'node:buffer';
import { LimitError } from '../limits.js';

/**
 * Attributes of the tag being reported: positions into `src`, valid only during the handler call.
 * For attribute k: pos[4k] start of the local name (after any prefix), pos[4k+1] end of the name,
 * pos[4k+2] start and pos[4k+3] end of the raw value (between the quotes).
 */
export class Attrs {
  src = '';
  count = 0;
  readonly pos: number[] = [];

  /** Whether attribute k's local name is `name`. */
  is(k: number, name: string): boolean {
    const a = this.pos[4 * k]!;
    return this.pos[4 * k + 1]! - a === name.length && this.src.startsWith(name, a);
  }

  /** Decoded value of attribute k. */
  value(k: number): string {
    return decodeAttr(this.src.slice(this.pos[4 * k + 2], this.pos[4 * k + 3]));
  }

  /** Decoded value of the first attribute with this local name. */
  get(name: string): string | undefined {
    for (let k = 0; k < this.count; k++) if (this.is(k, name)) return this.value(k);
    return undefined;
  }
}

export interface XmlHandler {
  /** Whether text between tags is wanted right now (checked before each piece of text). */
  capture: boolean;
  /**
   * An opening (or empty, when selfClosing) tag; the name is s[nameStart, nameEnd) without its prefix, and the
   * tag ends before s[after]. A handler may take in what follows the tag itself and return where scanning goes on
   * (a position after `after`, at most s.length, never inside a tag); anything else means `after`.
   */
  open(s: string, nameStart: number, nameEnd: number, attrs: Attrs, selfClosing: boolean, after: number): number | void;
  close(s: string, nameStart: number, nameEnd: number): void;
  /** Raw text (entities not decoded, CDATA already escaped back), possibly in several pieces. */
  text(raw: string): void;
}

export class XmlError extends Error {
  constructor(part: string, message: string) {
    super(`${part}: malformed XML (${message})`);
    this.name = 'XmlError';
  }
}

const enum Ch {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Apos = 39,
  Slash = 47,
  Colon = 58,
  Eq = 61,
  Gt = 62,
  Question = 63,
}

/**
 * The longest unfinished construct (a tag with its attributes, a comment, a CDATA section) kept between chunks: real
 * parts never come near it, and without a bound one endless attribute would take all memory.
 */
const MAX_UNFINISHED = 32 * 1024 * 1024;
/** Beyond this, pending text is joined with whole chunks rather than growing slices of them. */
const LONG_PENDING = 64 * 1024;

export class XmlScanner {
  private rest = '';
  private readonly attrs = new Attrs();

  constructor(
    private readonly handler: XmlHandler,
    private readonly part: string,
  ) {}

  /** Scans a chunk of text (continuing any tag left unfinished by the previous one). */
  feed(chunk: string): void {
    let from = 0;
    if (this.rest.length > LONG_PENDING) {
      // A long construct is pending (a huge cell or attribute): it cannot end in a chunk without a ">"; and joining the
      // pending text to a slice of the chunk again and again would copy it over and over.
      if (chunk.indexOf('>') < 0) {
        this.rest += chunk;
        if (this.rest.length > MAX_UNFINISHED) throw this.endless();
        return;
      }
      const joined = this.rest + chunk;
      this.rest = '';
      const p = this.scan(joined, 0);
      this.rest = p >= joined.length ? '' : joined.slice(p);
      if (this.rest.length > MAX_UNFINISHED) throw this.endless();
      return;
    }
    if (this.rest.length > 0) {
      // Finish what the last chunk left unfinished on a short joined string: joining whole chunks would give a
      // cons string, on which V8 reads characters several times slower than on the chunk itself.
      for (let k = Math.min(chunk.length, 1024); ; k = Math.min(chunk.length, k * 4)) {
        const head = this.rest + chunk.slice(0, k);
        const p = this.scan(head, 0);
        if (p >= this.rest.length) {
          from = p - this.rest.length;
          this.rest = '';
          break;
        }
        this.rest = this.rest.slice(p);
        if (k === chunk.length) {
          this.rest += chunk;
          if (this.rest.length > MAX_UNFINISHED) throw this.endless();
          return;
        }
      }
    }
    const p = this.scan(chunk, from);
    this.rest = p >= chunk.length ? '' : chunk.slice(p);
    if (this.rest.length > MAX_UNFINISHED) throw this.endless();
  }

  private endless(): LimitError {
    return new LimitError(
      `「${this.part}」中有一段超过 32 MB 仍未结束的 XML 标记（例如一个巨大的单元格或属性），这不是正常的表格文件`,
      '文件可能已损坏或被恶意构造；请用 Excel/WPS 打开检查后另存再试',
    );
  }

  /** Reports everything complete in s from pos on; returns where the first incomplete construct starts. */
  private scan(s: string, pos: number): number {
    const len = s.length;
    const h = this.handler;
    while (pos < len) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        if (h.capture) h.text(s.slice(pos));
        pos = len;
        break;
      }
      if (lt > pos && h.capture) h.text(s.slice(pos, lt));
      pos = lt;
      if (lt + 1 >= len) break;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === Ch.Slash) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) break;
        let ls = lt + 2;
        let ne = ls;
        for (; ne < gt; ne++) {
          const ch = s.charCodeAt(ne);
          if (ch <= Ch.Space) break;
          if (ch === Ch.Colon) ls = ne + 1;
        }
        h.close(s, ls, ne);
        pos = gt + 1;
      } else if (c1 === Ch.Question) {
        const e = s.indexOf('?>', lt + 2);
        if (e < 0) break;
        pos = e + 2;
      } else if (c1 === Ch.Bang) {
        const e = this.special(s, lt, len);
        if (e < 0) break;
        pos = e;
      } else {
        const e = this.openTag(s, lt, len);
        if (e < 0) break;
        pos = e;
      }
    }
    return pos;
  }

  /** Call after the last chunk: anything left over means the XML was cut off. */
  end(): void {
    if (/[^ \t\r\n]/.test(this.rest)) throw new XmlError(this.part, 'the text ends inside a tag');
    this.rest = '';
  }

  /** Comments, CDATA and declarations at s[lt] = "<!": returns the position after them, or -1 if incomplete. */
  private special(s: string, lt: number, len: number): number {
    if (s.startsWith('<!--', lt)) {
      const e = s.indexOf('-->', lt + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const e = s.indexOf(']]>', lt + 9);
      if (e < 0) return -1;
      if (this.handler.capture) this.handler.text(escapeRaw(s.slice(lt + 9, e)));
      return e + 3;
    }
    if (len - lt < 9) return -1; // cannot tell yet what this is
    // <!DOCTYPE ...> possibly with an internal subset in [...]; its declarations are not used.
    const gt = s.indexOf('>', lt);
    const br = s.indexOf('[', lt);
    if (br >= 0 && (gt < 0 || br < gt)) {
      const close = s.indexOf(']', br);
      if (close < 0) return -1;
      const g2 = s.indexOf('>', close);
      return g2 < 0 ? -1 : g2 + 1;
    }
    return gt < 0 ? -1 : gt + 1;
  }

  /** An opening or empty tag at s[lt]: reports it and returns the position after it, or -1 if incomplete. */
  private openTag(s: string, lt: number, len: number): number {
    let i = lt + 1;
    let ls = i;
    let ch = 0;
    for (; i < len; i++) {
      ch = s.charCodeAt(i);
      if (ch <= Ch.Space || ch === Ch.Slash || ch === Ch.Gt) break;
      if (ch === Ch.Colon) ls = i + 1;
    }
    if (i >= len) return -1;
    const ne = i;
    const attrs = this.attrs;
    const P = attrs.pos;
    let n = 0;
    for (;;) {
      while (ch <= Ch.Space) ch = s.charCodeAt(++i);
      if (i >= len) return -1;
      if (ch === Ch.Gt) {
        attrs.src = s;
        attrs.count = n;
        const next = this.handler.open(s, ls, ne, attrs, false, i + 1);
        return typeof next === 'number' && next > i ? next : i + 1;
      }
      if (ch === Ch.Slash) {
        if (i + 1 >= len) return -1;
        if (s.charCodeAt(i + 1) !== Ch.Gt) throw new XmlError(this.part, `stray "/" in <${s.slice(lt + 1, ne)}>`);
        attrs.src = s;
        attrs.count = n;
        const next = this.handler.open(s, ls, ne, attrs, true, i + 2);
        return typeof next === 'number' && next > i + 1 ? next : i + 2;
      }
      let als = i;
      for (; i < len; i++) {
        ch = s.charCodeAt(i);
        if (ch === Ch.Eq || ch <= Ch.Space || ch === Ch.Gt || ch === Ch.Slash) break;
        if (ch === Ch.Colon) als = i + 1;
      }
      if (i >= len) return -1;
      const ae = i;
      while (ch <= Ch.Space) ch = s.charCodeAt(++i);
      if (i >= len) return -1;
      if (ch !== Ch.Eq) throw new XmlError(this.part, `attribute without value in <${s.slice(lt + 1, ne)}>`);
      ch = s.charCodeAt(++i);
      while (ch <= Ch.Space) ch = s.charCodeAt(++i);
      if (i >= len) return -1;
      if (ch !== Ch.Quote && ch !== Ch.Apos) throw new XmlError(this.part, `unquoted attribute in <${s.slice(lt + 1, ne)}>`);
      const vs = i + 1;
      const ve = s.indexOf(ch === Ch.Quote ? '"' : "'", vs);
      if (ve < 0) return -1;
      const at = 4 * n++;
      P[at] = als;
      P[at + 1] = ae;
      P[at + 2] = vs;
      P[at + 3] = ve;
      i = ve + 1;
      ch = s.charCodeAt(i);
    }
  }
}

/** Whether s[start, end) is exactly `name`. */
export function nameIs(s: string, start: number, end: number, name: string): boolean {
  return end - start === name.length && s.startsWith(name, start);
}

function escapeRaw(cdata: string): string {
  return cdata.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

const ENTITY = /&(?:(amp)|(lt)|(gt)|(quot)|(apos)|#([0-9]+)|#x([0-9a-fA-F]+));/g;

function entity(m: string, amp?: string, lt?: string, gt?: string, quot?: string, apos?: string, dec?: string, hex?: string): string {
  if (amp) return '&';
  if (lt) return '<';
  if (gt) return '>';
  if (quot) return '"';
  if (apos) return "'";
  const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16);
  if (cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)) return String.fromCodePoint(cp);
  return m; // not a character: leave it as written
}

/** Text content as XML means it: line ends normalised (CRLF and CR to LF) and entities decoded. */
export function decodeText(raw: string): string {
  if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
  return raw.indexOf('&') < 0 ? raw : raw.replace(ENTITY, entity);
}

/** Attribute values: also literal tabs and line ends become spaces (XML attribute-value normalisation). */
export function decodeAttr(raw: string): string {
  if (/[\t\n\r]/.test(raw)) raw = raw.replace(/\r\n|[\t\n\r]/g, ' ');
  return raw.indexOf('&') < 0 ? raw : raw.replace(ENTITY, entity);
}

const EXCEL_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** Excel's escapes for characters XML cannot carry (_x000D_ for CR, _x005F_ for a literal "_"). */
export function decodeExcelEscapes(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(EXCEL_ESCAPE, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function isXmlSpace(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.Lf || c === Ch.Cr;
}

/**
 * A <t> without xml:space="preserve" loses its leading and trailing whitespace, as Excel shows it; text that is
 * only whitespace is kept (Excel keeps such runs, e.g. the space between two rich-text runs).
 */
export function trimUnpreserved(s: string): string {
  const n = s.length;
  if (n === 0 || (!isXmlSpace(s.charCodeAt(0)) && !isXmlSpace(s.charCodeAt(n - 1)))) return s;
  let a = 0;
  let b = n;
  while (a < b && isXmlSpace(s.charCodeAt(a))) a++;
  if (a === b) return s;
  while (isXmlSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/**
 * A copy of s that does not keep the chunk it was cut from alive (V8 slices longer strings by reference, so one
 * kept cell would otherwise hold a whole decoded chunk in memory).
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * Bytes to text for an XML part: UTF-8 (strict, BOM dropped), or UTF-16 when the part starts with its byte order
 * mark, across chunk boundaries. Pure ASCII chunks of UTF-8 parts (nearly all of a worksheet) are copied as they
 * are when no character is pending from the previous chunk.
 */
export class PartDecoder {
  private decoder: TextDecoder | undefined;
  private head: Buffer | undefined;
  private utf8 = false;
  /** Whether the bytes so far end on a character boundary (false when unsure). */
  private clean = false;

  constructor(private readonly part: string) {}

  decode(chunk: Buffer): string {
    if (this.decoder) {
      if (this.clean && this.utf8 && isAscii(chunk)) return chunk.toString('latin1');
      let out: string;
      try {
        out = this.decoder.decode(chunk, STREAM);
      } catch {
        throw new Error(`${this.part}: text is not valid ${this.decoder.encoding.toUpperCase()}`);
      }
      this.clean = endsOnBoundary(chunk);
      return out;
    }
    const head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
    if (head.length < 2) {
      this.head = head;
      return '';
    }
    this.head = undefined;
    this.decoder = pick(head);
    this.utf8 = this.decoder.encoding === 'utf-8';
    return this.decode(head);
  }

  end(): string {
    if (!this.decoder) {
      if (!this.head) return '';
      this.decoder = pick(this.head);
      const tail = this.head;
      this.head = undefined;
      return this.decode(tail) + this.end();
    }
    try {
      return this.decoder.decode();
    } catch {
      throw new Error(`${this.part}: text ends in the middle of a character`);
    }
  }
}

/** Whether UTF-8 bytes ending with this chunk end on a character boundary (false when the chunk cannot tell). */
function endsOnBoundary(chunk: Buffer): boolean {
  const n = chunk.length;
  if (n === 0) return false;
  if (chunk[n - 1]! < 0x80) return true;
  for (let k = 1; k <= 4 && k <= n; k++) {
    const b = chunk[n - k]!;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need === k;
    }
    if (b < 0x80) return false; // an ASCII byte followed by stray continuation bytes: let the decoder judge
  }
  return false;
}

const STREAM = { stream: true } as const;

function pick(head: Buffer): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
  return new TextDecoder('utf-8', { fatal: true });
}
