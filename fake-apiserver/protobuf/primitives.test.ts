import { describe, expect, it } from 'vitest';
import { goQuote, goString } from './go-strings.js';
import { formatMicroTime, formatTime, parseTime, ZERO_TIME_SECONDS } from './go-time.js';
import { ProtoError, Reader, toInt32, toInt64, Writer } from './wire.js';

const hex = (w: Writer) => w.view().toString('hex');

describe('wire', () => {
  it('writes negative int32 as a 10-byte two’s complement varint, as Go’s uint64(int32) does', () => {
    const w = new Writer();
    w.varint(-1);
    expect(hex(w)).toBe('ffffffffffffffffff01');
    expect(toInt32(new Reader(w.view()).varint())).toBe(-1);
  });

  it('round-trips int64 beyond 2^53 as bigint', () => {
    const w = new Writer();
    w.varint(2n ** 63n - 1n);
    expect(toInt64(new Reader(w.view()).varint())).toBe(2n ** 63n - 1n);
    const small = new Writer();
    small.varint(300);
    expect(hex(small)).toBe('ac02');
  });

  it('reports Go’s errors', () => {
    expect(() => new Reader(Buffer.from('ffffffffffffffffffff01', 'hex')).varint()).toThrow(new ProtoError('proto: integer overflow'));
    expect(() => new Reader(Buffer.from('80', 'hex')).varint()).toThrow('unexpected EOF');
    expect(() => new Reader(Buffer.from('ffffffffffffffffff01', 'hex')).lengthEnd()).toThrow(
      'proto: negative length found during unmarshaling',
    );
    expect(() => new Reader(Buffer.from('05ab', 'hex')).bytes()).toThrow('unexpected EOF');
    expect(() => new Reader(Buffer.from('0c', 'hex')).skipField(0)).toThrow('proto: unexpected end of group');
    expect(() => new Reader(Buffer.from('0e', 'hex')).skipField(0)).toThrow('proto: illegal wireType 6');
  });
});

describe('Go strings', () => {
  it('%q as strconv.Quote', () => {
    expect(goQuote(Buffer.from('v1'))).toBe('"v1"');
    expect(goQuote(Buffer.from([0x00, 0x31]))).toBe('"\\x001"');
    expect(goQuote(Buffer.from([0x76, 0xff]))).toBe('"v\\xff"');
    expect(goQuote(Buffer.from('a"b\\c\n\t☃'))).toBe('"a\\"b\\\\c\\n\\t☃"');
    expect(goQuote(Buffer.from('\u200b'))).toBe('"\\u200b"');
  });

  it('invalid UTF-8 becomes one U+FFFD per bad byte, as encoding/json writes it', () => {
    expect(goString(Buffer.from([0x61, 0xe2, 0x82, 0x62]))).toBe('a\ufffd\ufffdb');
    expect(goString(Buffer.from('héllo'))).toBe('héllo');
  });
});

describe('Go times', () => {
  it('formats Time with seconds and MicroTime with six digits, in UTC', () => {
    expect(formatTime(0)).toBe('1970-01-01T00:00:00Z');
    expect(formatTime(1709979072n)).toBe('2024-03-09T10:11:12Z');
    expect(formatMicroTime(1709979072, 345678999)).toBe('2024-03-09T10:11:12.345678Z');
    expect(formatMicroTime(1709979072, 1_500_000_000)).toBe('2024-03-09T10:11:13.500000Z');
  });

  it('parses RFC 3339 with offsets and fractions', () => {
    expect(parseTime('2024-03-09T10:11:12Z')).toEqual({ seconds: 1709979072, nanos: 0 });
    expect(parseTime('2024-03-09T11:11:12.5+01:00')).toEqual({ seconds: 1709979072, nanos: 500000000 });
    expect(parseTime('0001-01-01T00:00:00Z').seconds).toBe(ZERO_TIME_SECONDS);
    expect(() => parseTime('yesterday')).toThrow();
    expect(() => parseTime('2024-02-30T00:00:00Z')).toThrow();
  });
});
