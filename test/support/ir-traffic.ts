/// <reference types="vite/client" />
/**
 * Envoy Gateway's golden IR `traffic` → our `traffic` convention (durations in ms, seconds → ms,
 * the http2 window-key swap undone, …). Each feature's test folder holds its mapping rule in
 * `test/features/<feature>/ir.ts` (exported as `<trafficKey>IrToOurs`); this table collects them.
 * Keys without a rule are copied unchanged.
 */
const modules = import.meta.glob<Record<string, (value: unknown) => unknown>>('../features/*/ir.ts', { eager: true });

export const IR_TRAFFIC_RULES: Record<string, (value: unknown) => unknown> = Object.fromEntries(
  Object.values(modules).flatMap((m) => Object.entries(m).filter(([name]) => name.endsWith('IrToOurs')).map(([name, rule]) => [name.slice(0, -'IrToOurs'.length), rule])),
);

export function irTrafficToOurs(irTraffic: unknown): unknown {
  if (typeof irTraffic !== 'object' || irTraffic === null || Array.isArray(irTraffic)) return irTraffic;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(irTraffic)) {
    const rule = IR_TRAFFIC_RULES[key];
    out[key] = rule ? rule(value) : value;
  }
  return out;
}
