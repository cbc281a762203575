/**
 * What Envoy Gateway's golden xDS uses but the Envoy API snapshot shipped in `@grpc/grpc-js-xds@1.14.1`
 * (the protos `test/support/envoy-proto.ts` checks against) does not define yet.
 *
 * The snapshot is older than the Envoy API that EG compiles against (go-control-plane `envoy v1.37.x`,
 * cncf/xds 2026-02; see /work/shared/spec/envoy-mapping.md §5.3). This list is the ONLY thing the
 * checker skips, and each entry is as narrow as possible:
 *
 * - `field`: a field the snapshot's message lacks. Its key is accepted on that message only, and its
 *   value is not checked (there is no definition to check it against). `oneof` names the oneof the
 *   field belongs to in the newer API, so that it counts as that oneof's member (for "at most one"
 *   and `(validate.required)`).
 * - `type`: an `Any` payload type the snapshot lacks entirely (no .proto, or a .proto whose imports
 *   the package does not ship). The `@type` is accepted as "known to be missing"; the payload is not
 *   checked.
 * - `oneof-not-required`: a `(validate.required)` on a oneof that the newer API dropped.
 *
 * The suite test/emit/envoy-proto.test.ts proves that every entry is still missing from the snapshot
 * (a stale entry fails) and is used by at least one golden resource (an unused entry fails), so the
 * list cannot hide anything the snapshot could check.
 */

export type AllowlistEntry =
  | { kind: 'field'; message: string; field: string; oneof?: string; why: string }
  | { kind: 'type'; type: string; why: string }
  | { kind: 'oneof-not-required'; message: string; oneof: string; why: string };

export const ENVOY_PROTO_ALLOWLIST: readonly AllowlistEntry[] = [];
