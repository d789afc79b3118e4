/**
 * Real DNS resolvers for the export tests (issue #17): Debian's Unbound and dnsmasq, on loopback
 * ports, with no network. The "internet" is a zone of test records that Unbound serves as a local
 * copy of the root (`auth-zone` for "."), so a resolver without Cordon's policy answers every test
 * name normally: that is the positive control for every NXDOMAIN a policy produces.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollUntil } from './poll.ts';

export const UNBOUND = '/usr/sbin/unbound';
export const DNSMASQ = '/usr/sbin/dnsmasq';

/** What the test "internet" answers: name → IPv4 address. */
export type Records = Readonly<Record<string, string>>;

export interface RunningResolver {
  readonly port: number;
  /** The A record's address, 'NXDOMAIN', or 'NODATA'. */
  lookup(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** A free loopback port, for both UDP and TCP as far as the kernel can tell right now. */
async function freePort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

function resolverAt(port: number): RunningResolver['lookup'] {
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  return async (name) => {
    try {
      const [address] = await resolver.resolve4(name);
      return address ?? 'NODATA';
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOTFOUND') return 'NXDOMAIN';
      if (code === 'ENODATA') return 'NODATA';
      throw error;
    }
  };
}

function rootZone(records: Records): string {
  const lines = ['$TTL 300', '. IN SOA a.root.test. hostmaster.root.test. 1 3600 600 86400 300', '. IN NS a.root.test.', 'a.root.test. IN A 127.0.0.1'];
  for (const [name, address] of Object.entries(records)) lines.push(`${name}. IN A ${address}`);
  return `${lines.join('\n')}\n`;
}

async function started(child: ChildProcess, port: number, probe: string, what: string, output: () => string): Promise<RunningResolver> {
  const lookup = resolverAt(port);
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${what} exited (${String(code)}): ${output()}`))));
  // Ready once the probe name (present in the test records) is answered, however it is answered.
  await Promise.race([pollUntil(() => lookup(probe).catch(() => 'not yet'), (r) => r !== 'not yet', `${what} answering on port ${port}`, { timeout: 20_000 }), exited]);
  exited.catch(() => undefined);
  return {
    port,
    lookup,
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

export interface UnboundOptions {
  readonly records: Records;
  /** An RPZ file (Unbound's `rpz:` clause, zone `rpz.cordon.`). */
  readonly rpz?: string;
  /** Statements for the `server:` clause, included as a file (`include:`). */
  readonly include?: string;
}

export async function startUnbound(options: UnboundOptions): Promise<RunningResolver> {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-unbound-'));
  const port = await freePort();
  writeFileSync(join(dir, 'root.zone'), rootZone(options.records));
  if (options.rpz !== undefined) writeFileSync(join(dir, 'cordon.rpz'), options.rpz);
  if (options.include !== undefined) writeFileSync(join(dir, 'cordon-unbound.conf'), options.include);
  const conf = [
    'server:',
    `  interface: 127.0.0.1@${port}`,
    `  port: ${port}`,
    '  do-ip6: no',
    '  do-daemonize: no',
    '  use-syslog: no',
    '  logfile: ""',
    '  verbosity: 1',
    '  username: ""',
    '  chroot: ""',
    `  directory: "${dir}"`,
    `  pidfile: "${join(dir, 'unbound.pid')}"`,
    '  access-control: 127.0.0.0/8 allow',
    '  do-not-query-localhost: no',
    '  num-threads: 1',
    `  module-config: "${options.rpz === undefined ? 'iterator' : 'respip iterator'}"`,
    ...(options.include === undefined ? [] : [`  include: "${join(dir, 'cordon-unbound.conf')}"`]),
    'remote-control:',
    '  control-enable: no',
    'auth-zone:',
    '  name: "."',
    `  zonefile: "${join(dir, 'root.zone')}"`,
    '  for-downstream: no',
    '  for-upstream: yes',
    '  fallback-enabled: no',
    ...(options.rpz === undefined ? [] : ['rpz:', '  name: "rpz.cordon."', `  zonefile: "${join(dir, 'cordon.rpz')}"`]),
    '',
  ].join('\n');
  const confPath = join(dir, 'unbound.conf');
  writeFileSync(confPath, conf);
  let output = '';
  const child = spawn(UNBOUND, ['-d', '-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return started(child, port, 'a.root.test', 'unbound', () => output);
}

export interface DnsmasqOptions {
  /** The resolver dnsmasq forwards to (a plain Unbound over the test records). */
  readonly upstreamPort: number;
  /** dnsmasq configuration lines (`--conf-file`). */
  readonly conf?: string;
  /** A hosts file (`--addn-hosts`). */
  readonly hosts?: string;
}

export async function startDnsmasq(options: DnsmasqOptions): Promise<RunningResolver> {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-dnsmasq-'));
  const port = await freePort();
  const args = [
    '--keep-in-foreground',
    '--log-facility=-',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    '--no-negcache',
    '--cache-size=0',
    '--user=root',
    `--pid-file=${join(dir, 'dnsmasq.pid')}`,
    `--server=127.0.0.1#${options.upstreamPort}`,
  ];
  if (options.conf !== undefined) {
    writeFileSync(join(dir, 'cordon-dnsmasq.conf'), options.conf);
    args.push(`--conf-file=${join(dir, 'cordon-dnsmasq.conf')}`);
  }
  if (options.hosts !== undefined) {
    writeFileSync(join(dir, 'cordon.hosts'), options.hosts);
    args.push(`--addn-hosts=${join(dir, 'cordon.hosts')}`);
  }
  let output = '';
  const child = spawn(DNSMASQ, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return started(child, port, 'a.root.test', 'dnsmasq', () => output);
}
