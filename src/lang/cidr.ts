/**
 * Go's `net.ParseCIDR` and `IPNet.String()`, as Envoy Gateway applies them to CIDR strings: what
 * Go accepts (IPv4 dotted quads without leading zeros, IPv6 with `::` and an embedded IPv4 tail,
 * IPv4-mapped addresses) and the canonical text it prints back (RFC 5952 for IPv6).
 */

export interface ParsedCIDR {
  /** `IPNet.String()` of the network: the masked address and prefix length. */
  cidr: string;
  maskLen: number;
  /** `ip.To4() == nil`: false for IPv4 and IPv4-mapped IPv6 addresses. */
  isIPv6: boolean;
}

/** Go's `net.ParseCIDR(s)` as Envoy Gateway uses it; undefined where Go returns an error. */
export function parseGoCIDR(s: string): ParsedCIDR | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const maskText = s.slice(slash + 1);
  const parsed = parseIPv4(addr) ?? parseIPv6(addr);
  if (!parsed) return undefined;
  const bits = parsed.v4 ? 32 : 128;
  // dtoi: decimal digits only (leading zeros allowed), whole string, at most `bits`.
  if (!/^[0-9]+$/.test(maskText)) return undefined;
  const n = Number(maskText);
  if (n > bits) return undefined;

  const bytes = parsed.bytes; // 16 bytes
  const masked = bytes.map((b, i) => {
    const bitIndex = parsed.v4 ? (i - 12) * 8 : i * 8;
    if (parsed.v4 && i < 12) return b;
    const keep = Math.max(0, Math.min(8, n - bitIndex));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  const isV4Mapped = (b: number[]) => b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  const isIPv6 = !(parsed.v4 || isV4Mapped(bytes));
  let cidr: string;
  if (parsed.v4) cidr = `${masked.slice(12).join('.')}/${n}`;
  else if (isV4Mapped(masked)) cidr = `${masked.slice(12).join('.')}/${n - 96}`;
  else cidr = `${formatIPv6(masked)}/${n}`;
  return { cidr, maskLen: n, isIPv6 };
}

interface ParsedIP {
  v4: boolean;
  /** Always 16 bytes (IPv4 as IPv4-mapped). */
  bytes: number[];
}

function parseIPv4(s: string): ParsedIP | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    octets.push(v);
  }
  return { v4: true, bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...octets] };
}

function parseIPv6(s: string): ParsedIP | undefined {
  if (!s.includes(':') || s.includes('%')) return undefined; // zones are rejected by ParseCIDR
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (text: string, allowV4Tail: boolean): number[] | undefined => {
    if (text === '') return [];
    const groups = text.split(':');
    const out: number[] = [];
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (allowV4Tail && i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIPv4(g);
        if (!v4) return undefined;
        for (const byte of v4.bytes.slice(12)) out.push(byte);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      const v = parseInt(g, 16);
      out.push(v >> 8, v & 0xff);
    }
    return out;
  };
  if (halves.length === 1) {
    const all = parseGroups(halves[0]!, true);
    if (!all || all.length !== 16) return undefined;
    return { v4: false, bytes: all };
  }
  const head = parseGroups(halves[0]!, false);
  const tail = parseGroups(halves[1]!, true);
  if (!head || !tail) return undefined;
  const fill = 16 - head.length - tail.length;
  if (fill < 2) return undefined; // `::` must stand for at least one group of zeros
  return { v4: false, bytes: [...head, ...new Array<number>(fill).fill(0), ...tail] };
}

/** RFC 5952 text of 16 bytes: lowercase, longest run (≥ 2) of zero groups as `::`. */
function formatIPv6(b: number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i]! << 8) | b[i + 1]!);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (g: number) => g.toString(16);
  if (bestLen < 2) return groups.map(hex).join(':');
  const left = groups.slice(0, bestStart).map(hex).join(':');
  const right = groups.slice(bestStart + bestLen).map(hex).join(':');
  return `${left}::${right}`;
}
