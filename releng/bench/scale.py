#!/usr/bin/env python3
"""Vireo at scale: many libvirtd daemons, each with many test-driver domains, in one workbench.

Each daemon (unprivileged, test driver, TCP without auth, its rpc log) listens on its own loopback
port and serves a node file of its own (the domains shaped as bench.py's, half of them running,
UUIDs distinct per host). The workbench, the product as users run it (default settings,
statistics sampling on), connects to all of them at launch (--connect, repeated) and times
itself (--trace): launch to every host's XML cached, stalls of the UI thread over 100 ms. Then an
idle window: RPC calls per host (from the daemons' logs), the workbench's CPU; its heap after a
full GC (jcmd) and resident memory. Run through scale.sh.
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import Daemon, Desktop, cpu_seconds, rss_mb, warm_up  # noqa: E402

TEST_NS = "http://libvirt.org/schemas/domain/test/1.0"


def node_file(path, host, domains):
    """A test-driver node file: the domains start running unless told otherwise, so the odd ones are shut off."""
    parts = ["<node>"]
    for i in range(domains):
        name = f"h{host:02d}vm{i:04d}"
        off = f"<test:runstate>5</test:runstate>" if i % 2 else ""
        parts.append(f"""<domain type='test' xmlns:test='{TEST_NS}'>
  <name>{name}</name><uuid>{uuid.UUID(int=(0x5CA1E << 100) + (host << 32) + i)}</uuid>
  <description>scale benchmark domain {i} of host {host}</description>
  <memory unit='KiB'>{(1 + i % 4) * 1048576}</memory><vcpu placement='static'>{1 + i % 4}</vcpu>
  <os><type arch='x86_64'>hvm</type><boot dev='hd'/></os><features><acpi/><apic/></features><clock offset='utc'/>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='/var/lib/libvirt/images/{name}-root.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><target dev='sda' bus='sata'/><readonly/></disk>
    <interface type='network'><mac address='52:54:{host:02x}:{i >> 8:02x}:{i & 255:02x}:01'/>
      <source network='default'/><model type='virtio'/></interface>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
    <video><model type='virtio' heads='1'/></video>
    <serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>
    <memballoon model='virtio'/>
  </devices>{off}
</domain>""")
    parts.append("</node>")
    path.write_text("\n".join(parts))


def heap_mb(java_home, pid):
    """Heap in use after a full GC, as the JVM itself reports it."""
    jcmd = str(pathlib.Path(java_home) / "bin" / "jcmd")
    subprocess.run([jcmd, str(pid), "GC.run"], capture_output=True, text=True, timeout=60)
    out = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    used = 0
    for line in out.splitlines():  # "DefNew total 35712K, used 624K [...", "Tenured ...": Metaspace aside
        words = line.replace(",", " ").split()
        if "used" in words and "total" in words and not line.strip().startswith(("Metaspace", "class space")):
            used += int(words[words.index("used") + 1].rstrip("K"))
    if not used:
        raise RuntimeError("no heap figure from jcmd: " + out)
    return used / 1024


def run(args):
    work = pathlib.Path(tempfile.mkdtemp(prefix="vireo-scale-"))
    os.chmod(work, 0o755)
    daemons = []
    try:
        for h in range(args.hosts):
            daemon = Daemon(work, f"host{h:02d}", namespace=None, address="127.0.0.1", port=args.port + h)
            daemon.start()
            node = daemon.dir / "node.xml"
            node_file(node, h, args.domains)
            os.chmod(node, 0o644)
            daemons.append((daemon, daemon.uri(str(node))))
        print(f"{args.hosts} daemons up, {args.hosts * args.domains} domains", flush=True)
        with Desktop(work, "workbench", ":%d" % (70 + os.getpid() % 9), namespace=None) as desktop:
            warm_up(desktop, args.product, args.java_home)
            trace = desktop.home / "trace"
            launched = time.time()
            command = [args.product, "--trace", str(trace)]
            for _, uri in daemons:
                command += ["--connect", uri]
            p = desktop.start(*command, env=(f"JAVA_HOME={args.java_home}",))
            marks = {}
            while sum(1 for k in marks if k.startswith("idle ")) < len(daemons):
                time.sleep(0.5)  # polling the product's trace file, not waiting for it to settle
                if trace.exists():
                    for line in trace.read_text().splitlines():
                        ms, mark, *detail = line.split()
                        if mark != "ui-stall":
                            marks[mark if mark in ("jvm-start", "window-shown") else f"{mark} {detail[0]}"] = (int(ms), detail)
                if p.poll() is not None or time.time() - launched > args.timeout:
                    raise RuntimeError(f"the workbench did not load every host ({len(marks)} marks): "
                                       + desktop.output()[-2000:])
            offset = int(marks["jvm-start"][1][0]) / 1000 - launched
            at = lambda key: marks[key][0] / 1000 + offset
            r = {"hosts": args.hosts, "domains": args.domains, "window_s": at("window-shown"),
                 "all_xml_s": max(at(f"all-xml {uri}") for _, uri in daemons),
                 "loaded_s": max(at(f"idle {uri}") for _, uri in daemons)}
            time.sleep(args.settle)
            calls = [d.rpc_calls() for d, _ in daemons]
            cpu = cpu_seconds(p.pid)
            time.sleep(args.idle)  # the idle window itself
            per_host = [(d.rpc_calls() - c) * 60 / args.idle for (d, _), c in zip(daemons, calls)]
            r.update({"idle_rpc_min_per_host": statistics.mean(per_host), "idle_rpc_min_max_host": max(per_host),
                      "idle_cpu_s_min": (cpu_seconds(p.pid) - cpu) * 60 / args.idle,
                      "heap_mb": heap_mb(args.java_home, p.pid), "rss_mb": rss_mb(p.pid)})
            # from the window's first paint to the end of the idle window
            stalls = [(int(line.split()[0]) / 1000 + offset, int(line.split()[2]))
                      for line in trace.read_text().splitlines() if " ui-stall " in line]
            r.update(stalls_over_100ms=len(stalls), longest_stall_ms=max((ms for _, ms in stalls), default=0),
                     stalls=[f"{ms} ms ending {at:.1f} s after launch" for at, ms in stalls])
            return r
    finally:
        for daemon, _ in daemons:
            daemon.stop()
        subprocess.run(["rm", "-rf", str(work)])


def section(r):
    checks = [(f"launch to every host's XML cached <= 15 s", f"{r['all_xml_s']:.1f} s", r["all_xml_s"] <= 15),
              ("heap after a full GC <= 512 MB", f"{r['heap_mb']:.0f} MB", r["heap_mb"] <= 512),
              ("UI thread never blocked over 100 ms", f"{r['stalls_over_100ms']} stalls, longest {r['longest_stall_ms']} ms",
               r["stalls_over_100ms"] == 0),
              ("idle with defaults <= 20 RPC/min per host", f"{r['idle_rpc_min_per_host']:.1f} (most: "
               f"{r['idle_rpc_min_max_host']:.0f})", r["idle_rpc_min_max_host"] <= 20)]
    lines = [f"## Scale: {r['hosts']} hosts × {r['domains']} VMs in one workbench", "",
             f"{r['date']}. {r['hosts']} libvirtd daemons on loopback, each serving a test-driver node file of "
             f"{r['domains']} domains (half running); the workbench as shipped, launched with every host "
             "(`releng/bench/scale.sh`), timed by its own trace marks; the UI thread checked every 50 ms "
             f"(`ui-stall` marks); idle window {r['idle']:.0f} s. Window shown {r['window_s']:.1f} s after launch, "
             f"every host idle {r['loaded_s']:.1f} s; resident memory {r['rss_mb']:.0f} MB; idle CPU "
             f"{r['idle_cpu_s_min']:.2f} s/min.", "",
             "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {'yes' if ok else 'NO'} |" for name, value, ok in checks]
    if not all(ok for _, _, ok in checks):
        lines += ["", "What limits the misses, as measured (a Flight Recorder profile of the workbench at 25 hosts; "
                  "`ui-stall` marks): the load is CPU-bound on this 2-core machine, which also runs every daemon "
                  "(each parses its node file, then serves 200 XML documents); the UI thread's busy time goes to "
                  "GTK validating the sizes of the tree's rows through SWT's cell renderer, which calls into Java "
                  "for each row (about a third of its samples), and to JFace adding and labelling rows (about a "
                  "quarter). Rows are added 50 per UI turn, yet a turn's GTK work grows with the rows already in "
                  "the tree: the UI thread is held at most about 0.15 s at 1000 rows (`ResponsivenessTest`), over a second at 10 000. A lazy tree (rows made "
                  "only when scrolled to, `ILazyTreeContentProvider`, sorting and filtering in the provider) is "
                  "the next step."]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--java-home", required=True)
    parser.add_argument("--product", required=True, help="the Vireo product's start script")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--domains", type=int, default=200)
    parser.add_argument("--port", type=int, default=17000, help="the first daemon's port; the others follow")
    parser.add_argument("--idle", type=float, default=60)
    parser.add_argument("--settle", type=float, default=5)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--out", default=None, help="docs folder: scale.json, and the section of benchmarks.md")
    args = parser.parse_args()
    r = run(args)
    r.update(date=time.strftime("%Y-%m-%d"), idle=args.idle)
    print(json.dumps(r, indent=1))
    print(section(r))
    if args.out:
        out = pathlib.Path(args.out)
        (out / "scale.json").write_text(json.dumps(r, indent=1))
        import console
        console.splice(out / "benchmarks.md", section(r), "scale")
        print(f"wrote {out / 'scale.json'} and the scale section of {out / 'benchmarks.md'}")


if __name__ == "__main__":
    main()
