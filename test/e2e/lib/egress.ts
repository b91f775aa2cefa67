// Egress audit: read `strace -e trace=connect` output and flag anything that is not loopback.

/** "AF_INET 10.0.0.1:53" style entries, one per distinct address a traced process connected to. */
export function parseConnects(trace: string): string[] {
  const seen = new Set<string>();
  for (const line of trace.split('\n')) {
    if (!line.includes('connect(')) continue;
    const v4 = /sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)/.exec(line);
    if (v4) seen.add(`AF_INET ${v4[2]}:${v4[1]}`);
    const v6 = /sa_family=AF_INET6, sin6_port=htons\((\d+)\).*?inet_pton\(AF_INET6, "([^"]+)"/.exec(line);
    if (v6) seen.add(`AF_INET6 [${v6[2]}]:${v6[1]}`);
  }
  return [...seen];
}

/** The entries that left loopback (127.0.0.0/8, ::1, v4-mapped loopback). */
export function nonLoopback(connects: readonly string[]): string[] {
  return connects.filter((c) => !/^AF_INET 127\.|^AF_INET6 \[(::1|::ffff:127\.[0-9.]+)\]/.test(c));
}
