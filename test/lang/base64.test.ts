/**
 * Base64 as Go's StdEncoding reads it: Node's Buffer is the oracle for valid text (both padded
 * and standard), and Go's CorruptInputError offsets for the rest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../src/lang/base64.js';

const bytesOf = (text: string) => {
  const r = decodeBase64(text);
  return r.ok ? [...r.bytes] : { offset: r.offset };
};

describe('decodeBase64', () => {
  it('round-trips any bytes and agrees with Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(bytesOf(text)).toEqual([...bytes]);
      }),
    );
  });

  it('skips CR and LF, as Go does', () => {
    expect(bytesOf('aGVs\r\nbG8=\n')).toEqual([...Buffer.from('hello')]);
  });

  it("reports the offset of the first corrupt byte as Go's CorruptInputError", () => {
    expect(bytesOf('aGVsbG8')).toEqual({ offset: 7 }); // unpadded quantum at the end
    expect(bytesOf('a===')).toEqual({ offset: 1 }); // padding after one character
    expect(bytesOf('aGV=bG8=')).toEqual({ offset: 4 }); // data after padding
    expect(bytesOf('aG==')).toEqual([0x68]);
    expect(bytesOf('aGU=')).toEqual([0x68, 0x65]);
    expect(bytesOf('aG===')).toEqual({ offset: 4 }); // too much padding
    expect(bytesOf('aG-k')).toEqual({ offset: 2 }); // URL alphabet is not standard
    expect(bytesOf('aGé=')).toEqual({ offset: 2 });
    expect(bytesOf('====')).toEqual({ offset: 0 });
    expect(bytesOf('')).toEqual([]);
  });
});
