#!/usr/bin/env node
/**
 * `npm run conformance:fetch`: downloads the conformance data at the commits pinned in
 * `sources.json` and lays it out as the tests read it (README, Contributing):
 *
 *   <dest>/envoy-gateway/         from envoyproxy/gateway
 *     crd/                        charts/gateway-helm/charts/crds/crds/generated/ (the BackendTrafficPolicy CRD)
 *     gatewayapi/                 internal/gatewayapi/testdata/ (every case whose input has backendTrafficPolicies)
 *     ratelimit-config/in, out    internal/xds/translator/testdata/{in,out}/ratelimit-config/
 *     xds/in, xds/out             internal/xds/translator/testdata/{in,out}/xds-ir/ (the cases of sources.json)
 *   <dest>/envoyproxy-ratelimit/  from envoyproxy/ratelimit
 *     rls_conf.proto              api/ratelimit/config/ratelimit/v3/rls_conf.proto
 *     config-tests/               test/config/ (its YAML configurations and config_test.go)
 *
 * each with the project's LICENSE and a SOURCE_COMMIT file. <dest> is BTP_CONFORMANCE_DIR, or
 * ../shared/conformance beside the repo (where the tests look by default); it is never inside
 * the repo unless you point it there, and is not committed.
 *
 * Options: --dest <dir>; --archive <name>=<file.tar.gz> to use an archive downloaded elsewhere
 * (https://codeload.github.com/<repository>/tar.gz/<commit>) on a machine that is offline;
 * --force to replace data already there.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const sources = JSON.parse(readFileSync(path.join(here, 'sources.json'), 'utf8'));

class FetchError extends Error {}

/** Which upstream files go where, per source: `(upstream checkout, staging folder) → void`. */
const LAYOUTS = {
  'envoy-gateway': (src, out, { xdsCases }) => {
    copy(src, 'LICENSE', out, 'LICENSE');
    const crd = 'gateway.envoyproxy.io_backendtrafficpolicies.yaml';
    copy(src, `charts/gateway-helm/charts/crds/crds/generated/${crd}`, out, `crd/${crd}`);

    const gatewayapi = 'internal/gatewayapi/testdata';
    const cases = list(src, gatewayapi)
      .filter((f) => f.endsWith('.in.yaml'))
      .filter((f) => /^backendTrafficPolicies:/m.test(readFileSync(path.join(src, gatewayapi, f), 'utf8')));
    if (cases.length === 0) throw new FetchError(`no case of ${gatewayapi} has backendTrafficPolicies`);
    for (const input of cases) {
      copy(src, `${gatewayapi}/${input}`, out, `gatewayapi/${input}`);
      const output = input.replace(/\.in\.yaml$/, '.out.yaml');
      copy(src, `${gatewayapi}/${output}`, out, `gatewayapi/${output}`);
    }

    const translator = 'internal/xds/translator/testdata';
    for (const side of ['in', 'out']) {
      for (const f of list(src, `${translator}/${side}/ratelimit-config`)) copy(src, `${translator}/${side}/ratelimit-config/${f}`, out, `ratelimit-config/${side}/${f}`);
    }
    for (const name of xdsCases) {
      copy(src, `${translator}/in/xds-ir/${name}.yaml`, out, `xds/in/${name}.yaml`);
      for (const kind of ['clusters', 'endpoints', 'listeners', 'routes']) copy(src, `${translator}/out/xds-ir/${name}.${kind}.yaml`, out, `xds/out/${name}.${kind}.yaml`);
    }
  },
  'envoyproxy-ratelimit': (src, out) => {
    copy(src, 'LICENSE', out, 'LICENSE');
    copy(src, 'api/ratelimit/config/ratelimit/v3/rls_conf.proto', out, 'rls_conf.proto');
    const tests = 'test/config';
    const files = list(src, tests).filter((f) => f.endsWith('.yaml') || f === 'config_test.go');
    if (!files.includes('config_test.go')) throw new FetchError(`${tests}/config_test.go is missing`);
    for (const f of files) copy(src, `${tests}/${f}`, out, `config-tests/${f}`);
  },
};

function list(root, dir) {
  const full = path.join(root, dir);
  if (!existsSync(full)) throw new FetchError(`${dir}/ is missing`);
  return readdirSync(full).sort();
}

function copy(srcRoot, from, outRoot, to) {
  const source = path.join(srcRoot, from);
  if (!existsSync(source)) throw new FetchError(`${from} is missing`);
  mkdirSync(path.dirname(path.join(outRoot, to)), { recursive: true });
  cpSync(source, path.join(outRoot, to));
}

async function download(url, file) {
  let response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  } catch (err) {
    const cause = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(err);
    throw new FetchError(
      `cannot download ${url} (${cause}): this machine may be offline. Download the archive elsewhere and pass it with --archive (see --help), ` +
        'or copy an existing conformance folder and set BTP_CONFORMANCE_DIR to it',
    );
  }
  if (!response.ok) throw new FetchError(`cannot download ${url}: HTTP ${response.status} ${response.statusText}`);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
}

/** Unpacks a GitHub archive into `dir` and returns its top folder (`<repo>-<commit>`), checking the commit. */
function unpack(archive, dir, { repository, commit }) {
  const tar = spawnSync('tar', ['-xzf', archive, '-C', dir], { encoding: 'utf8' });
  if (tar.error || tar.status !== 0) throw new FetchError(`cannot unpack ${archive}: ${tar.error?.message ?? tar.stderr.trim()}`);
  const top = readdirSync(dir);
  const expected = `${repository.split('/')[1]}-${commit}`;
  if (top.length !== 1 || top[0] !== expected) {
    throw new FetchError(`${archive} is not ${repository} at ${commit}: it holds ${top.join(', ') || 'nothing'}, not ${expected}/`);
  }
  return path.join(dir, expected);
}

async function main() {
  const { values } = parseArgs({
    options: { dest: { type: 'string' }, archive: { type: 'string', multiple: true }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('Usage: npm run conformance:fetch [-- --dest <dir>] [--archive <envoy-gateway|envoyproxy-ratelimit>=<file.tar.gz>] [--force]');
    return;
  }
  const dest = path.resolve(repoRoot, values.dest ?? (process.env.BTP_CONFORMANCE_DIR || path.join('..', 'shared', 'conformance')));
  const archives = {};
  for (const a of values.archive ?? []) {
    const [name, file] = a.split(/=(.*)/s);
    if (!LAYOUTS[name] || !file) throw new FetchError(`--archive takes <name>=<file>, name one of ${Object.keys(LAYOUTS).join(', ')}`);
    archives[name] = path.resolve(file);
  }
  const names = Object.keys(LAYOUTS);
  const present = names.filter((name) => existsSync(path.join(dest, name)));
  if (present.length > 0 && !values.force) {
    throw new FetchError(`${present.map((n) => path.join(dest, n)).join(' and ')} already there: pass --force to replace`);
  }

  mkdirSync(dest, { recursive: true });
  // Staged beside the data (same file system, so each folder moves into place in one rename).
  const work = mkdtempSync(path.join(dest, '.fetch-'));
  try {
    // Everything is fetched and laid out before anything in <dest> is replaced.
    const staged = [];
    for (const name of names) {
      const source = sources[name];
      const url = `https://codeload.github.com/${source.repository}/tar.gz/${source.commit}`;
      let archive = archives[name];
      if (!archive) {
        archive = path.join(work, `${name}.tar.gz`);
        console.log(`${name}: downloading ${url}`);
        await download(url, archive);
      }
      const unpacked = path.join(work, `${name}-src`);
      mkdirSync(unpacked);
      const src = unpack(archive, unpacked, source);
      const out = path.join(work, name);
      try {
        LAYOUTS[name](src, out, source);
      } catch (err) {
        if (err instanceof FetchError) throw new FetchError(`${source.repository} at ${source.commit}: ${err.message} (has the upstream layout changed?)`);
        throw err;
      }
      writeFileSync(path.join(out, 'SOURCE_COMMIT'), `${source.commit}\n`);
      staged.push(name);
    }
    for (const name of staged) {
      const target = path.join(dest, name);
      rmSync(target, { recursive: true, force: true });
      renameSync(path.join(work, name), target);
      console.log(`${name}: ${sources[name].repository} at ${sources[name].commit} → ${target}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (path.resolve(dest) !== path.resolve(repoRoot, '..', 'shared', 'conformance')) {
    console.log(`The tests read it with BTP_CONFORMANCE_DIR=${dest}`);
  }
}

main().catch((err) => {
  if (!(err instanceof FetchError)) throw err;
  console.error(`conformance:fetch: ${err.message}`);
  process.exitCode = 1;
});
