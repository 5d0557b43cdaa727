"""A bounded soak: mixed pages under steady load, counting errors and watching memory.

    python bench/soak.py --database postgres --articles 100000 [--duration 120 --connections 32]

It uses the benchmark's database (bench/run.py makes it, or this does the same), starts the
production server with the page cache on and its workers never recycled (so a leak would
show), and runs wrk for the duration over a mix of pages: the home page, the finder with
filters, searches no cache has seen, articles, agency pages, the agenda, a feed and the API.
The memory of the server's processes is read every few seconds. The result goes to
bench/results/soak-<database>-<articles>.md.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import (
    RESULTS,
    STARTED,
    fetch_status,
    machine,
    options_from_command_line,
    prepare,
    run_python,
    server_environment,
    start_server,
    stop_server,
)

# wrk walks this list, one address per request; {n} makes a search no cache has seen.
LUA = """
local paths = {PATHS}
local n = 0
request = function()
  n = n + 1
  local path = paths[(n % #paths) + 1]
  return wrk.format("GET", (path:gsub("{n}", tostring(n))))
end
"""


def main():
    options = options_from_command_line(
        __doc__.splitlines()[0], duration=120, duration_help="seconds", connections=32
    )
    environment = server_environment(options)
    environment["GUNICORN_MAX_REQUESTS"] = "0"
    prepare(options, environment)
    articles = run_python(
        environment,
        "from newsroom.articles.models import Article\n"
        "for slug in Article.objects.published().order_by('-published_at')"
        ".values_list('slug', flat=True)[:2000:100]: print(slug)",
    ).split()
    paths = [
        "/",
        "/berita/",
        "/berita/?agency=gen-kemendagri",
        "/berita/?agency=gen-pemkab-indramayu&from=2020-01-01&to=2022-12-31",
        "/berita/?q=koordinasi+{n}",
        "/berita/?page=7",
        "/en/berita/?topic=gen-pemilu-2024",
        "/instansi/gen-pemkab-indramayu/",
        "/agenda/",
        "/berita/rss.xml",
        "/api/v1/articles/?agency=gen-kemendagri",
        *(f"/berita/{slug}/" for slug in articles),
    ]
    server = start_server(environment, cached=True)
    try:
        for path in paths:  # each answers 200 before the soak starts
            status = fetch_status(server, path.replace("{n}", "0"))
            if status != 200:
                sys.exit(f"{path} answered {status}")
        process = STARTED[server]
        samples = []
        sampling = threading.Event()

        def sample():
            while not sampling.wait(5):
                samples.append((time.monotonic(), memory(process.pid)))

        samples.append((time.monotonic(), memory(process.pid)))
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        result = soak(server, paths, options)
        sampling.set()
        sampler.join()
        samples.append((time.monotonic(), memory(process.pid)))
    finally:
        stop_server(server)
    report = write_report(options, paths, result, samples)
    print(report.read_text())


def memory(pid: int) -> dict[int, int]:
    """Resident memory in KiB of the server's master and each of its workers."""
    found = {}
    for process in [pid, *children(pid)]:
        try:
            status = Path(f"/proc/{process}/status").read_text()
        except FileNotFoundError:
            continue
        found[process] = int(re.search(r"VmRSS:\s+(\d+)", status)[1])
    return found


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


def soak(server, paths, options):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA.replace("{PATHS}", "{" + ", ".join(json.dumps(p) for p in paths) + "}"))
    try:
        output = subprocess.run(
            ["wrk", "-t2", f"-c{options.connections}", f"-d{options.duration}s", "--latency",
             "--timeout", "10s", "-s", script.name, server],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": re.search(r"50%\s+(\S+)", output)[1],
        "p99": re.search(r"99%\s+(\S+)", output)[1],
        "http_errors": int(errors[1]) if errors else 0,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "output": output,
    }


def write_report(options, paths, result, samples):
    RESULTS.mkdir(exist_ok=True)
    first, last = samples[1] if len(samples) > 2 else samples[0], samples[-1]
    total = {moment: sum(rss.values()) for moment, rss in samples}
    start_mib = sum(first[1].values()) / 1024
    end_mib = sum(last[1].values()) / 1024
    peak_mib = max(total.values()) / 1024
    lines = [
        f"# Soak: {options.database}, {options.articles:,} articles",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {machine()} · wrk, {options.connections} "
        f"connections, {options.duration} s, {len(paths)} addresses in turn, page cache on, "
        "workers never recycled",
        "",
        "| requests | req/s | p50 | p99 | HTTP errors | socket errors |"
        " memory after 5 s | at the end | peak |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {result['requests']:,} | {result['rps']:.0f} | {result['p50']} | {result['p99']} "
        f"| {result['http_errors']} | {result['socket_errors']} | {start_mib:.0f} MiB "
        f"| {end_mib:.0f} MiB | {peak_mib:.0f} MiB |",
        "",
        "Memory is the resident size of the server's master and workers together, read every 5 s:",
        "",
        " ".join(f"{rss / 1024:.0f}" for rss in total.values()) + " MiB",
    ]
    report = RESULTS / f"soak-{options.database}-{options.articles}.md"
    report.write_text("\n".join(lines) + "\n")
    return report


if __name__ == "__main__":
    main()
