/**
 * A controller on @kubernetes/client-node informers: every object of the kinds the library reads
 * flows into an incremental resolver; each policy whose status changed gets its `status.ancestors`
 * entries for our controller name patched; each Envoy resource that changed is logged.
 */
import {
  ADD,
  CoreV1Api,
  CustomObjectsApi,
  DELETE,
  ERROR,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  ListWatch,
  PatchStrategy,
  UPDATE,
  Watch,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { createEnvoyEmitter, createResolver, type EnvoyDelta, type PolicyResult, type ResolverChange, type WatchEvent } from 'backend-traffic-policy';
import { DEFAULT_RESOURCES, apiVersionOf, collectionPath, type WatchedResource } from './resources.js';
import { ourAncestors, sameAncestors, storedAncestors } from './status.js';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export interface ControllerOptions {
  kubeConfig: KubeConfig;
  /** Written into our `status.ancestors` entries; entries of other controller names are left alone. */
  controllerName: string;
  resources?: readonly WatchedResource[];
  logger?: Logger;
  /** How long to gather watch events into one resolution. Default 10 ms. */
  debounceMs?: number;
  /** Feed every cached object to the resolver again this often (0: never). Default 0. */
  resyncMs?: number;
  /** Wait before restarting a failed list/watch, or retrying a failed status patch. Default 2 s. */
  retryMs?: number;
  /** The clock for `lastTransitionTime`. */
  now?: () => Date;
}

export interface Controller {
  /** Settles once every informer has listed (or failed to) and the first resolution is written. */
  readonly ready: Promise<void>;
  /** Feeds every cached object to the resolver again; settles when that is written. */
  resync(): Promise<void>;
  stop(): Promise<void>;
}

const BTP = 'BackendTrafficPolicy';
const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;
const statusCodeOf = (err: unknown): number | undefined => {
  const e = err as { code?: unknown; statusCode?: unknown } | null;
  return typeof e?.code === 'number' ? e.code : typeof e?.statusCode === 'number' ? e.statusCode : undefined;
};

/** One line per Envoy resource that changed, then the findings. */
export function envoyLogLines(change: ResolverChange, delta: EnvoyDelta): string[] {
  return [
    ...delta.clusters.upserted.map((c) => `cluster upserted ${c.name}`),
    ...delta.clusters.removed.map((name) => `cluster removed ${name}`),
    ...delta.routeConfigurations.upserted.map((r) => `route configuration upserted ${r.name}`),
    ...delta.routeConfigurations.removed.map((name) => `route configuration removed ${name}`),
    ...delta.httpFilters.upserted.map((f) => `http filters upserted ${f.listener}`),
    ...delta.httpFilters.removed.map((listener) => `http filters removed ${listener}`),
    ...change.diagnostics.map((d) => `${d.severity} ${d.path}: ${d.message}`),
    ...delta.diagnostics.map((d) => `${d.severity} ${d.route ?? d.listener ?? d.path}: ${d.message}`),
  ];
}

export function startController(options: ControllerOptions): Controller {
  const { kubeConfig, controllerName } = options;
  const resources = options.resources ?? DEFAULT_RESOURCES;
  const logger = options.logger ?? { info: (m: string) => console.log(m), error: (m: string) => console.error(m) };
  const debounceMs = options.debounceMs ?? 10;
  const retryMs = options.retryMs ?? 2000;
  const now = options.now ?? (() => new Date());

  const resolver = createResolver({ controllerName });
  const emitter = createEnvoyEmitter();
  const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const coreLists: Record<string, (fieldSelector?: string) => Promise<KubernetesListObject<KubernetesObject>>> = {
    namespaces: (fieldSelector) => core.listNamespace({ fieldSelector }),
    configmaps: (fieldSelector) => core.listConfigMapForAllNamespaces({ fieldSelector }),
    secrets: (fieldSelector) => core.listSecretForAllNamespaces({ fieldSelector }),
    services: (fieldSelector) => core.listServiceForAllNamespaces({ fieldSelector }),
  };

  let queue: WatchEvent[] = [];
  /** Policies whose stored object changed (or whose patch failed): their status is checked at the next flush. */
  let touched = new Set<string>();
  /** The last status the resolver gave each listed policy. */
  const desired = new Map<string, PolicyResult>();
  const timers = new Set<NodeJS.Timeout>();
  let debounce: NodeJS.Timeout | undefined;
  let synced = false;
  let stopped = false;
  let flushing: Promise<void> = Promise.resolve();

  const later = (ms: number, fn: () => void): void => {
    if (stopped) return;
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, ms);
    timers.add(t);
  };

  const flushNow = (): Promise<void> => {
    if (debounce) clearTimeout(debounce);
    debounce = undefined;
    flushing = flushing.then(flush);
    return flushing;
  };

  const schedule = (): void => {
    if (!synced || stopped || debounce) return;
    debounce = setTimeout(() => void flushNow(), debounceMs);
  };

  const enqueue = (type: WatchEvent['type'], resource: WatchedResource, object: KubernetesObject): void => {
    // A list of a built-in kind carries neither on its items: the resolver needs `kind`.
    queue.push({ type, object: { ...object, apiVersion: object.apiVersion ?? apiVersionOf(resource), kind: object.kind ?? resource.kind } });
    if (resource.kind === BTP) touched.add(keyOf(object.metadata?.namespace, object.metadata?.name));
    schedule();
  };

  const informers = resources.map((resource) => {
    const list = (): Promise<KubernetesListObject<KubernetesObject>> => {
      const { group, version, plural, fieldSelector } = resource;
      if (group !== '') return customObjects.listClusterCustomObject({ group, version, plural, fieldSelector });
      const coreList = coreLists[plural];
      if (!coreList) return Promise.reject(new Error(`no list call for core resource ${plural}`));
      return coreList(fieldSelector);
    };
    const informer = new ListWatch(collectionPath(resource), new Watch(kubeConfig), list, false, undefined, resource.fieldSelector);
    informer.on(ADD, (o) => enqueue('ADDED', resource, o));
    informer.on(UPDATE, (o) => enqueue('MODIFIED', resource, o));
    informer.on(DELETE, (o) => enqueue('DELETED', resource, o));
    informer.on(ERROR, (err) => {
      if (stopped) return;
      logger.error(`list/watch ${collectionPath(resource)} failed (${err instanceof Error ? err.message : String(err)}); retrying in ${retryMs} ms`);
      later(retryMs, () => void informer.start());
    });
    return { resource, informer };
  });
  const policies = informers.find((i) => i.resource.kind === BTP)?.informer;
  if (!policies) throw new Error(`resources must include ${BTP}`);

  async function patchStatus(key: string): Promise<void> {
    const result = desired.get(key);
    const { namespace, name } = result?.ref ?? {};
    const stored = result && policies!.get(name!, namespace);
    if (!result || !stored) return; // not listed by resolution, or deleted: nothing to write
    const { ours, others } = storedAncestors(stored, controllerName);
    const ancestors = ourAncestors(result.status, ours, now().toISOString());
    if (sameAncestors(ours, ancestors)) return;
    // A merge patch replaces the whole list, so it carries the other controllers' entries; the
    // resourceVersion makes the server refuse it (409) if they changed since our cache saw them.
    const body = { metadata: { resourceVersion: stored.metadata?.resourceVersion }, status: { ancestors: [...others, ...ancestors] } };
    try {
      await customObjects.patchNamespacedCustomObjectStatus(
        { group: 'gateway.envoyproxy.io', version: 'v1alpha1', plural: 'backendtrafficpolicies', namespace: namespace!, name: name!, body },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      const summary = ancestors.flatMap((a) => a.conditions.map((c) => `${c.type}=${c.status}${c.status === 'True' ? '' : ` (${c.reason})`}`));
      logger.info(`status patched backendtrafficpolicy ${key}: ${summary.join(', ') || 'no ancestors'}`);
    } catch (err) {
      const code = statusCodeOf(err);
      if (code === 404) return; // deleted meanwhile
      // 409: our cache is behind; the watch brings the newer object, which touches the policy again.
      if (code !== 409) logger.error(`status patch of backendtrafficpolicy ${key} failed: ${err instanceof Error ? err.message : String(err)}`);
      later(retryMs, () => {
        touched.add(key);
        schedule();
      });
    }
  }

  async function flush(): Promise<void> {
    if (stopped) return;
    const events = queue;
    const check = touched;
    queue = [];
    touched = new Set();
    if (events.length > 0) {
      const change = resolver.apply(events);
      // The current entries in Resolution order: where an added entry goes is part of the output.
      const delta = emitter.update(change, resolver.resolution().routes);
      for (const line of envoyLogLines(change, delta)) logger.info(line);
      for (const p of change.policies.changed) {
        const key = keyOf(p.ref.namespace, p.ref.name);
        desired.set(key, p);
        check.add(key);
      }
      for (const ref of change.policies.removed) desired.delete(keyOf(ref.namespace, ref.name));
    }
    await Promise.all([...check].map(patchStatus));
  }

  const ready = Promise.all(informers.map(({ informer }) => informer.start())).then(() => {
    synced = true;
    if (options.resyncMs) {
      const every = options.resyncMs;
      const tick = (): void => later(every, () => void controller.resync().finally(tick));
      tick();
    }
    return flushNow();
  });

  const controller: Controller = {
    ready,
    resync() {
      for (const { resource, informer } of informers) for (const o of informer.list()) enqueue('MODIFIED', resource, o);
      return flushNow();
    },
    async stop() {
      stopped = true;
      if (debounce) clearTimeout(debounce);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all(informers.map(({ informer }) => informer.stop()));
      await flushing;
    },
  };
  return controller;
}
