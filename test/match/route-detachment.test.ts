/**
 * A policy on a route that attaches to no listener says why: the first obstacle on each of the
 * route's parentRefs, in the words of Gateway API attachment.
 */
import { describe, expect, it } from 'vitest';
import { resolvePolicies } from '../../src/index.js';
import { loadFixture } from '../resolve/load-fixture.js';

const resolution = resolvePolicies(loadFixture('routes-attached-nowhere'));
const targetOf = (policy: string) => {
  const attachment = resolution.attachments.find((a) => a.policy.name === policy);
  expect(attachment?.targets).toHaveLength(1);
  return attachment!.targets[0]!;
};

describe('why a targeted route attaches nowhere', () => {
  it('names a parent Gateway that is not in the input (the target is not found)', () => {
    expect(targetOf('p-missing-gw')).toMatchObject({
      result: 'NotFound',
      message: 'HTTPRoute shop/missing-gw attaches to no listener in the input: its parent Gateway infra/nope is not in the input',
    });
  });

  it('names the listener that does not take routes from the route namespace', () => {
    expect(targetOf('p-other-ns')).toMatchObject({
      result: 'Attached',
      message:
        "HTTPRoute shop/other-ns attaches to no listener in the input: listener http of Gateway infra/eg does not take routes from namespace shop (allowedRoutes.namespaces.from: Same, the listener's namespace is infra)",
    });
  });

  it('names the listener that does not take the route kind', () => {
    expect(targetOf('p-wrong-kind').message).toBe('HTTPRoute shop/wrong-kind attaches to no listener in the input: listener tcp of Gateway infra/eg does not take HTTPRoutes');
  });

  it('gives one reason per parentRef: hostnames that do not intersect, a sectionName that names no listener', () => {
    expect(targetOf('p-hosts').message).toBe(
      "HTTPRoute shop/hosts attaches to no listener in the input: the route's hostnames (b.example.com) do not intersect the hostname of listener sel of Gateway infra/eg; Gateway infra/eg has no listener named nope",
    );
  });
});
