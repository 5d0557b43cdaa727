"""Newsroom's benchmark: one command, results in bench/results/.

    python bench/run.py --database postgres --articles 100000
    python bench/run.py --database sqlite --articles 100000

It creates a database of its own (reused by later runs with the same size), fills it with
`manage.py generate_content`, starts the production server (gunicorn, config/gunicorn.py) twice
— page cache off and on — and measures each address with wrk: the median and 99th percentile
latency of one connection at a time (the server time of a request), and the requests per second
of several connections, each the best of three runs taken in turn over the pages. The baseline
is a bare Django view served by the same servers in the same run. It also counts the SQL
queries of each page and, on PostgreSQL, runs every query of the pages, and of the other filter
and sort paths of the finder, the agency pages and the API, under EXPLAIN ANALYZE, to report
any that reads a large table by a sequential scan rather than an index, and how far it read.
"""

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
# How many times each page is measured, with one connection and with several; the best counts.
ROUNDS = 3

# (label, address); every one is fetched first and left out of the table if it is not 200.
PAGES = [
    ("bare Django view (baseline)", "/bench/bare/"),
    ("home", "/"),
    ("finder", "/berita/"),
    ("finder by agency", "/berita/?agency=gen-kemendagri"),
    (
        "finder by agency and dates",
        "/berita/?agency=gen-pemkab-indramayu&from=2020-01-01&to=2022-12-31",
    ),
    ("finder search", "/berita/?q=koordinasi+anggaran"),
    ("finder deep page", "/berita/?page=400"),
    ("finder search by agency", "/berita/?agency=gen-disdukcapil-indramayu&q=data"),
    ("finder search by a large agency", "/berita/?agency=gen-kemendagri&q=data"),
    ("finder in English", "/en/berita/?agency=gen-kemendagri"),
    ("article", "/berita/{article}/"),
    ("agency page", "/instansi/gen-pemkab-indramayu/"),
    ("topic page", "/topik/gen-pemilu-2024/"),
    ("agenda", "/agenda/"),
    ("agenda month", "/agenda/bulan/"),
    ("feed", "/berita/rss.xml"),
    ("API list", "/api/v1/articles/"),
]
# Besides the pages above, the other filter and sort paths of the finder, the agency pages and
# the API, each run once with its queries explained (PostgreSQL): none may read a whole large table.
PLAN_ADDRESSES = [
    "/berita/?topic=gen-pemilu-2024",
    "/berita/?kind=ministry",
    "/berita/?sort=oldest",
    "/berita/?q=koordinasi&sort=newest",
    "/berita/?agency=gen-kemendagri&q=dpupr",
    "/berita/?agency=gen-disdukcapil-indramayu&q=menkes&sort=oldest",
    "/berita/?agency=gen-kemendagri&agency=gen-kemenkes&page=30",
    "/berita/atom.xml?agency=gen-pemkab-indramayu",
    "/instansi/gen-kemendagri/",
    "/agenda/?agency=gen-pemkab-indramayu",
    "/agenda/?when=past&topic=gen-pemilu-2024",
    "/api/v1/articles/?agency=gen-kemendagri&from=2020-01-01&to=2022-12-31",
    "/api/v1/articles/?q=anggaran&page=3",
    "/api/v1/articles/?topic=gen-pemilu-2024&page_size=100",
    "/api/v1/events/?agency=gen-kemendagri",
    "/api/v1/agencies/",
]


def options_from_command_line(description, *, duration, duration_help, connections):
    """The database and load to measure, for this benchmark and the soak."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=duration, help=duration_help)
    parser.add_argument("--connections", type=int, default=connections)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10")
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("The benchmark needs wrk: apt-get install wrk")
    return options


def main():
    options = options_from_command_line(
        __doc__.splitlines()[0], duration=4, duration_help="seconds per wrk run", connections=16
    )

    environment = server_environment(options)
    prepare(options, environment)
    article = run_python(
        environment,
        "from newsroom.articles.models import Article;"
        "print(Article.objects.published().order_by('-published_at')[500].slug)",
    ).strip()
    pages = [(label, address.format(article=article)) for label, address in PAGES]

    rows = {}
    for cached in (False, True):
        mode = "cached" if cached else "uncached"
        server = start_server(environment, cached)
        try:
            measured = []
            for label, address in pages:
                status = fetch_status(server, address)
                row = rows.setdefault(label, {"address": address, "status": status})
                if status == 200:
                    fetch_status(server, address)  # fill the cache
                    row[mode] = {}
                    measured.append(row)
            # The machine's other work slows some runs (never speeds any up), and wrk shares
            # its cores with the server: each figure is the best of several runs, taken in
            # turn over the pages so that a slow spell does not fall on one page only.
            for _ in range(ROUNDS):
                for row in measured:
                    keep_best(
                        row[mode], "latency", wrk(server + row["address"], 1, options.duration)
                    )
            for _ in range(ROUNDS):
                for row in measured:
                    latency = row[mode]["latency"]
                    # A page slower than a second would keep every worker busy long after wrk
                    # stops; its throughput is what its latency says.
                    if not latency["p50_ms"] or latency["p50_ms"] >= 1000:
                        row[mode]["throughput"] = None
                        continue
                    run = wrk(server + row["address"], options.connections, options.duration)
                    keep_best(row[mode], "throughput", run)
            for label, row in rows.items():
                if mode in row:
                    print(f"{mode:>8} {label}: {row[mode]}", flush=True)
        finally:
            stop_server(server)

    measured = [row["address"] for row in rows.values() if row["status"] == 200]
    queries = json.loads(
        run_script(environment, "bench/queries.py", "--plans", *measured, *PLAN_ADDRESSES)
    )
    report = write_report(options, rows, queries)
    print(f"\nWritten to {report.relative_to(ROOT)}")


def server_environment(options):
    """The production settings, on the benchmark's own database and Redis database."""
    work = ROOT / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "benchmark-only-not-a-secret-" + "x0y1z2" * 8,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DATABASE_URL": database_url(options, work),
        "CACHE_URL": options.redis,
        "STATIC_ROOT": str(work / "static"),
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_MAX_REQUESTS": "0",
        "LOG_LEVEL": "WARNING",
    }


def database_url(options, work):
    if options.database == "sqlite":
        return f"sqlite:///{work / f'sqlite-{options.articles}.sqlite3'}"
    return f"{options.postgres}/newsroom_bench_{options.articles}"


def prepare(options, environment):
    """Create and fill the database unless an earlier run left one of the same size."""
    if options.database == "postgres":
        name = environment["DATABASE_URL"].rsplit("/", 1)[1]
        exists = run_python(
            {**environment, "DATABASE_URL": f"{options.postgres}/postgres"},
            "from django.db import connection\n"
            "with connection.cursor() as c:\n"
            f"    c.execute(\"SELECT 1 FROM pg_database WHERE datname = '{name}'\")\n"
            "    print(bool(c.fetchone()))",
        ).strip()
        if exists != "True":
            run_python(
                {**environment, "DATABASE_URL": f"{options.postgres}/postgres"},
                "from django.db import connection\n"
                "with connection.cursor() as c:\n"
                f"    c.execute('CREATE DATABASE {name}')",
            )
    manage(environment, "migrate", "--noinput", "--verbosity", "0")
    generated = run_python(
        environment,
        "from newsroom.articles.models import Article;"
        "print(Article.objects.filter(slug__startswith='gen-').count())",
    ).strip()
    if int(generated) != options.articles:
        if int(generated):
            sys.exit(f"{environment['DATABASE_URL']} holds another size; remove it first.")
        started = time.monotonic()
        manage(environment, "generate_content", "--articles", str(options.articles))
        print(f"Generated in {time.monotonic() - started:.0f} s", flush=True)
    if options.database == "postgres":
        # As autovacuum leaves a live site: statistics gathered and the visibility map set,
        # so that index-only scans need not visit the table (a bulk load leaves it unset).
        run_python(
            environment,
            "from django.db import connection\nconnection.cursor().execute('VACUUM ANALYZE')",
        )
    manage(environment, "compile_translations", "--verbosity", "0")
    manage(environment, "collectstatic", "--noinput", "--verbosity", "0")


def manage(environment, *arguments):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=environment, check=True)


def run_python(environment, code):
    script = f"import django\ndjango.setup()\n{code}"
    return subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=environment, check=True, capture_output=True,
        text=True,
    ).stdout  # fmt: skip


def run_script(environment, script, *arguments):
    return subprocess.run(
        [PYTHON, script, *arguments], cwd=ROOT, env={**environment, "PYTHONPATH": str(ROOT)},
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def start_server(environment, cached):
    """Newsroom's production server, with the page cache on or off."""
    return start_gunicorn(
        [PYTHON, "-m", "gunicorn", "--config", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        environment={**environment, "PAGE_CACHE_ENABLED": "1" if cached else "0"},
        ready="/healthz",
    )


def start_gunicorn(command, *, cwd, environment, ready):
    """gunicorn on a free port, one worker per core with two threads each, returned once the
    address `ready` answers 200; stop_server() stops it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={
            **environment,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_CONCURRENCY": str(os.cpu_count() or 2),
            "GUNICORN_THREADS": "2",
        },
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch_status(url, ready) == 200:
                STARTED[url] = process
                return url
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit("The server did not start.")


STARTED = {}


def stop_server(url):
    process = STARTED.pop(url)
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def fetch_status(server, address):
    try:
        with urllib.request.urlopen(server + address, timeout=300) as response:
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def keep_best(measures, name, run):
    """Keep the run with the most requests per second: the least disturbed one."""
    if name not in measures or run["rps"] > measures[name]["rps"]:
        measures[name] = run


def wrk(url, connections, duration):
    output = subprocess.run(
        ["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{duration}s", "--latency",
         "--timeout", "30s", url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50_ms": milliseconds(re.search(r"50%\s+([\d.]+\w+)", output)[1]),
        "p99_ms": milliseconds(re.search(r"99%\s+([\d.]+\w+)", output)[1]),
        "errors": int(errors[1]) if errors else 0,
        "socket_errors": socket_errors[1] if socket_errors else "",
    }


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)


def machine():
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = re.findall(r"model name\s*:\s*(.*)", cpuinfo.read_text())
        cpu = names[0] if names else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kilobytes = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text())[1])
        memory = f", {kilobytes / 1024 / 1024:.0f} GiB"
    return f"{cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"


def latency_cell(mode):
    latency = mode["latency"]
    if not latency["p50_ms"]:
        return "over the run's length"
    return f"{latency['p50_ms']} / {latency['p99_ms']}"


def throughput_cell(mode):
    # Measured with one connection only when a page takes over a second.
    run = mode["throughput"] or mode["latency"]
    return f"{run['rps']:.0f}" + ("" if mode["throughput"] else " (1 connection)")


def share_cell(mode, baseline):
    if not mode["throughput"]:
        return "—"
    return f"{mode['throughput']['rps'] / baseline['throughput']['rps']:.0%}"


TABLE_HEAD = [
    "| page | queries | uncached p50 / p99 ms | uncached req/s | cached p50 / p99 ms "
    "| cached req/s | cached vs baseline |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
]


def failures_note(*modes) -> str:
    """What went wrong in a page's wrk runs, if anything: " (3 errors) (socket errors: …)"."""
    runs = [run for mode in modes for run in mode.values() if run]
    errors = sum(run["errors"] for run in runs)
    timeouts = ", ".join(run["socket_errors"] for run in runs if run["socket_errors"])
    return (f" ({errors} errors)" if errors else "") + (
        f" (socket errors: {timeouts})" if timeouts else ""
    )


def write_report(options, rows, queries):
    RESULTS.mkdir(exist_ok=True)
    baseline = rows["bare Django view (baseline)"]
    lines = [
        f"# {options.database}, {options.articles:,} articles",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {machine()} · wrk: one connection for "
        f"latency, {options.connections} for throughput, {options.duration} s each, the best "
        f"of {ROUNDS} runs taken in turn over the pages",
        "",
        *TABLE_HEAD,
    ]
    for label, row in rows.items():
        if row["status"] != 200:
            lines.append(f"| {label} (`{row['address']}`) | answered {row['status']} |||||")
            continue
        uncached, cached = row["uncached"], row["cached"]
        lines.append(
            f"| {label} | {queries[row['address']]['queries']} "
            f"| {latency_cell(uncached)} | {throughput_cell(uncached)} "
            f"| {latency_cell(cached)} | {throughput_cell(cached)} "
            f"| {share_cell(cached, baseline['cached'])}{failures_note(uncached, cached)} |"
        )
    plans = {a: result for a, result in queries.items() if "sequential_reads" in result}
    if plans:
        lines += ["", "## Query plans", ""]
        lines += ["Every query of each address, run again under EXPLAIN ANALYZE:", ""]
        for address, result in plans.items():
            reads = result["sequential_reads"]
            verdict = (
                f"answered {result['status']}"
                if result["status"] != 200
                else "indexes only"
                if not reads
                else "; ".join(
                    f"{rows:,} rows of {table} read by a sequential scan"
                    for table, rows in reads.items()
                )
            )
            lines.append(f"- `{address}` ({result['queries']} queries): {verdict}")
    report = RESULTS / f"{options.database}-{options.articles}.md"
    report.write_text("\n".join(lines) + "\n")
    (RESULTS / f"{options.database}-{options.articles}.json").write_text(
        json.dumps({"rows": rows, "queries": queries}, indent=2)
    )
    return report


if __name__ == "__main__":
    main()
