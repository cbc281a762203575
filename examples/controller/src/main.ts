/**
 * Runs the controller against the cluster of the current kubeconfig context.
 *
 *   CONTROLLER_NAME   the controllerName of our status entries (default example.com/btp-controller)
 *   RESYNC_SECONDS    how often to feed the whole cache to the resolver again (default 600; 0: never)
 */
import { KubeConfig } from '@kubernetes/client-node';
import { startController } from './controller.js';

const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const controllerName = process.env.CONTROLLER_NAME ?? 'example.com/btp-controller';
const resyncSeconds = Number(process.env.RESYNC_SECONDS ?? 600);
const stamp = () => new Date().toISOString();

const controller = startController({
  kubeConfig,
  controllerName,
  resyncMs: Number.isFinite(resyncSeconds) ? resyncSeconds * 1000 : 0,
  logger: { info: (m) => console.log(`${stamp()} ${m}`), error: (m) => console.error(`${stamp()} ${m}`) },
});
console.log(`${stamp()} watching ${kubeConfig.getCurrentCluster()?.server ?? '(no cluster)'} as ${controllerName}`);
await controller.ready;
console.log(`${stamp()} synced`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void controller.stop().then(() => process.exit(0)));
}
