/// <reference types="vite/client" />
/**
 * Envoy Gateway's golden IR `traffic` → our `traffic` convention (durations in ms, seconds → ms,
 * the http2 window-key swap undone, …). Each feature's test folder holds its mapping rule in
 * `test/features/<feature>/ir.ts` (exported as `<trafficKey>IrToOurs`); this table collects them.
 * Keys without a rule are copied unchanged.
 */
import { FEATURES } from '../../src/features/registry.js';

const SCHEMAS: ReadonlyMap<string, unknown> = new Map(FEATURES.map((f) => [f.key, f.traffic]));

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

type Def = { type: string; shape?: Record<string, { _zod: { def: Def } }>; innerType?: { _zod: { def: Def } }; element?: { _zod: { def: Def } }; valueType?: { _zod: { def: Def } } };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** `value` with Go's zero value in every field `schema` requires and `value` leaves out (false, "", [], 0, {}). */
function fillZeroValues(def: Def, value: unknown): unknown {
  switch (def.type) {
    case 'optional':
      return value === undefined ? undefined : fillZeroValues(defOf(def.innerType), value);
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const filled = fillZeroValues(field._zod.def, out[key] ?? zeroValue(field._zod.def));
        if (filled !== undefined) out[key] = filled;
      }
      return out;
    }
    case 'array':
      return Array.isArray(value) ? value.map((v) => fillZeroValues(defOf(def.element), v)) : value;
    case 'record':
      return typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillZeroValues(defOf(def.valueType), v)])) : value;
    default:
      return value;
  }
}

function zeroValue(def: Def): unknown {
  switch (def.type) {
    case 'boolean':
      return false;
    case 'string':
      return '';
    case 'number':
      return 0;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return undefined;
  }
}

/**
 * Hand-written IR (Envoy Gateway's xds test inputs) leaves out fields whose Go value is the zero
 * value (`distinct: false`, a rule's empty `name`), which Envoy Gateway's translator always sets and
 * so does ours: those are filled in, feature by feature, from each feature's `traffic` schema.
 */
export function withGoZeroValues(traffic: unknown): unknown {
  if (typeof traffic !== 'object' || traffic === null || Array.isArray(traffic)) return traffic;
  return Object.fromEntries(Object.entries(traffic).map(([key, value]) => [key, SCHEMAS.has(key) ? fillZeroValues(defOf(SCHEMAS.get(key)), value) : value]));
}
