// The kubeconfig, through @kubernetes/client-node: reading it (a file or the default loading rules),
// choosing a context, listing contexts, and running exec credential plugins as kubectl does. No request
// to a cluster is sent here (cluster/kubeApi.ts sends them).
import type { ChildProcess } from 'node:child_process';
import type { KubeConfig } from '@kubernetes/client-node/dist/config.js' with { 'resolution-mode': 'import' };
import { ApiFault, seconds } from './apiFault';

// Only the kubeconfig module, loaded on first use: importing the package's index would bundle every
// generated API (about 15 MB instead of 1.8 MB with esbuild). The version is pinned exactly in package.json.
type Client = typeof import('@kubernetes/client-node/dist/config.js', { with: { 'resolution-mode': 'import' } });
let clientModule: Promise<Client> | undefined;
const loadClient = (): Promise<Client> => (clientModule ??= import('@kubernetes/client-node/dist/config.js'));

/** A kubeconfig with its context chosen, and that context's API server (no trailing slash). */
export interface Connection {
  kc: KubeConfig;
  context: string;
  server: string;
}

/**
 * Reads a kubeconfig (a file, or the default loading rules: KUBECONFIG, then ~/.kube/config). With no
 * kubeconfig at all the client library invents a `loaded-context` on localhost:8080: that is "none".
 */
async function readKubeConfig(kubeconfig: string | undefined): Promise<KubeConfig> {
  const { KubeConfig: KC } = await loadClient();
  const kc = new KC();
  try {
    if (kubeconfig) kc.loadFromFile(kubeconfig);
    else kc.loadFromDefault();
  } catch (e) {
    // js-yaml appends a snippet of the file to its message, which may hold a token: keep the first line only.
    const first = String((e as Error)?.message ?? e).split('\n')[0];
    throw new ApiFault('error', `Cannot read the kubeconfig${kubeconfig ? ` ${kubeconfig}` : ''}: ${first}`);
  }
  if (!kubeconfig && kc.getCurrentContext() === 'loaded-context' && kc.getCurrentCluster()?.server === 'http://localhost:8080') {
    throw new ApiFault('error', 'No kubeconfig found: KUBECONFIG is not set and ~/.kube/config does not exist');
  }
  return kc;
}

/** Reads the kubeconfig and selects the context (the current one when none is given). */
export async function openKubeConfig(kubeconfig: string | undefined, context: string | undefined): Promise<Connection> {
  const kc = await readKubeConfig(kubeconfig);
  if (context !== undefined) {
    if (!kc.getContextObject(context)) {
      const known = kc.getContexts().map((c) => c.name).join(', ') || 'none';
      throw new ApiFault('error', `The kubeconfig has no context "${context}" (contexts: ${known})`);
    }
    kc.setCurrentContext(context);
  }
  const current = kc.getCurrentContext();
  if (!current || !kc.getContextObject(current)) throw new ApiFault('error', 'The kubeconfig has no current context: choose one');
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new ApiFault('error', `The context "${current}" names no known cluster`);
  return { kc, context: current, server: cluster.server.replace(/\/+$/, '') };
}

/** The contexts of a kubeconfig (default loading rules when no path is given) and the current one. */
export async function listContexts(kubeconfigPath?: string): Promise<{
  current: string | undefined;
  contexts: { name: string; cluster: string; user: string; namespace?: string; server?: string }[];
}> {
  const kc = await readKubeConfig(kubeconfigPath);
  const contexts = kc.getContexts().map((c) => {
    const server = kc.getCluster(c.cluster)?.server;
    return { name: c.name, cluster: c.cluster, user: c.user, ...(c.namespace ? { namespace: c.namespace } : {}), ...(server ? { server } : {}) };
  });
  return { current: kc.getCurrentContext() || undefined, contexts };
}

interface ExecCredential {
  status?: { expirationTimestamp?: string };
}
interface ExecAuthenticator {
  tokenCache: Record<string, unknown>;
  execFn: (command: string, args: string[], options: object) => ChildProcess;
  getCredential(user: { name: string }): Promise<ExecCredential | null>;
}

/**
 * Exec credential plugins as kubectl runs them (k8s.io/client-go/plugin/pkg/client/auth/exec/exec.go):
 * credentials are reused until their expirationTimestamp, or, without one, until the server answers
 * 401; a plugin still running after `timeoutMs` is killed. The client library itself re-runs a plugin
 * for every request when no expiry is given, and lets a hung one run forever. Returns the function
 * that forgets the cached credentials. Reaches into @kubernetes/client-node's ExecAuth (pinned exactly).
 */
export function cacheExecCredentials(kc: KubeConfig, timeoutMs: number, log: (message: string) => void): () => void {
  const authenticators = (kc as unknown as { authenticators?: unknown[] }).authenticators ?? [];
  const exec = authenticators.find((a): a is ExecAuthenticator => typeof (a as ExecAuthenticator)?.getCredential === 'function' && typeof (a as ExecAuthenticator)?.execFn === 'function');
  if (!exec) return () => undefined;
  const cache = new Map<string, ExecCredential>();
  const original = exec.getCredential.bind(exec);
  const spawn = exec.execFn;
  exec.execFn = (command, args, options) => {
    const child = spawn(command, args, options);
    const timer = setTimeout(() => {
      log(`the exec credential plugin ${command} ran longer than ${seconds(timeoutMs)}: killed`);
      child.kill('SIGKILL');
    }, timeoutMs);
    timer.unref?.();
    child.on('close', () => clearTimeout(timer));
    return child;
  };
  exec.getCredential = async (user) => {
    const cached = cache.get(user.name);
    const expiry = cached?.status?.expirationTimestamp;
    // exec.go credsExpired: now.After(exp), so a credential is still good at the instant it expires.
    if (cached && (!expiry || Date.parse(expiry) >= Date.now())) return cached;
    const credential = await original(user);
    if (credential) cache.set(user.name, credential);
    return credential;
  };
  return () => {
    cache.clear();
    exec.tokenCache = {};
  };
}
