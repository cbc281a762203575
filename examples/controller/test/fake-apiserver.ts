/**
 * A small Kubernetes API server for tests, on node:http: list and watch of cluster-wide
 * collections, merge patches of the status subresource, and objects the test adds, changes and
 * deletes (each a watch event). It speaks just enough of the protocol for client-node's informers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { jsonMergePatch } from 'backend-traffic-policy';

interface StoredObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; generation?: number; creationTimestamp?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** A patch the server received. */
export interface RecordedPatch {
  path: string;
  contentType: string | undefined;
  body: { metadata?: { resourceVersion?: string }; status?: { ancestors?: Array<Record<string, any>> } };
}

interface Collection {
  kind: string;
  apiVersion: string;
  objects: Map<string, StoredObject>;
  /** Every event, for watches that start from an older resourceVersion. */
  events: Array<{ rv: number; type: string; object: StoredObject }>;
  watchers: Set<ServerResponse>;
}

/** `/apis/<group>/<version>/<plural>` or `/api/v1/<plural>` of an object. */
function collectionPathOf(apiVersion: string, kind: string): string {
  const lower = kind.toLowerCase();
  const plural = /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`;
  return `${apiVersion.includes('/') ? '/apis' : '/api'}/${apiVersion}/${plural}`;
}

const keyOf = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class FakeApiServer {
  readonly patches: RecordedPatch[] = [];
  readonly requests: string[] = [];
  private readonly collections = new Map<string, Collection>();
  private readonly server = createServer((req, res) => this.handle(req, res));
  private rv = 100;

  /** Collections that exist (empty); a list of any other path answers 404, as for a CRD not installed. */
  constructor(kinds: ReadonlyArray<{ apiVersion: string; kind: string }>) {
    for (const { apiVersion, kind } of kinds) this.collectionFor(apiVersion, kind);
  }

  async start(): Promise<KubeConfig> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    const kc = new KubeConfig();
    // client-node refuses plain HTTP unless skipTLSVerify is set.
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
      users: [{ name: 'test' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'test' }],
      currentContext: 'fake',
    });
    return kc;
  }

  async stop(): Promise<void> {
    for (const c of this.collections.values()) for (const w of c.watchers) w.end();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adds or replaces an object (spec changes bump `generation`), as `kubectl apply` would. */
  apply(object: StoredObject): StoredObject {
    const c = this.collectionFor(object.apiVersion, object.kind);
    const old = c.objects.get(keyOf(object));
    const stored = clone(object);
    stored.metadata.resourceVersion = String(++this.rv);
    stored.metadata.generation = old ? (old.metadata.generation ?? 1) + (JSON.stringify(old.spec) === JSON.stringify(stored.spec) ? 0 : 1) : 1;
    stored.metadata.creationTimestamp ??= old?.metadata.creationTimestamp ?? new Date(Date.UTC(2025, 0, 1, 0, 0, this.rv)).toISOString();
    if (old && stored.status === undefined && old.status !== undefined) stored.status = old.status; // the main resource does not write status
    this.store(c, old ? 'MODIFIED' : 'ADDED', stored);
    return clone(stored);
  }

  delete(apiVersion: string, kind: string, namespace: string | undefined, name: string): void {
    const c = this.collectionFor(apiVersion, kind);
    const old = c.objects.get(`${namespace ?? ''}/${name}`);
    if (!old) return;
    c.objects.delete(keyOf(old));
    const gone = { ...clone(old), metadata: { ...old.metadata, resourceVersion: String(++this.rv) } };
    this.emit(c, 'DELETED', gone);
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): StoredObject | undefined {
    const o = this.collectionFor(apiVersion, kind).objects.get(`${namespace ?? ''}/${name}`);
    return o && clone(o);
  }

  /**
   * Ends every watch with a 410 Gone event, as an API server does when a watch's resourceVersion
   * is too old: the informers list everything again.
   */
  expireWatches(): void {
    for (const c of this.collections.values()) {
      for (const w of c.watchers) {
        w.end(JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410, message: 'too old resource version' } }) + '\n');
      }
      c.watchers.clear();
    }
  }

  /** Open watch connections. */
  watchCount(): number {
    return [...this.collections.values()].reduce((n, c) => n + c.watchers.size, 0);
  }

  private collectionFor(apiVersion: string, kind: string): Collection {
    const path = collectionPathOf(apiVersion, kind);
    let c = this.collections.get(path);
    if (!c) {
      c = { kind, apiVersion, objects: new Map(), events: [], watchers: new Set() };
      this.collections.set(path, c);
    }
    return c;
  }

  private store(c: Collection, type: string, object: StoredObject): void {
    c.objects.set(keyOf(object), object);
    this.emit(c, type, object);
  }

  private emit(c: Collection, type: string, object: StoredObject): void {
    c.events.push({ rv: Number(object.metadata.resourceVersion), type, object: clone(object) });
    for (const w of c.watchers) w.write(JSON.stringify({ type, object }) + '\n');
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const status = /^(\/apis\/[^/]+\/[^/]+)\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)\/status$/.exec(url.pathname);
    if (req.method === 'PATCH' && status) {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => this.patchStatus(`${status[1]}/${status[3]}`, `${status[2]}/${status[4]}`, url.pathname, req.headers['content-type'], text, res));
      return;
    }
    const c = req.method === 'GET' ? this.collections.get(url.pathname) : undefined;
    if (!c) return this.reply(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `the server could not find the requested resource (${req.method} ${url.pathname})` });
    const selector = url.searchParams.get('fieldSelector');
    const matches = (o: StoredObject) => !selector || selector.split(',').every((term) => {
      const [field, value] = term.split('=');
      return field === 'type' ? o.type === value : true;
    });
    if (url.searchParams.get('watch') !== 'true') {
      // Like the API server, items of a built-in kind's list carry no kind or apiVersion.
      const builtIn = !c.apiVersion.includes('/');
      const items = [...c.objects.values()].filter(matches).map(({ kind, apiVersion, ...rest }) => clone(builtIn ? rest : { kind, apiVersion, ...rest }));
      return this.reply(res, 200, { kind: `${c.kind}List`, apiVersion: c.apiVersion, metadata: { resourceVersion: String(this.rv) }, items });
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    const since = Number(url.searchParams.get('resourceVersion') ?? 0);
    for (const e of c.events) if (e.rv > since && matches(e.object)) res.write(JSON.stringify({ type: e.type, object: e.object }) + '\n');
    c.watchers.add(res);
    res.on('close', () => c.watchers.delete(res));
  }

  private patchStatus(path: string, key: string, fullPath: string, contentType: string | undefined, text: string, res: ServerResponse): void {
    const c = this.collections.get(path);
    const old = c?.objects.get(key);
    if (!c || !old) return this.reply(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
    const body = JSON.parse(text) as RecordedPatch['body'];
    this.patches.push({ path: fullPath, contentType, body });
    if (contentType !== 'application/merge-patch+json') return this.reply(res, 415, { kind: 'Status', code: 415 });
    const want = body.metadata?.resourceVersion;
    if (want !== undefined && want !== old.metadata.resourceVersion) {
      return this.reply(res, 409, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Conflict', code: 409, message: 'the object has been modified' });
    }
    // The status subresource takes only `status` from the patch.
    const next = { ...old, status: jsonMergePatch(old.status ?? {}, body.status ?? {}) } as StoredObject;
    next.metadata = { ...old.metadata, resourceVersion: String(++this.rv) };
    this.store(c, 'MODIFIED', next);
    this.reply(res, 200, next);
  }

  private reply(res: ServerResponse, code: number, body: unknown): void {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
