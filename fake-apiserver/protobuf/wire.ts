/**
 * The protobuf wire format, read and written the way gogo-protobuf's generated Kubernetes code does.
 *
 * Invariants:
 * - A malformed input never throws anything but a ProtoError, whose message is the text the Go
 *   code returns for the same bytes (`unexpected EOF`, `proto: integer overflow`, ...).
 * - Varints are unsigned 64-bit; values of 2^28 and above are read as bigint, below as number.
 */

/** A decode failure, worded as gogo-protobuf's generated Unmarshal words it. */
export class ProtoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtoError';
  }
}

export const ERR_UNEXPECTED_EOF = 'unexpected EOF';
export const ERR_INVALID_LENGTH = 'proto: negative length found during unmarshaling';
export const ERR_INT_OVERFLOW = 'proto: integer overflow';
export const ERR_END_OF_GROUP = 'proto: unexpected end of group';

const TWO_63 = 1n << 63n;

export type Varint = number | bigint;

export class Reader {
  pos = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly end = buf.length,
  ) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** An unsigned varint; `proto: integer overflow` past 10 bytes, `unexpected EOF` at the end. */
  varint(): Varint {
    let small = 0;
    let shift = 0;
    for (;;) {
      if (shift >= 28) return this.bigVarint(small);
      if (this.pos >= this.end) throw new ProtoError(ERR_UNEXPECTED_EOF);
      const b = this.buf[this.pos++];
      small |= (b & 0x7f) << shift;
      if (b < 0x80) return small;
      shift += 7;
    }
  }

  private bigVarint(low28: number): bigint {
    let v = BigInt(low28);
    for (let shift = 28n; ; shift += 7n) {
      if (shift >= 64n) throw new ProtoError(ERR_INT_OVERFLOW);
      if (this.pos >= this.end) throw new ProtoError(ERR_UNEXPECTED_EOF);
      const b = this.buf[this.pos++];
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, v);
    }
  }

  /** A length prefix and the end offset it gives, checked as Go's `int` arithmetic checks it. */
  lengthEnd(): number {
    const n = this.varint();
    if (typeof n === 'bigint' && n >= TWO_63) throw new ProtoError(ERR_INVALID_LENGTH);
    const end = this.pos + Number(n);
    if (end > this.end) throw new ProtoError(ERR_UNEXPECTED_EOF);
    return end;
  }

  /** The bytes of a length-delimited value (a view, not a copy). */
  bytes(): Uint8Array {
    const end = this.lengthEnd();
    const out = this.buf.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  fixed64(): Uint8Array {
    if (this.pos + 8 > this.end) throw new ProtoError(ERR_UNEXPECTED_EOF);
    const out = this.buf.subarray(this.pos, this.pos + 8);
    this.pos += 8;
    return out;
  }

  /** Skips one field whose tag was read at `tagStart` (gogo's skipGenerated, groups included). */
  skipField(tagStart: number): void {
    this.pos = tagStart;
    let depth = 0;
    while (this.pos < this.end) {
      const wire = this.varint();
      const wireType = Number(BigInt.asUintN(3, BigInt(wire)));
      switch (wireType) {
        case 0:
          this.varint();
          break;
        case 1:
          this.pos += 8;
          break;
        case 2: {
          const n = this.varint();
          if (typeof n === 'bigint' && n >= TWO_63) throw new ProtoError(ERR_INVALID_LENGTH);
          this.pos += Number(n);
          break;
        }
        case 3:
          depth++;
          break;
        case 4:
          if (depth === 0) throw new ProtoError(ERR_END_OF_GROUP);
          depth--;
          break;
        case 5:
          this.pos += 4;
          break;
        default:
          throw new ProtoError(`proto: illegal wireType ${wireType}`);
      }
      if (depth === 0) {
        if (this.pos > this.end) throw new ProtoError(ERR_UNEXPECTED_EOF);
        return;
      }
    }
    throw new ProtoError(ERR_UNEXPECTED_EOF);
  }
}

/** A field tag as gogo reads it: `fieldNum := int32(wire >> 3)`. */
export function splitTag(wire: Varint): { fieldNum: number; wireType: number } {
  if (typeof wire === 'number') return { fieldNum: wire >>> 3, wireType: wire & 7 };
  return { fieldNum: Number(BigInt.asIntN(32, wire >> 3n)), wireType: Number(wire & 7n) };
}

/** Go's `int32(v)` of a varint. */
export function toInt32(v: Varint): number {
  return typeof v === 'number' ? v | 0 : Number(BigInt.asIntN(32, v));
}

/** Go's `uint32(v)` of a varint. */
export function toUint32(v: Varint): number {
  return typeof v === 'number' ? v >>> 0 : Number(BigInt.asUintN(32, v));
}

/** Go's `int64(v)` of a varint, as a JS number when it is safe, else as bigint. */
export function toInt64(v: Varint): number | bigint {
  if (typeof v === 'number') return v;
  const s = BigInt.asIntN(64, v);
  return s >= BigInt(Number.MIN_SAFE_INTEGER) && s <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(s) : s;
}

/** Go's `uint64(v)` of a varint. */
export function toUint64(v: Varint): number | bigint {
  if (typeof v === 'number') return v;
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

export function toDouble(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, true);
}

/** An append-only byte buffer with protobuf's primitive writers. */
export class Writer {
  private buf: Buffer;
  len = 0;

  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /** An unsigned varint; a negative number is written as its 64-bit two's complement (Go's uint64(int)). */
  varint(v: number | bigint): void {
    if (typeof v === 'number' && v >= 0 && v <= 0x7fffffff) {
      this.ensure(5);
      while (v > 0x7f) {
        this.buf[this.len++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      this.buf[this.len++] = v;
      return;
    }
    let b = BigInt.asUintN(64, BigInt(v));
    this.ensure(10);
    while (b > 0x7fn) {
      this.buf[this.len++] = Number(b & 0x7fn) | 0x80;
      b >>= 7n;
    }
    this.buf[this.len++] = Number(b);
  }

  tag(fieldNumber: number, wireType: number): void {
    this.varint(fieldNumber * 8 + wireType);
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** A length-delimited value. */
  lengthDelimited(bytes: Uint8Array): void {
    this.varint(bytes.length);
    this.raw(bytes);
  }

  string(s: string): void {
    // Short ASCII strings (most keys and values) are copied by hand: cheaper than Buffer#write.
    if (s.length < 128) {
      this.ensure(s.length + 1);
      const start = this.len;
      this.buf[this.len++] = s.length;
      let i = 0;
      for (; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        this.buf[this.len++] = c;
      }
      if (i === s.length) return;
      this.len = start;
    }
    const n = Buffer.byteLength(s, 'utf8');
    this.varint(n);
    this.ensure(n);
    this.buf.write(s, this.len, 'utf8');
    this.len += n;
  }

  /** Starts a length-delimited value written in place; returns the mark for endDelimited. */
  beginDelimited(): number {
    this.ensure(1);
    return this.len++;
  }

  /** Writes the length of the value begun at `mark`, moving the value if the length needs >1 byte. */
  endDelimited(mark: number): void {
    const start = mark + 1;
    const n = this.len - start;
    if (n < 0x80) {
      this.buf[mark] = n;
      return;
    }
    let size = 1;
    for (let v = n; v >= 0x80; v = Math.floor(v / 128)) size++;
    this.ensure(size - 1);
    this.buf.copyWithin(start + size - 1, start, this.len);
    this.len += size - 1;
    let v = n;
    let i = mark;
    while (v >= 0x80) {
      this.buf[i++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[i] = v;
  }

  double(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.len);
    this.len += 8;
  }

  /** The bytes written so far (a view of the internal buffer until the next write). */
  view(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  /** A copy of the bytes written. */
  finish(): Buffer {
    return Buffer.from(this.view());
  }
}
