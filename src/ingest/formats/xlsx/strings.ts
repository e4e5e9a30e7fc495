// The text of <si> (shared strings) and <is> (inline strings) of an .xlsx, collected from the XML scanner's events.
import { cellTooLong, rawCellChars } from '../limits.js';
import { decodeExcelEscapes, decodeText, ownString, trimUnpreserved, type Attrs } from './xml.js';

/**
 * The text of <si> (shared strings) and <is> (inline strings): the <t> elements, directly or in rich-text runs,
 * concatenated; phonetic runs (<rPh>) left out. Each <t> is trimmed unless it asks to preserve its whitespace.
 */
export class StringCollector {
  capture = false;
  private raw = '';
  private preserve = false;
  private phonetic = 0;
  /** Text so far of the current string. */
  value = '';

  /** Raw characters one string may gather before it is refused (entities take several characters per character). */
  private readonly maxRaw: number;

  /** @param cellChars the longest string accepted (the cell length limit) */
  constructor(private readonly cellChars = Infinity) {
    this.maxRaw = rawCellChars(cellChars);
  }

  reset(): void {
    this.capture = false;
    this.raw = '';
    this.phonetic = 0;
    this.value = '';
  }

  open(s: string, ns: number, ne: number, attrs: Attrs, selfClosing: boolean): void {
    const len = ne - ns;
    if (len === 1 && s.charCodeAt(ns) === 116 /* t */) {
      if (selfClosing || this.phonetic > 0) return;
      this.capture = true;
      this.raw = '';
      this.preserve = false;
      for (let k = 0; k < attrs.count; k++) {
        if (attrs.is(k, 'space')) this.preserve = attrs.value(k) === 'preserve';
      }
    } else if (len === 3 && !selfClosing && s.startsWith('rPh', ns)) {
      this.phonetic++;
    }
  }

  close(s: string, ns: number, ne: number): void {
    const len = ne - ns;
    if (len === 1 && s.charCodeAt(ns) === 116 /* t */) {
      if (!this.capture) return;
      this.capture = false;
      const t = decodeText(this.raw);
      this.raw = '';
      this.value += this.preserve ? t : trimUnpreserved(t);
    } else if (len === 3 && this.phonetic > 0 && s.startsWith('rPh', ns)) {
      this.phonetic--;
    }
  }

  text(raw: string): void {
    this.raw += raw;
    if (this.raw.length + this.value.length > this.maxRaw) throw cellTooLong({ cellChars: this.cellChars }, this.raw.length + this.value.length);
  }

  /** The finished string, Excel escapes decoded, owning its memory. */
  finish(): string {
    const v = ownString(decodeExcelEscapes(this.value));
    this.reset();
    if (v.length > this.cellChars) throw cellTooLong({ cellChars: this.cellChars }, v.length);
    return v;
  }
}
