#!/usr/bin/env python3
"""Vireo's benchmark: many VMs behind a slow link, Vireo beside 1 s polling and virt-manager 4.1.

Two network namespaces joined by a veth pair, a fixed delay on both sides (tc netem where the
kernel has it, else an NFQUEUE rule and netdelay), a real libvirtd (unprivileged, test driver)
in the server namespace holding N domains on its shared /default, and each client in turn in the
client namespace. Every client is measured the same way: RPC calls counted by the daemon itself
(its rpc log), bytes and packets on the client's veth, the client's CPU and memory from /proc.
Run through bench.sh, which installs and builds what this needs.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

NS_C, NS_S = "vireo-bench-c", "vireo-bench-s"
DEV_C, DEV_S = "vbc0", "vbs0"
ADDR_C, ADDR_S = "10.254.253.1", "10.254.253.2"  # exist only inside the two namespaces made here
KEEPALIVE_PROGRAM = 0xEEF
RPC = re.compile(r"RPC_SERVER_CLIENT_MSG_RX: client=\S+ len=\d+ prog=(\d+) vers=\d+ proc=\d+ type=0 ")
HERE = pathlib.Path(__file__).resolve().parent
TICK = os.sysconf("SC_CLK_TCK")


def run(*cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def ns(name, *cmd):
    """The command run in that network namespace; None: in this one."""
    return ["ip", "netns", "exec", name, *cmd] if name else list(cmd)


def wait_line(stream, pattern, timeout, what):
    """Reads a process's output until a line matches; returns the match."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            raise RuntimeError(f"{what}: output ended before '{pattern}'")
        m = re.search(pattern, line)
        if m:
            return m
    raise RuntimeError(f"{what}: no '{pattern}' within {timeout} s")


class Link:
    """The namespaces, the veth pair between them and the delay on both sides."""

    def __init__(self, netdelay):
        self.netdelay = netdelay
        self.delayers = []
        self.method = "none"

    def up(self, delay_ms, rate_kbit=0):
        self.down()
        run("ip", "netns", "add", NS_C)
        run("ip", "netns", "add", NS_S)
        run("ip", "link", "add", DEV_C, "type", "veth", "peer", "name", DEV_S)
        macs = {}
        for name, dev, addr in ((NS_C, DEV_C, ADDR_C), (NS_S, DEV_S, ADDR_S)):
            run("ip", "link", "set", dev, "netns", name)
            run(*ns(name, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1"))
            run("ip", "-n", name, "addr", "add", addr + "/30", "dev", dev)
            run("ip", "-n", name, "link", "set", dev, "up")
            run("ip", "-n", name, "link", "set", "lo", "up")
            # no offloads: packets are MTU-sized, as on a real wire, and counted as such
            run(*ns(name, "ethtool", "-K", dev, "tso", "off", "gso", "off", "gro", "off"), check=False)
            macs[dev] = re.search(r"link/ether (\S+)", run("ip", "-n", name, "link", "show", dev).stdout).group(1)
        # static ARP: nothing but the clients' own traffic crosses the link
        run("ip", "-n", NS_C, "neigh", "replace", ADDR_S, "lladdr", macs[DEV_S], "dev", DEV_C, "nud", "permanent")
        run("ip", "-n", NS_S, "neigh", "replace", ADDR_C, "lladdr", macs[DEV_C], "dev", DEV_S, "nud", "permanent")
        if delay_ms > 0:
            self._delay(delay_ms, rate_kbit)

    def _delay(self, ms, rate_kbit):
        rate = ["rate", f"{rate_kbit}kbit"] if rate_kbit else []
        if run(*ns(NS_C, "tc", "qdisc", "replace", "dev", DEV_C, "root", "netem", "delay", f"{ms}ms", *rate),
               check=False).returncode == 0:
            run(*ns(NS_S, "tc", "qdisc", "replace", "dev", DEV_S, "root", "netem", "delay", f"{ms}ms", *rate))
            self.method = "tc netem"
            return
        for name, dev in ((NS_C, DEV_C), (NS_S, DEV_S)):
            p = subprocess.Popen(ns(name, str(self.netdelay), "0", str(ms), *([str(rate_kbit)] if rate_kbit else [])),
                                 stderr=subprocess.PIPE, text=True)
            wait_line(p.stderr, "netdelay ready", 10, "netdelay")
            self.delayers.append(p)
            run(*ns(name, "iptables-legacy", "-A", "INPUT", "-i", dev, "-j", "NFQUEUE", "--queue-num", "0"))
        self.method = "NFQUEUE + netdelay"

    def rtt_ms(self):
        # -U: user-to-user time; the kernel stamps a reply before the INPUT rule holds it
        out = run(*ns(NS_C, "ping", "-U", "-c", "5", "-i", "0.2", "-q", ADDR_S)).stdout
        return float(re.search(r"= [\d.]+/([\d.]+)/", out).group(1))

    def counters(self):
        """Bytes and packets both ways on the client's end of the link."""
        stat = "/sys/class/net/%s/statistics/" % DEV_C
        return [int(run(*ns(NS_C, "cat", stat + f)).stdout) for f in
                ("rx_bytes", "tx_bytes", "rx_packets", "tx_packets")]

    def down(self):
        for p in self.delayers:
            p.terminate()
            p.wait(10)
        self.delayers = []
        for name in (NS_C, NS_S):
            run("ip", "netns", "del", name, check=False)


class Daemon:
    """libvirtd as user nobody in the server namespace (or, for namespace None, on loopback): test
    driver, TCP without auth, rpc log."""

    def __init__(self, work, name="daemon", namespace=NS_S, address=ADDR_S, port=16509):
        self.dir = pathlib.Path(work) / name
        self.log = self.dir / "libvirtd.log"
        self.process = None
        self.namespace, self.address, self.port = namespace, address, port

    def start(self):
        home = self.dir / "home"
        for sub in ("run", "home/config", "home/cache", "home/data", "home/runtime"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        (self.dir / "libvirtd.conf").write_text(f"""listen_tls = 0
listen_tcp = 1
listen_addr = "{self.address}"
tcp_port = "{self.port}"
auth_tcp = "none"
auth_unix_rw = "none"
auth_unix_ro = "none"
unix_sock_dir = "{self.dir / 'run'}"
log_filters = "2:rpc.netserverclient"
log_outputs = "1:file:{self.log}"
""")
        self.log.write_text("")
        run("chown", "-R", "nobody:nogroup", str(self.dir))
        run("chmod", "755", str(self.dir.parent), str(self.dir))
        env = ["env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", f"HOME={home}",
               f"XDG_CONFIG_HOME={home}/config", f"XDG_CACHE_HOME={home}/cache", f"XDG_DATA_HOME={home}/data",
               f"XDG_RUNTIME_DIR={home}/runtime"]
        self.process = subprocess.Popen(ns(self.namespace, "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                                           *env, "libvirtd", "--listen", "-f", str(self.dir / "libvirtd.conf")),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while run(*ns(self.namespace and NS_C, "virsh", "-q", "-c", self.uri(), "uri"), check=False).returncode != 0:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("libvirtd does not answer on " + self.uri())
            time.sleep(0.2)

    def uri(self, path="/default"):
        return f"test+tcp://{self.address}:{self.port}{path}" if self.port != 16509 else f"test+tcp://{self.address}{path}"

    def rpc_calls(self):
        """RPC calls the daemon received so far from all clients, keepalive pings not counted."""
        n = 0
        with open(self.log, errors="replace") as f:
            for line in f:
                m = RPC.search(line)
                if m and int(m.group(1)) != KEEPALIVE_PROGRAM:
                    n += 1
        return n

    def stop(self):
        if self.process:
            self.process.kill()
            self.process.wait(10)


def cpu_seconds(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def rss_mb(pid):
    m = re.search(r"VmRSS:\s+(\d+) kB", pathlib.Path(f"/proc/{pid}/status").read_text())
    return int(m.group(1)) / 1024


def window(link, daemon, pid, seconds):
    """What a client costs per minute over a window in which nothing else happens."""
    c0, r0, t0 = link.counters(), daemon.rpc_calls(), cpu_seconds(pid)
    time.sleep(seconds)  # the measurement window itself
    c1, r1, t1 = link.counters(), daemon.rpc_calls(), cpu_seconds(pid)
    per_min = 60.0 / seconds
    return {"rpc_min": (r1 - r0) * per_min, "kb_min": (c1[0] + c1[1] - c0[0] - c0[1]) / 1024 * per_min,
            "pkts_min": (c1[2] + c1[3] - c0[2] - c0[3]) * per_min, "cpu_s_min": (t1 - t0) * per_min}


class Desktop:
    """A private Xvfb display and home for a GUI client, and the client run there in the client
    namespace; everything is stopped on exit."""

    def __init__(self, work, name, display, namespace=NS_C):
        self.home = pathlib.Path(tempfile.mkdtemp(dir=work, prefix=name + "-"))
        self.display, self.namespace = display, namespace
        self.xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.log = self.home / (name + ".out")
        self.process = None

    def start(self, *command, env=()):
        base = ["env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", f"DISPLAY={self.display}",
                f"HOME={self.home}", *env]
        with open(self.log, "w") as out:
            # ip netns exec and env exec in place: the PID is the client's own
            self.process = subprocess.Popen(ns(self.namespace, *base, *command), stdout=out, stderr=subprocess.STDOUT)
        return self.process

    def output(self):
        return self.log.read_text(errors="replace")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.process:
            self.process.terminate()
            self.process.wait(30)
        self.xvfb.terminate()
        self.xvfb.wait(10)


class Clients:
    def __init__(self, args, link, daemon, work):
        self.args, self.link, self.daemon, self.work = args, link, daemon, work

    def vireo(self, mode, full):
        """Vireo's monitor headless ("events") or the same monitor polling every second ("poll")."""
        a = self.args
        p = subprocess.Popen(ns(NS_C, a.java, "-Xmx1g", "-cp", a.classpath, "VireoClient", self.daemon.uri(), mode),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        try:
            r = {"first_list_s": float(wait_line(p.stdout, r"^first-list (\d+)", a.timeout, mode).group(1)) / 1000,
                 "all_xml_s": float(wait_line(p.stdout, r"^all-xml (\d+)", a.timeout, mode).group(1)) / 1000}
            if full:
                time.sleep(a.settle)  # let the load's last replies drain before measuring idle
                r.update({"idle_" + k: v for k, v in window(self.link, self.daemon, p.pid, a.idle).items()})
                if mode == "events":
                    self._command(p, "stats on")
                    time.sleep(a.settle)
                    r.update({"stats_" + k: v for k, v in window(self.link, self.daemon, p.pid, a.idle).items()})
                    self._command(p, "stats off")
                p.stdin.write(f"changes {a.changes} {self.daemon.uri()}\n")
                changes = []
                while True:
                    line = p.stdout.readline()
                    if line.startswith("change "):
                        changes.append([float(x) for x in line.split()[1:]])
                    elif line.startswith("done") or not line:
                        break
                r["change_ms"] = statistics.median(c[0] for c in changes)
                r["change_calls"] = statistics.mean(c[1] for c in changes)
                if mode == "events":
                    r["host_change_ms"] = self._host_changes(p)
            p.stdin.write("heap\n")
            r["heap_mb"] = float(wait_line(p.stdout, r"^heap (\d+)", 60, mode).group(1))
            r["rss_mb"] = rss_mb(p.pid)
            return r
        finally:
            p.stdin.close()
            p.wait(30)

    def _host_changes(self, p):
        """Changes made on the host (the holder, in the server's namespace): from its call to the cache."""
        p.stdin.write("watch\n")
        times = []
        for i in range(self.args.changes):
            self.holder.stdin.write(f"toggle {i}\n")
            self.holder.stdin.flush()
            called = wait_line(self.holder.stdout, r"^called (\S+) (\d+)", 30, "a change on the host")
            seen = wait_line(p.stdout, r"^seen %s (\d+)" % called.group(1), 30, "the change seen")
            times.append((int(seen.group(1)) - int(called.group(2))) / 1000)
        self._command(p, "unwatch")
        return statistics.median(times)

    @staticmethod
    def _command(p, command):
        p.stdin.write(command + "\n")
        wait_line(p.stdout, "^done", 30, command)

    def virt_manager(self, full):
        """Debian's virt-manager, headless on its own Xvfb display, debug log read for progress."""
        a = self.args
        with Desktop(self.work, "virt-manager", ":%d" % (90 + os.getpid() % 9)) as desktop:
            h = desktop.home
            p = desktop.start("virt-manager", "--no-fork", "--debug", "-c", self.daemon.uri(),
                              env=(f"XDG_CONFIG_HOME={h}/config", f"XDG_CACHE_HOME={h}/cache", f"XDG_RUNTIME_DIR={h}",
                                   "GSETTINGS_BACKEND=memory", "NO_AT_BRIDGE=1"))
            started = time.monotonic()
            r = {}
            while "first_list_s" not in r:
                if "changed to state=Active" in desktop.output():
                    r["first_list_s"] = r["all_xml_s"] = time.monotonic() - started
                elif p.poll() is not None:
                    raise RuntimeError("virt-manager exited: " + desktop.output()[-2000:])
                elif time.monotonic() - started > a.timeout:
                    r["first_list_s"] = r["all_xml_s"] = float("nan")  # still loading when we gave up
                else:
                    time.sleep(0.1)
            if full:
                time.sleep(a.settle)
                r.update({"idle_" + k: v for k, v in window(self.link, self.daemon, p.pid, a.idle).items()})
            r["rss_mb"] = rss_mb(p.pid)
            return r

    def workbench(self, full):
        """The Vireo product itself on its own Xvfb display, with its default settings, timed from
        launch by its own --trace marks: window shown, first rows painted, all XML, host idle."""
        a = self.args
        with Desktop(self.work, "workbench", ":%d" % (80 + os.getpid() % 9)) as desktop:
            java_home = pathlib.Path(a.java).parent.parent
            warm_up(desktop, a.product, java_home)
            # the command line's list, a fresh process as a script would start it: names and states
            started = time.time()
            listed = subprocess.run(ns(NS_C, "env", "-i", "PATH=/usr/bin:/bin", f"HOME={desktop.home}",
                                       f"JAVA_HOME={java_home}", a.product, "--list-domains", self.daemon.uri()),
                                    capture_output=True, text=True, timeout=a.timeout)
            list_domains_s = time.time() - started
            if listed.returncode != 0:
                raise RuntimeError("vireo --list-domains failed: " + listed.stderr[-2000:])
            trace = desktop.home / "trace"
            launched = time.time()
            p = desktop.start(a.product, "--connect", self.daemon.uri(), "--trace", str(trace),
                              env=(f"JAVA_HOME={pathlib.Path(a.java).parent.parent}",))
            marks = {}
            while f"idle {self.daemon.uri()}" not in marks:
                time.sleep(0.2)  # polling the product's trace file, not waiting for it to settle
                if trace.exists():
                    for line in trace.read_text().splitlines():
                        ms, mark, *detail = line.split()
                        key = mark if mark in ("jvm-start", "window-shown") else f"{mark} {detail[0]}"
                        marks[key] = (int(ms), detail)
                if p.poll() is not None or time.time() - launched > a.timeout:
                    raise RuntimeError("the workbench did not load: " + desktop.output()[-2000:])
            # marks count from the JVM's start; the start script ran before it
            offset = int(marks["jvm-start"][1][0]) / 1000 - launched
            at = lambda mark: marks[f"{mark} {self.daemon.uri()}" if mark != "window-shown" else mark][0] / 1000 + offset
            r = {"window_s": at("window-shown"), "first_list_s": at("rows-painted"), "all_xml_s": at("all-xml"),
                 "loaded_s": at("idle"), "list_domains_s": list_domains_s}
            if full:
                r.update({"idle_" + k: v for k, v in window(self.link, self.daemon, p.pid, a.idle).items()})
            r["rss_mb"] = rss_mb(p.pid)
            return r


def warm_up(desktop, product, java_home):
    """A first start of the product on its embedded host, stopped once its window shows: it writes
    the class-data archive into the user's cache, as a user's first start does; starts after it
    are the ones users make every day."""
    trace = desktop.home / "warm-up-trace"
    p = desktop.start(product, "--trace", str(trace), env=(f"JAVA_HOME={java_home}",))
    deadline = time.monotonic() + 120
    while not (trace.exists() and "window-shown" in trace.read_text()):
        if p.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the workbench did not start: " + desktop.output()[-2000:])
        time.sleep(0.2)  # polling the product's trace file
    p.terminate()
    p.wait(30)


def populate(args, daemon, n):
    """Defines n domains on the shared /default from inside the server namespace (no link crossed)."""
    p = subprocess.Popen(ns(NS_S, args.java, "-cp", args.classpath, "VireoClient", daemon.uri(), "populate", str(n)),
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    wait_line(p.stdout, r"^populated", 600, "populate")
    return p


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--java", required=True)
    parser.add_argument("--classpath", required=True)
    parser.add_argument("--netdelay", required=True)
    parser.add_argument("--sizes", default="200,1000", help="domain counts; the first is measured in full")
    parser.add_argument("--delays", default="0,25,50", help="one-way delays in ms; the last is measured in full")
    parser.add_argument("--clients", default="vireo,poll,virt-manager,workbench")
    parser.add_argument("--product", required=True, help="the Vireo product's start script")
    parser.add_argument("--idle", type=float, default=60, help="seconds of each idle window")
    parser.add_argument("--settle", type=float, default=5)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=240, help="seconds a client may take to load")
    parser.add_argument("--out", default=None, help="where to write benchmarks.md and benchmarks.png")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    delays = [int(d) for d in args.delays.split(",")]
    clients = args.clients.split(",")

    work = tempfile.mkdtemp(prefix="vireo-bench-")
    os.chmod(work, 0o755)
    link, daemon = Link(args.netdelay), Daemon(work)
    runner = Clients(args, link, daemon, work)
    results = []
    try:
        for delay in delays:
            for size in sizes:
                full_delay = delay == delays[-1]
                if size != sizes[0] and not full_delay:
                    continue  # the larger size only at the main delay
                link.up(delay)
                rtt = link.rtt_ms()
                daemon.start()
                holder = runner.holder = populate(args, daemon, size)
                try:
                    for client in clients:
                        if client in ("virt-manager", "workbench") and size != sizes[0]:
                            continue  # minutes per run at 1000 domains; the 200-domain run says enough
                        full = full_delay and size == sizes[0]
                        if client == "workbench" and not full:
                            continue  # measured for its idle cost only
                        print(f"-- {client}, {size} domains, RTT {rtt:.1f} ms ({link.method})", flush=True)
                        if client == "virt-manager":
                            r = runner.virt_manager(full)
                        elif client == "workbench":
                            r = runner.workbench(full)
                        else:
                            r = runner.vireo("events" if client == "vireo" else "poll", full)
                        r.update(client=client, size=size, delay=delay, rtt=rtt)
                        print("   " + ", ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                                                for k, v in r.items()), flush=True)
                        results.append(r)
                finally:
                    holder.stdin.close()
                    holder.wait(30)
                    daemon.stop()
    finally:
        link.down()
        shutil.rmtree(work, ignore_errors=True)
        if args.out and results:
            # kept, so that the report can be written again without measuring again
            (pathlib.Path(args.out) / "benchmarks.json").write_text(json.dumps(
                {"method": link.method, "idle": args.idle, "settle": args.settle, "changes": args.changes,
                 "results": results}, indent=1))
    import report
    report.write(results, args, link.method, args.out)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
