// A real kube-apiserver + etcd for the cluster tests (see shared/real-cluster.md): free loopback ports,
// a self-signed CA and server certificate made with openssl, static tokens (an admin and a limited
// user), RBAC, the KubeVirt CRDs, fixtures written with raw HTTPS requests, and one kubeconfig per user.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { repoRoot } from './fixture';

/** The cached binary built by scripts/kube-apiserver.sh (or $KUBE_APISERVER), if any. */
export function findApiServerBinary(): string | undefined {
  if (process.env.KUBE_APISERVER) return fs.existsSync(process.env.KUBE_APISERVER) ? process.env.KUBE_APISERVER : undefined;
  const cache = process.env.KUBE_APISERVER_CACHE ?? path.join(repoRoot, '.cache', 'kube-apiserver');
  if (!fs.existsSync(cache)) return undefined;
  const found = fs.readdirSync(cache).sort().reverse().map((v) => path.join(cache, v, 'kube-apiserver')).find((p) => fs.existsSync(p));
  return found;
}

/** Why the real-cluster tests cannot run here, or undefined when they can. */
export function apiServerMissing(): string | undefined {
  if (!findApiServerBinary()) return 'no cached kube-apiserver: run `bash scripts/kube-apiserver.sh` first';
  if (!which('etcd')) return 'etcd is not installed: run `bash scripts/kube-apiserver.sh` (it installs etcd-server)';
  if (!which('openssl')) return 'openssl is not installed';
  return undefined;
}

function which(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
}

/** `count` distinct free TCP ports on 127.0.0.1 (all held open until each is known, so none repeats). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}

export interface Certificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
  /** A client certificate signed by the CA (CN and O given to makeCertificates). */
  clientCert: string;
  clientKey: string;
  /** Paths of the same, in `dir`. */
  files: Record<'caCert' | 'caKey' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string>;
}

/**
 * Makes a CA, a server certificate for 127.0.0.1/localhost and a client certificate, with openssl. RSA 2048
 * keys by default; `ec` (P-256) keys take milliseconds instead of seconds, for unit tests that start a server
 * in every process (the mutation runs start one per mutant).
 */
export function makeCertificates(dir: string, client = { cn: 'cert-admin', o: 'system:masters' }, keys: 'rsa' | 'ec' = 'rsa'): Certificates {
  const f = (n: string) => path.join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const newkey = keys === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
  ssl('req', '-x509', ...newkey, '-nodes', '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '2', '-subj', '/CN=test-ca');
  fs.writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  ssl('req', ...newkey, '-nodes', '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1');
  ssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.crt'), '-days', '2', '-extfile', f('server.ext'));
  fs.writeFileSync(f('client.ext'), 'extendedKeyUsage=clientAuth\n');
  ssl('req', ...newkey, '-nodes', '-keyout', f('client.key'), '-out', f('client.csr'), '-subj', `/O=${client.o}/CN=${client.cn}`);
  ssl('x509', '-req', '-in', f('client.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('client.crt'), '-days', '2', '-extfile', f('client.ext'));
  const read = (n: string) => fs.readFileSync(f(n), 'utf8');
  return {
    caCert: read('ca.crt'), serverCert: read('server.crt'), serverKey: read('server.key'), clientCert: read('client.crt'), clientKey: read('client.key'),
    files: { caCert: f('ca.crt'), caKey: f('ca.key'), serverCert: f('server.crt'), serverKey: f('server.key'), clientCert: f('client.crt'), clientKey: f('client.key') },
  };
}

/** A user entry of a kubeconfig (token, client certificate or exec plugin). */
export type KubeUser = { token: string } | { clientCert: string; clientKey: string } | { exec: { command: string; args: string[] } };

/** Writes a kubeconfig with one context per user entry; the first is current. */
export function writeKubeconfig(file: string, server: string, caCert: string, users: Record<string, KubeUser>): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const names = Object.keys(users);
  const userYaml = names.map((n) => {
    const u = users[n];
    const body = 'token' in u ? `    token: ${u.token}`
      : 'clientCert' in u ? `    client-certificate-data: ${b64(u.clientCert)}\n    client-key-data: ${b64(u.clientKey)}`
        : `    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: ${JSON.stringify(u.exec.command)}\n      args: ${JSON.stringify(u.exec.args)}`;
    return `- name: ${n}\n  user:\n${body}`;
  }).join('\n');
  const text = `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: ${server}
    certificate-authority-data: ${b64(caCert)}
contexts:
${names.map((n) => `- name: ${n}\n  context:\n    cluster: test\n    user: ${n}`).join('\n')}
current-context: ${names[0]}
users:
${userYaml}
`;
  fs.writeFileSync(file, text, { mode: 0o600 });
  return file;
}

export interface TestCluster {
  server: string;
  port: number;
  dir: string;
  certs: Certificates;
  adminToken: string;
  limitedToken: string;
  kubeconfig: { admin: string; limited: string; badToken: string; cert: string; exec: string; all: string };
  /** A raw request with the admin token; rejects on a non-2xx answer. A string body is sent verbatim (JSON text). */
  request(method: string, apiPath: string, body?: unknown): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** The fixture counts, for exact assertions. */
export const FIXTURE = {
  namespaces: ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'kubevirt', 'prod', 'dev'],
  vmis: [
    { namespace: 'prod', name: 'db-1', labels: { app: 'db', tier: 'gold' } },
    { namespace: 'prod', name: 'db-2', labels: { app: 'db', tier: 'gold' } },
    { namespace: 'prod', name: 'web-1', labels: { app: 'web' } },
    { namespace: 'dev', name: 'web-1', labels: { app: 'web' } },
    { namespace: 'dev', name: 'scratch', labels: {} },
  ],
  policies: [
    { name: 'gold', spec: { selectors: { namespaceSelector: { env: 'prod' }, virtualMachineInstanceSelector: { tier: 'gold' } }, allowPostCopy: true, bandwidthPerMigration: '64Mi' } },
    { name: 'web', spec: { selectors: { virtualMachineInstanceSelector: { app: 'web' } }, completionTimeoutPerGiB: 100 } },
    { name: 'everything', spec: { selectors: {} } },
    { name: 'no-selectors', spec: { allowAutoConverge: true } },
  ],
  kubevirt: {
    name: 'kubevirt', namespace: 'kubevirt', version: 'v1.9.0', featureGates: ['LiveMigration', 'DecentralizedLiveMigration'],
    migrations: { parallelMigrationsPerCluster: 5, bandwidthPerMigration: '0', allowPostCopy: false },
  },
};

const preserve = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
function crd(group: string, version: string, kind: string, plural: string, scope: 'Namespaced' | 'Cluster') {
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group, scope, names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      versions: [{ name: version, served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', properties: { spec: preserve, status: preserve } } } }],
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts etcd and kube-apiserver, loads CRDs and fixtures. Call stop() when done. */
export async function startTestCluster(): Promise<TestCluster> {
  const binary = findApiServerBinary();
  if (!binary) throw new Error('no kube-apiserver binary: run scripts/kube-apiserver.sh');
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, 'mp-kube-'));
  const procs: ChildProcess[] = [];
  const logs: string[] = [];
  const stop = async () => {
    for (const p of procs.reverse()) await terminate(p);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const certs = makeCertificates(dir);
    execFileSync('openssl', ['genrsa', '-out', path.join(dir, 'sa.key'), '2048'], { stdio: 'ignore' });
    const adminToken = randomBytes(16).toString('hex');
    const limitedToken = randomBytes(16).toString('hex');
    fs.writeFileSync(path.join(dir, 'tokens.csv'), `${adminToken},admin,1,"system:masters"\n${limitedToken},limited,2\n`, { mode: 0o600 });
    const [etcdPort, peerPort, port] = await freePorts(3);
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    procs.push(launch('etcd', [
      '--name', 'test', '--data-dir', path.join(dir, 'etcd'), '--listen-client-urls', etcdUrl, '--advertise-client-urls', etcdUrl,
      '--listen-peer-urls', `http://127.0.0.1:${peerPort}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peerPort}`,
      '--initial-cluster', `test=http://127.0.0.1:${peerPort}`, '--log-level', 'error', '--logger', 'zap',
    ], logs));
    procs.push(launch(binary, [
      `--etcd-servers=${etcdUrl}`, '--bind-address=127.0.0.1', `--secure-port=${port}`,
      `--tls-cert-file=${certs.files.serverCert}`, `--tls-private-key-file=${certs.files.serverKey}`, `--client-ca-file=${certs.files.caCert}`,
      `--token-auth-file=${path.join(dir, 'tokens.csv')}`, `--service-account-key-file=${path.join(dir, 'sa.key')}`,
      `--service-account-signing-key-file=${path.join(dir, 'sa.key')}`, '--service-account-issuer=https://kubernetes.default.svc',
      '--service-cluster-ip-range=10.0.0.0/24', '--authorization-mode=RBAC', '--disable-admission-plugins=ServiceAccount',
      '--endpoint-reconciler-type=none', '--v=0', `--cert-dir=${path.join(dir, 'certs')}`,
    ], logs));
    const server = `https://127.0.0.1:${port}`;
    const request = (method: string, apiPath: string, body?: unknown, token = adminToken) => rawRequest(server, certs.caCert, token, method, apiPath, body);

    const deadline = Date.now() + 60_000;
    for (;;) {
      if (procs.some((p) => p.exitCode !== null)) throw new Error(`etcd or kube-apiserver exited:\n${logs.join('').slice(-3000)}`);
      try {
        await request('GET', '/readyz');
        break;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`kube-apiserver not ready in 60 s: ${(e as Error).message}\n${logs.join('').slice(-3000)}`);
        await sleep(250);
      }
    }

    for (const c of [
      crd('kubevirt.io', 'v1', 'VirtualMachineInstance', 'virtualmachineinstances', 'Namespaced'),
      crd('migrations.kubevirt.io', 'v1alpha1', 'MigrationPolicy', 'migrationpolicies', 'Cluster'),
      crd('kubevirt.io', 'v1', 'KubeVirt', 'kubevirts', 'Namespaced'),
    ]) await request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', c);
    for (const p of ['/apis/kubevirt.io/v1/virtualmachineinstances', '/apis/migrations.kubevirt.io/v1alpha1/migrationpolicies', '/apis/kubevirt.io/v1/kubevirts']) {
      for (let i = 0; ; i++) {
        try {
          await request('GET', p);
          break;
        } catch (e) {
          if (i > 100) throw e;
          await sleep(100);
        }
      }
    }

    await request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'namespace-reader' },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }],
    });
    await request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'limited-namespace-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'namespace-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'limited' }],
    });

    // 1.20 does not label namespaces with kubernetes.io/metadata.name (1.21+ does): label them all here.
    const nsLabels: Record<string, Record<string, string>> = { prod: { env: 'prod' }, dev: { env: 'dev' }, kubevirt: {} };
    for (const [name, labels] of Object.entries(nsLabels)) {
      await request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    }
    for (const name of FIXTURE.namespaces) {
      for (let i = 0; ; i++) {
        try {
          await request('PATCH', `/api/v1/namespaces/${name}`, { metadata: { labels: { 'kubernetes.io/metadata.name': name } } });
          break;
        } catch (e) {
          if (i > 50) throw e;
          await sleep(100);
        }
      }
    }
    for (const v of FIXTURE.vmis) {
      await request('POST', `/apis/kubevirt.io/v1/namespaces/${v.namespace}/virtualmachineinstances`, {
        apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: v.name, labels: v.labels },
        spec: { domain: { memory: { guest: '1Gi' }, devices: {} } },
      });
    }
    for (const p of FIXTURE.policies) {
      await request('POST', '/apis/migrations.kubevirt.io/v1alpha1/migrationpolicies', { apiVersion: 'migrations.kubevirt.io/v1alpha1', kind: 'MigrationPolicy', metadata: { name: p.name }, spec: p.spec });
    }
    const kv = FIXTURE.kubevirt;
    const created = await request('POST', `/apis/kubevirt.io/v1/namespaces/${kv.namespace}/kubevirts`, {
      apiVersion: 'kubevirt.io/v1', kind: 'KubeVirt', metadata: { name: kv.name },
      spec: { configuration: { developerConfiguration: { featureGates: kv.featureGates }, migrations: kv.migrations } },
    });
    await request('PUT', `/apis/kubevirt.io/v1/namespaces/${kv.namespace}/kubevirts/${kv.name}/status`, { ...created, status: { observedKubeVirtVersion: kv.version, phase: 'Deployed' } });

    const execScript = path.join(dir, 'exec-credential.js');
    fs.writeFileSync(execScript, `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: ${JSON.stringify(adminToken)} } }));\n`);
    const kc = (name: string, users: Record<string, KubeUser>) => writeKubeconfig(path.join(dir, `${name}.kubeconfig`), server, certs.caCert, users);
    const execUser = { exec: { command: process.execPath, args: [execScript] } };
    const certUser = { clientCert: certs.clientCert, clientKey: certs.clientKey };
    return {
      server, port, dir, certs, adminToken, limitedToken,
      kubeconfig: {
        admin: kc('admin', { admin: { token: adminToken } }),
        limited: kc('limited', { limited: { token: limitedToken } }),
        badToken: kc('bad', { bad: { token: randomBytes(16).toString('hex') } }),
        cert: kc('cert', { cert: certUser }),
        exec: kc('exec', { exec: execUser }),
        all: kc('all', { admin: { token: adminToken }, limited: { token: limitedToken }, cert: certUser, exec: execUser }),
      },
      request: (m, p, b) => request(m, p, b),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

function launch(cmd: string, args: string[], logs: string[]): ChildProcess {
  const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (d: Buffer) => {
    logs.push(d.toString());
    if (logs.length > 400) logs.splice(0, logs.length - 200);
  };
  p.stdout?.on('data', keep);
  p.stderr?.on('data', keep);
  p.on('error', (e) => logs.push(`${cmd}: ${e.message}\n`));
  return p;
}

async function terminate(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((r) => p.once('exit', () => r()));
  p.kill('SIGTERM');
  const t = setTimeout(() => p.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(t);
}

function rawRequest(server: string, ca: string, token: string, method: string, apiPath: string, body?: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    // A string body is sent as it is: JSON text whose large integers must reach the server unrounded.
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const contentType = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
    const req = https.request(server + apiPath, {
      method, ca, timeout: 10_000,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(data ? { 'Content-Type': contentType } : {}) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        if ((res.statusCode ?? 0) >= 300) return reject(new Error(`${method} ${apiPath}: ${res.statusCode} ${text.slice(0, 500)}`));
        try {
          resolve(text.trim().startsWith('{') ? JSON.parse(text) : {});
        } catch (e) {
          reject(e);
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${apiPath}: timeout`)));
    req.on('error', reject);
    req.end(data);
  });
}
