import { execFileSync } from 'node:child_process';

/** Every name (namespace, bridge, veth) a test network makes starts with this and its creator's pid. */
const PREFIX = 'omtso';

/** `ip` from iproute2: /usr/sbin is not on every PATH a test runs with. */
const IP = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip'].find((path) => {
  try {
    execFileSync(path, ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/** The path of `ip`, to run a command in a namespace (`ip netns exec <ns> ...`). */
export function ipCommand(): string {
  if (!IP) throw new Error('iproute2 (`ip`) is not installed');
  return IP;
}

function ip(...args: string[]): string {
  return execFileSync(ipCommand(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Why this machine cannot make test networks (not root, no iproute2, no network namespaces), or
 * undefined when it can: a namespace is made and deleted to find out.
 */
export function namespaceSupportProblem(): string | undefined {
  if (process.getuid?.() !== 0) return `network namespaces need root (running as uid ${process.getuid?.()})`;
  if (!IP) return 'iproute2 (`ip`) is not installed (looked in /usr/sbin, /sbin, /usr/bin)';
  const probe = `${PREFIX}${process.pid}-probe`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return undefined;
  } catch (error) {
    return `\`ip netns add\` failed: ${String((error as { stderr?: string }).stderr ?? error).trim()}`;
  }
}

/**
 * Deletes what test networks of processes no longer running left behind (their namespaces, the
 * processes still inside them, their bridges): a test killed before its afterAll leaves them.
 * Networks of a test still running (another run beside this one) are left alone.
 */
export function deleteLeftoverNetworks(): string[] {
  const creator = (name: string) => Number(new RegExp(`^${PREFIX}(\\d+)`).exec(name)?.[1] ?? NaN);
  const deleted: string[] = [];
  const namespaces = ip('netns', 'list').split('\n').map((line) => line.split(' ')[0]!).filter((name) => name.startsWith(PREFIX));
  for (const ns of namespaces.filter((name) => !isRunning(creator(name)))) {
    for (const pid of ip('netns', 'pids', ns).split('\n').filter(Boolean).map(Number)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    ip('netns', 'del', ns);
    deleted.push(ns);
  }
  const links = ip('-o', 'link', 'show').split('\n').map((line) => /^\d+: ([^:@]+)/.exec(line)?.[1]).filter((name): name is string => name?.startsWith(PREFIX) === true);
  for (const link of links.filter((name) => !isRunning(creator(name)))) {
    try {
      ip('link', 'del', link);
      deleted.push(link);
    } catch {
      // a veth goes with its peer's namespace
    }
  }
  return deleted;
}

/** The IPv4 networks (address, prefix length) this machine's root namespace has addresses or routes in. */
function usedNetworks(): Array<[number, number]> {
  const toInt = (dotted: string) => dotted.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const cidrs = [...ip('-4', '-o', 'addr', 'show').matchAll(/inet (\d+\.\d+\.\d+\.\d+)\/(\d+)/g), ...ip('-4', 'route', 'show', 'table', 'all').matchAll(/^(?:\S+ )?(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?/gm)];
  return cidrs.map((m) => [toInt(m[1]!), Number(m[2] ?? 32)]);
}

function overlaps([a, aBits]: [number, number], [b, bBits]: [number, number]): boolean {
  const bits = Math.min(aBits, bBits);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

/** A /24 under 10.213.0.0/16 that no address or route of this machine touches, other than those in `skip`. */
function freeSubnet(skip: ReadonlySet<string>): string {
  const used = usedNetworks();
  for (let i = 0; i < 256; i += 1) {
    const third = (process.pid + i) % 256;
    const candidate: [number, number] = [((10 * 256 + 213) * 256 + third) * 256, 24];
    if (!skip.has(`10.213.${third}`) && !used.some((network) => overlaps(network, candidate))) return `10.213.${third}`;
  }
  throw new Error('no free /24 under 10.213.0.0/16 for the test network');
}

/** Devices other than `own` with an IPv4 address in `subnet` (x.y.z). */
function othersIn(subnet: string, own: string): string[] {
  return ip('-4', '-o', 'addr', 'show')
    .split('\n')
    .map((line) => /^\d+: (\S+)\s+inet (\d+\.\d+\.\d+)\./.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[2] === subnet && m[1] !== own)
    .map((m) => m[1]!);
}

/**
 * Test hosts, each a network namespace with one address on a private /24, joined by a bridge in
 * the root namespace that holds the network's first address (where the root namespace's services
 * are forwarded: see tcp-forwarder.ts). Each host has its own loopback and its own ports; the
 * root namespace's 127.0.0.1 is not reachable from a host.
 */
export class NamespaceNetwork {
  private readonly bridge = `${PREFIX}${process.pid}`;
  private readonly hosts = new Map<string, { ns: string; veth: string; address: string }>();
  private subnet = '';

  /** The root namespace's address on the network (the bridge's). */
  get gateway(): string {
    return `${this.subnet}.1`;
  }

  /** Makes the bridge and one namespace per name (names of up to 3 characters: they end interface names). */
  static create(names: readonly string[]): NamespaceNetwork {
    const network = new NamespaceNetwork();
    try {
      ip('link', 'add', network.bridge, 'type', 'bridge');
      network.claimSubnet();
      ip('link', 'set', network.bridge, 'up');
      names.forEach((name, i) => network.addHost(name, `${network.subnet}.${i + 2}`));
    } catch (error) {
      network.delete();
      throw error;
    }
    return network;
  }

  /**
   * Gives the bridge the first address of a free /24. Another test network made at the same
   * moment may have picked the same one: the one that then sees the other's address moves on.
   */
  private claimSubnet(): void {
    const tried = new Set<string>();
    for (;;) {
      this.subnet = freeSubnet(tried);
      tried.add(this.subnet);
      ip('addr', 'add', `${this.gateway}/24`, 'dev', this.bridge);
      if (othersIn(this.subnet, this.bridge).length === 0) return;
      ip('addr', 'del', `${this.gateway}/24`, 'dev', this.bridge);
    }
  }

  private addHost(name: string, address: string): void {
    if (!/^[a-z0-9]{1,3}$/.test(name)) throw new Error(`host name "${name}": 1 to 3 lowercase letters or digits`);
    const ns = `${PREFIX}${process.pid}-${name}`;
    const veth = `${PREFIX}${process.pid}${name}`;
    this.hosts.set(name, { ns, veth, address });
    ip('netns', 'add', ns);
    ip('link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
    ip('link', 'set', veth, 'master', this.bridge, 'up');
    ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
    ip('-n', ns, 'link', 'set', 'eth0', 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  }

  private host(name: string) {
    const host = this.hosts.get(name);
    if (!host) throw new Error(`no test host "${name}"`);
    return host;
  }

  /** The namespace of host `name` (for `ip netns exec`). */
  namespaceOf(name: string): string {
    return this.host(name).ns;
  }

  /** The address of host `name`. */
  addressOf(name: string): string {
    return this.host(name).address;
  }

  /** Deletes the namespaces (their veths go with them), the bridge, and kills anything still running in a namespace. */
  delete(): void {
    for (const { ns } of this.hosts.values()) {
      try {
        for (const pid of ip('netns', 'pids', ns).split('\n').filter(Boolean).map(Number)) process.kill(pid, 'SIGKILL');
        ip('netns', 'del', ns);
      } catch {
        // never made, or already gone
      }
    }
    try {
      ip('link', 'del', this.bridge);
    } catch {
      // never made
    }
  }
}
