"""Turns benchmark results into a printed table, docs/benchmarks.md and docs/benchmarks.png."""
import math
import json
import os
import pathlib
import platform
import subprocess
import time

COLUMNS = [("window_s", "window s", "{:.1f}"), ("first_list_s", "first list s", "{:.2f}"), ("all_xml_s", "all XML s", "{:.2f}"),
           ("loaded_s", "loaded s", "{:.1f}"), ("list_domains_s", "--list-domains s", "{:.1f}"),
           ("idle_rpc_min", "idle RPC/min", "{:.0f}"), ("idle_kb_min", "idle KB/min", "{:.1f}"),
           ("idle_pkts_min", "idle pkts/min", "{:.0f}"), ("idle_cpu_s_min", "idle CPU s/min", "{:.2f}"),
           ("stats_rpc_min", "stats RPC/min", "{:.0f}"), ("stats_kb_min", "stats KB/min", "{:.1f}"),
           ("change_ms", "change ms", "{:.0f}"), ("host_change_ms", "host change ms", "{:.0f}"),
           ("change_calls", "calls/change", "{:.1f}"),
           ("heap_mb", "heap MB", "{:.0f}"), ("rss_mb", "RSS MB", "{:.0f}")]


def table(results):
    head = ["client", "domains", "RTT ms"] + [c[1] for c in COLUMNS]
    rows = [[r["client"], str(r["size"]), f"{r['rtt']:.0f}"] +
            [fmt.format(r[k]) if k in r and not (isinstance(r[k], float) and math.isnan(r[k])) else
             ("not loaded" if k in r else "-") for k, _, fmt in COLUMNS] for r in results]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def ratio(a, b):
    if a is None or b is None or math.isnan(a) or math.isnan(b):
        return "-"
    if b == 0:
        return "Vireo 0" if a == 0 else f"{a:.0f} vs Vireo 0"
    return f"{a / b:.1f}x"


def headline(results):
    """The workbench as users run it (defaults, timed from launch) beside virt-manager, from launch too."""
    main = max(r["delay"] for r in results)
    size = min(r["size"] for r in results)
    by = {r["client"]: r for r in results if r["delay"] == main and r["size"] == size}
    wb, vm = by.get("workbench"), by.get("virt-manager")
    if not wb or not vm:
        return ""
    lines = [f"At {size} domains, RTT {wb['rtt']:.0f} ms, both from their launch, with default settings:", "",
             "| measure | Vireo workbench | virt-manager 4.1 | virt-manager / Vireo |", "|---|---|---|---|"]
    for key, label, fmt in (("first_list_s", "launch to every VM listed, s", "{:.1f}"),
                            ("all_xml_s", "launch to every VM's details, s", "{:.1f}"),
                            ("idle_rpc_min", "idle RPC calls/min", "{:.0f}"), ("idle_kb_min", "idle KB/min", "{:.1f}"),
                            ("idle_cpu_s_min", "idle CPU s/min", "{:.2f}"), ("rss_mb", "resident memory, MB", "{:.0f}")):
        a, b = wb.get(key), vm.get(key)
        shown = [fmt.format(x) if x is not None and not math.isnan(x) else "-" for x in (a, b)]
        lines.append(f"| {label} | {shown[0]} | {shown[1]} | {ratio(b, a)} |")
    return "\n".join(lines)


def comparisons(results):
    main = max(r["delay"] for r in results)
    size = min(r["size"] for r in results)
    by = {r["client"]: r for r in results if r["delay"] == main and r["size"] == size}
    vireo = by.get("vireo")
    if not vireo:
        return ""
    lines = [f"Ratios at {size} domains, RTT {vireo['rtt']:.0f} ms (other client / Vireo; higher is worse for the other):",
             "", "| measure | 1 s polling | virt-manager 4.1 |", "|---|---|---|"]
    for key, label in (("first_list_s", "time to first full list"), ("all_xml_s", "time to every XML cached"),
                       ("idle_rpc_min", "idle RPC calls/min"), ("idle_kb_min", "idle KB/min"),
                       ("idle_cpu_s_min", "idle client CPU s/min")):
        lines.append(f"| {label} | " + " | ".join(ratio(by.get(c, {}).get(key), vireo.get(key))
                                                 for c in ("poll", "virt-manager")) + " |")
    return "\n".join(lines)


def targets(results):
    main = max(r["delay"] for r in results)
    small, large = min(r["size"] for r in results), max(r["size"] for r in results)
    v = next((r for r in results if r["client"] == "vireo" and r["delay"] == main and r["size"] == small), None)
    big = next((r for r in results if r["client"] == "vireo" and r["delay"] == main and r["size"] == large), None)
    if not v:
        return ""
    checks = [("first full list <= 1.5 s", v["first_list_s"], v["first_list_s"] <= 1.5),
              ("all XML cached <= 2.5 s (load fan-out)", v["all_xml_s"], v["all_xml_s"] <= 2.5)]
    if "idle_rpc_min" in v:
        checks += [("idle: 0 RPC/min (keepalive aside)", v["idle_rpc_min"], v["idle_rpc_min"] == 0),
                   ("idle: <= 5 KB/min", v["idle_kb_min"], v["idle_kb_min"] <= 5),
                   ("idle: <= 0.5 s CPU/min (headless monitor)", v["idle_cpu_s_min"], v["idle_cpu_s_min"] <= 0.5),
                   ("stats on at 3 s: <= 20 RPC/min", v["stats_rpc_min"], v["stats_rpc_min"] <= 20),
                   (f"a change by a client across the link seen in <= RTT + 20 ms ({v['rtt'] + 20:.0f} ms)",
                    v["change_ms"], v["change_ms"] <= v["rtt"] + 20)]
    if "host_change_ms" in v:
        checks += [(f"a change made on the host seen in <= RTT/2 + 20 ms ({v['rtt'] / 2 + 20:.0f} ms)",
                    v["host_change_ms"], v["host_change_ms"] <= v["rtt"] / 2 + 20)]
    if "idle_rpc_min" in v:
        checks += [("<= 1 call per change", v["change_calls"], v["change_calls"] <= 1)]
    wb = next((r for r in results if r["client"] == "workbench" and "idle_cpu_s_min" in r), None)
    if wb:  # the workbench as shipped, timed from launch by its --trace marks
        checks += [("workbench: launch to window <= 2 s", wb["window_s"], wb["window_s"] <= 2),
                   ("workbench: launch to rows painted <= 3 s", wb["first_list_s"], wb["first_list_s"] <= 3),
                   ("workbench: launch to all XML <= 4 s", wb["all_xml_s"], wb["all_xml_s"] <= 4),
                   *([("`vireo --list-domains`, a fresh process: names and states <= 3 s", wb["list_domains_s"],
                       wb["list_domains_s"] <= 3)] if "list_domains_s" in wb else []),
                   ("workbench idle, defaults: <= 20 RPC/min", wb["idle_rpc_min"], wb["idle_rpc_min"] <= 20),
                   ("workbench idle, defaults: <= 10 KB/min", wb["idle_kb_min"], wb["idle_kb_min"] <= 10),
                   ("workbench idle: RSS <= 250 MB", wb["rss_mb"], wb["rss_mb"] <= 250)]
    if big and big is not v:
        checks += [(f"{large} domains: first full list <= 2 s", big["first_list_s"], big["first_list_s"] <= 2),
                   (f"{large} domains: all XML cached <= 8 s", big["all_xml_s"], big["all_xml_s"] <= 8),
                   (f"{large} domains: heap <= 256 MB", big["heap_mb"], big["heap_mb"] <= 256)]
    lines = ["| target (Vireo) | measured | met |", "|---|---|---|"]
    lines += [f"| {name} | {value:.2f} | {'yes' if ok else 'NO'} |" for name, value, ok in checks]
    return "\n".join(lines)


def plot(results, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    size = min(r["size"] for r in results)
    colors = {"vireo": "tab:green", "workbench": "tab:olive", "poll": "tab:orange", "virt-manager": "tab:red"}
    names = {"vireo": "Vireo (events)", "workbench": "Vireo workbench", "poll": "1 s polling",
             "virt-manager": "virt-manager 4.1"}
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for client in colors:
        points = sorted((r["rtt"], r["first_list_s"]) for r in results if r["client"] == client
                        and r["size"] == size and not math.isnan(r.get("first_list_s", math.nan)))
        if points:
            left.plot([p[0] for p in points], [p[1] for p in points], "o-", color=colors[client], label=names[client])
    left.set_xlabel("round-trip time (ms)")
    left.set_yscale("log")
    left.set_ylabel("seconds to the first full list (log)")
    left.set_title(f"Time to list {size} VMs")
    left.legend()
    left.grid(alpha=0.3)
    main = max(r["delay"] for r in results)
    idle = [(names[r["client"]], r["idle_rpc_min"], colors[r["client"]]) for r in results
            if r["delay"] == main and r["size"] == size and "idle_rpc_min" in r]
    right.bar(["\n".join(i[0].rsplit(" ", 1)) for i in idle], [i[1] for i in idle], color=[i[2] for i in idle])
    for i, (_, value, _) in enumerate(idle):
        right.text(i, value, f"{value:.0f}", ha="center", va="bottom")
    right.set_ylabel("RPC calls per minute (server-side)")
    rtt = next(r["rtt"] for r in results if r["delay"] == main)
    right.set_title(f"Idle cost, {size} VMs, RTT {rtt:.0f} ms")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    libvirt = subprocess.run(["libvirtd", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} cores ({cpu}), {round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB,"
            f" kernel {platform.release()}, {libvirt}")


def write(results, args, method, out):
    text = table(results)
    print()
    print(text)
    print()
    print(headline(results))
    print()
    print(comparisons(results))
    print()
    print(targets(results))
    if not out:
        return
    out = pathlib.Path(out)
    plot(results, out / "benchmarks.png")
    main_delay = max(r["delay"] for r in results)
    xml = [r for r in results if r["client"] == "vireo" and r["delay"] == main_delay and r.get("all_xml_s")]
    xml_rates = ", ".join(f"{(r['all_xml_s'] - r['first_list_s']) * 1000 / (r['size'] / 15) / r['rtt']:.1f} "
                          f"round trips per 15 fetches at {r['size']} domains" for r in xml) or "an unmeasured rate"
    window = next((f"{r['window_s']:.1f} s" for r in results if r["client"] == "workbench" and "window_s" in r),
                  "(not measured)")
    (out / "benchmarks.md").write_text(f"""# Benchmark: many VMs over a slow link

The Vireo workbench as users run it beside virt-manager 4.1, then Vireo's headless monitor
beside the pre-1.0 way (list, state and XML of every domain every second, as a
refresh strategy of the same monitor) and virt-manager 4.1, in one run, against a real libvirtd
serving libvirt's test driver. Run it with:

    releng/bench/bench.sh                 # the full run below (about 15 minutes)
    releng/bench/bench.sh --quick         # a smoke run: 20 domains, short windows

It needs root (network namespaces, iptables) and installs what it uses (Debian packages:
iproute2, iptables, ethtool, libnetfilter-queue, gcc, libvirt-daemon, virt-manager, Xvfb,
matplotlib).

## Setup

- Two network namespaces joined by a veth pair, with a fixed delay on both sides' way in
  ({method}; the kernel here has no `sch_netem`, so an iptables NFQUEUE rule hands every packet
  to `netdelay`, which holds it). On the way in, not out: a packet held in the sender's own
  stack counts against TCP Small Queues, which then caps a connection near 100 KB/s, a limit no
  real link has (measured: 2 MB took 35 s held on the way out, 3 s held on the way in).
  Addresses only inside those namespaces.
- `libvirtd` (Debian's, as user nobody, test driver, TCP without auth) in the server namespace;
  its shared `/default` holds the domains (two disks, a CD-ROM, two NICs, VNC, video, serial
  console, agent channel each; half of them running), defined by a holder connection from inside
  the server namespace so that no setup traffic crosses the link.
- Each client runs alone in the client namespace. RPC calls are counted by the daemon (its rpc
  log, keepalive pings left out); bytes and packets are the client's veth counters (both ways);
  CPU and memory come from `/proc`. The headless monitor's times are from the start of
  connecting; the workbench's (the product with its default settings, statistics sampling on)
  from its launch, by the marks it writes itself (`vireo --trace`); virt-manager's
  from its launch to its debug log's "changed to state=Active" (written once its first poll has
  every domain), so they include its start-up (about 1 s).
- Idle windows last {args.idle:.0f} s, after {args.settle:.0f} s of settling; "stats" is Vireo
  sampling CPU and balloon every 3 s; "change" is another client starting or stopping
  {args.changes} domains on the same host, timed from its call to the moment the cache's listener
  hears the change; "host change" is the same made on the host itself (by the holder connection in
  the server namespace).

## Last run

{time.strftime('%Y-%m-%d')}, {machine()}.

{headline(results)}

All clients:

{text}

{comparisons(results)}

{targets(results)}

What limits the misses, as far as measured: after the list, the XML documents arrive at
{xml_rates} (1.0 would be the link alone): the daemon takes at most 5 calls in flight from one
client (`max_client_requests`), so a first load fetches over two more read-only connections, 15
calls in flight in all (Vireo's cap, leaving room in the daemon's 20 workers for its other
clients); "all XML cached" is then bound by size / 15 round trips after the list, plus about 7
round trips to open the extra connections. The first list itself takes the connection's opening
round trips (TCP, libvirt's handshake, authentication, keepalive, the lifecycle subscription) and
the list's. A change reaches the cache one round trip after another client's call (the event
leaves the daemon as the call's reply does); libvirt's client itself returns from
`virDomainCreate` a round trip later, after a lookup for the new ID, which the benchmark once
timed by mistake. The workbench's launch times include the JVM and OSGi start (its window showed
{window} after launch, before the first rows; its rows follow the first list by about the
headless monitor's time, its XML then arrives as the monitor's does), and its resident memory is
the workbench's, not the cache's (the headless monitor holds 200 domains in 13 MB of heap). `vireo --list-domains`
is a fresh process too: the JVM and OSGi start, then the headless first list.
Measured side by side on the embedded host, three starts each (window after launch, resident
memory): Java's defaults (G1, a first heap of 1/64 of memory) 4.7–4.9 s and 284–296 MB; G1 with
the class-data archive a first start writes 4.1–4.5 s and 295–333 MB; as shipped (the serial
collector, a 32 MB first heap and the archive) 3.9–4.0 s and 253–256 MB. C1-only compilation
took about 0.8 s more off in an earlier run, but slows the console's pixel loops and XML parsing
at scale, so the start script does not use it.

![time to first list vs RTT; idle RPC per minute](benchmarks.png)
""")
    console = out / "console.json"
    if console.exists():  # the console benchmark's section, kept from its last run (console.sh)
        import console as c
        c.splice(out / "benchmarks.md", c.section(json.loads(console.read_text())))
    scale_run = out / "scale.json"
    if scale_run.exists():  # the scale benchmark's section, kept from its last run (scale.sh)
        import console as c
        import scale
        c.splice(out / "benchmarks.md", scale.section(json.loads(scale_run.read_text())), "scale")
    print(f"wrote {out / 'benchmarks.md'} and {out / 'benchmarks.png'}")


if __name__ == "__main__":
    # python3 report.py DOCS_DIR: writes the report again from DOCS_DIR/benchmarks.json
    import json
    import sys
    from types import SimpleNamespace
    saved = json.loads((pathlib.Path(sys.argv[1]) / "benchmarks.json").read_text())
    write(saved["results"], SimpleNamespace(**saved), saved["method"], sys.argv[1])
