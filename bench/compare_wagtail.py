"""Wagtail beside Newsroom: the same articles, served as Wagtail pages, measured as run.py does.

    python bench/compare_wagtail.py --articles 100000

It makes a virtual environment of its own (var/compare/venv) with the latest Wagtail that
supports the project's Django, and the project's own Django, gunicorn and psycopg; a PostgreSQL
database of its own (wagtail_bench_<n>), migrated for the Wagtail project in bench/wagtail_site/
and loaded with the public articles of Newsroom's benchmark database (newsroom_bench_<n>, made as
bench/run.py makes it if missing) as news pages under a news index, indexed for Wagtail's
database search; both are kept for later runs of the same size. It starts gunicorn as run.py
does (config/gunicorn.py, one worker per core, two threads) and measures with wrk the home page,
the news index, its page 400, a search and the news page of the article run.py measures, beside
a bare Django view; and counts each page's SQL queries. Wagtail has no page cache: every figure
is uncached. Results go to bench/results/wagtail-<n>.md (and .json).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run

ROOT = run.ROOT
SITE = ROOT / "bench" / "wagtail_site"
WORK = ROOT / "var" / "compare"
VENV = WORK / "venv"
VENV_PYTHON = VENV / "bin" / "python"

# (label, address, the row of Newsroom's results with the same content). The addresses are
# Newsroom's too: the news index is at /berita/, as the finder is.
PAGES = [
    ("bare Django view (baseline)", "/bench/bare/", "bare Django view (baseline)"),
    ("home", "/", "home"),
    ("news index", "/berita/", "finder"),
    ("news index deep page", "/berita/?page=400", "finder deep page"),
    ("news index search", "/berita/?q=koordinasi+anggaran", "finder search"),
    ("news page", "/berita/{article}/", "article"),
]
SEARCH_LABEL = "news index search"
# A word of the search above, which the check before measuring must find.
SEARCH_WORD = "koordinasi"
# The same article as run.py's "article" row: the 500th newest published.
ARTICLE_CODE = (
    "from newsroom.articles.models import Article;"
    "print(Article.objects.published().order_by('-published_at')[500].slug)"
)


def main():
    options = options_from_command_line()
    newsroom_environment = prepare_newsroom(options)
    install_wagtail()
    environment = wagtail_environment(options)
    load = prepare_wagtail(options, environment, newsroom_environment)

    article = run.run_python(newsroom_environment, ARTICLE_CODE).strip()
    pages = [
        (label, address.format(article=article), newsroom_label)
        for label, address, newsroom_label in PAGES
        if options.search or label != SEARCH_LABEL
    ]
    check = [VENV_PYTHON, "manage.py", "check_news", *(address for _, address, _ in pages)]
    subprocess.run(
        check + (["--search-word", SEARCH_WORD] if options.search else []),
        cwd=SITE,
        env=environment,
        check=True,
    )

    rows = measure(options, environment, pages)
    queries = count_queries(environment, [row["address"] for row in rows.values()])
    report = write_report(options, rows, queries, load)
    print(f"\nWritten to {report.relative_to(ROOT)}")


def options_from_command_line():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=4, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--search",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="index the pages for Wagtail's search and measure a search; update_index took "
        "1.3 s per 1,000 pages at 9,000 and 1.8 s at 37,000 (about 5 minutes at 100,000, hours "
        "at a million)",
    )
    parser.add_argument(
        "--reload", action="store_true", help="drop the Wagtail database and load it again"
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("The benchmark needs wrk: apt-get install wrk")
    return options


def prepare_newsroom(options):
    """Newsroom's benchmark database, made as bench/run.py makes it if it is missing."""
    newsroom = argparse.Namespace(
        database="postgres",
        articles=options.articles,
        postgres=options.postgres,
        redis=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10"),
    )
    environment = run.server_environment(newsroom)
    name = f"newsroom_bench_{options.articles}"
    if not database_exists(options, name):
        print(f"{name} does not exist: making it as bench/run.py does.", flush=True)
        run.prepare(newsroom, environment)
    return environment


def install_wagtail():
    """The latest Wagtail that the project's Django allows, beside the project's own versions of
    Django, the server and the database driver, so that the two differ in the CMS only."""
    if not VENV_PYTHON.exists():
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    requirements = [
        "wagtail",
        f"django=={version('django')}",
        f"gunicorn=={version('gunicorn')}",
        f"psycopg[binary]=={version('psycopg')}",
    ]
    subprocess.run(
        [VENV_PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--upgrade", *requirements],
        check=True,
    )  # fmt: skip


def wagtail_environment(options):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsbench.settings",
        "PYTHONPATH": str(SITE),
        "SECRET_KEY": "benchmark-only-not-a-secret-" + "w4g7a1" * 8,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DATABASE_URL": f"{options.postgres}/wagtail_bench_{options.articles}",
    }


def prepare_wagtail(options, environment, newsroom_environment):
    """Create, migrate and load the Wagtail database unless an earlier run did; return how long
    the load and the search indexing took, in this run or in the one that made them."""
    name = f"wagtail_bench_{options.articles}"
    timings = WORK / f"{name}.json"
    with psycopg.connect(f"{options.postgres}/postgres", autocommit=True) as connection:
        if options.reload:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            timings.unlink(missing_ok=True)
        if not database_exists(options, name):
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    manage = [VENV_PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "--verbosity", "0"], cwd=SITE,
                   env=environment, check=True)  # fmt: skip

    with psycopg.connect(f"{options.postgres}/{name}") as connection:
        loaded = connection.execute("SELECT EXISTS (SELECT 1 FROM news_newspage)").fetchone()[0]
    exporter = None
    if not loaded:
        print(f"Loading Newsroom's articles into {name}…", flush=True)
        exporter = subprocess.Popen(
            [run.PYTHON, "bench/wagtail_site/export_newsroom.py"],
            cwd=ROOT,
            env={**newsroom_environment, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
        )
    loader = subprocess.Popen(
        [*manage, "load_newsroom", "--search" if options.search else "--no-search"],
        cwd=SITE,
        env=environment,
        stdin=exporter.stdout if exporter else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    if exporter:
        exporter.stdout.close()  # the loader's alone, so that the exporter sees it stop
    output = loader.communicate()[0]
    if loader.returncode or (exporter and exporter.wait()):
        sys.exit("Loading the articles into Wagtail failed.")
    done = json.loads(output.splitlines()[-1])  # what the loader did, on its last line

    load = json.loads(timings.read_text()) if timings.exists() else {}
    for step, measured in done.items():
        pages, seconds = measured["pages"], measured["seconds"]
        print(f"{step.capitalize()} {pages:,} pages in {seconds} s "
              f"({seconds / pages * 1000:.2f} s per 1,000)", flush=True)  # fmt: skip
        load[step] = measured
    timings.write_text(json.dumps(load, indent=2))
    return load


def database_exists(options, name):
    with psycopg.connect(f"{options.postgres}/postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def measure(options, environment, pages):
    """Each page's latency and throughput, as bench/run.py measures its uncached pages."""
    rows = {}
    server = start_server(environment)
    try:
        measured = []
        for label, address, newsroom_label in pages:
            status = run.fetch_status(server, address)
            rows[label] = {"address": address, "newsroom": newsroom_label, "status": status}
            if status == 200:
                rows[label]["uncached"] = {}
                measured.append(rows[label])
        # Best of several runs taken in turn over the pages, for the reasons run.py gives.
        for _ in range(run.ROUNDS):
            for row in measured:
                latency = run.wrk(server + row["address"], 1, options.duration)
                run.keep_best(row["uncached"], "latency", latency)
        for _ in range(run.ROUNDS):
            for row in measured:
                latency = row["uncached"]["latency"]
                # As run.py: a page slower than a second keeps its one-connection throughput.
                if not latency["p50_ms"] or latency["p50_ms"] >= 1000:
                    row["uncached"]["throughput"] = None
                    continue
                throughput = run.wrk(server + row["address"], options.connections,
                                     options.duration)  # fmt: skip
                run.keep_best(row["uncached"], "throughput", throughput)
        for label, row in rows.items():
            print(f"uncached {label}: {row.get('uncached')}", flush=True)
    finally:
        run.stop_server(server)
    return rows


def start_server(environment):
    """Newsroom's production server configuration (config/gunicorn.py), with the same workers
    and threads as bench/run.py gives it, serving the Wagtail project."""
    return run.start_gunicorn(
        [VENV_PYTHON, "-m", "gunicorn", "--config", ROOT / "config" / "gunicorn.py",
         "newsbench.wsgi"],
        cwd=SITE,
        environment={
            **environment,
            "GUNICORN_ACCESS_LOG": "",
            "GUNICORN_LOG_LEVEL": "warning",
            "GUNICORN_MAX_REQUESTS": "0",
        },
        ready="/bench/bare/",
    )  # fmt: skip


def count_queries(environment, addresses):
    """bench/queries.py, run in the Wagtail project, on a process that has served each page
    once before: Wagtail reads the sites and Django the content types once per process, as a
    running server did long before. (Newsroom's counts are the same either way.)"""
    output = subprocess.run(
        [VENV_PYTHON, ROOT / "bench" / "queries.py", *addresses, *addresses],
        cwd=SITE, env=environment, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(output)  # the counts of the second time, which replace the first's


def write_report(options, rows, queries, load):
    run.RESULTS.mkdir(exist_ok=True)
    versions = json.loads(
        subprocess.run(
            [VENV_PYTHON, "-c", "import json; from importlib.metadata import version; "
             "print(json.dumps({name: version(name) for name in "
             "('wagtail', 'django', 'gunicorn', 'psycopg')}))"],
            check=True, capture_output=True, text=True,
        ).stdout
    )  # fmt: skip
    lines = [
        f"# Wagtail {versions['wagtail']}, PostgreSQL, {options.articles:,} articles",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {run.machine()} · wrk: one connection for "
        f"latency, {options.connections} for throughput, {options.duration} s each, the best "
        f"of {run.ROUNDS} runs taken in turn over the pages",
        "",
        f"Wagtail {versions['wagtail']}, Django {versions['django']}, gunicorn "
        f"{versions['gunicorn']} ({os.cpu_count()} workers, 2 threads each, as Newsroom's "
        f"benchmark), psycopg {versions['psycopg']}; the project in bench/wagtail_site/. "
        + load_sentence(load),
        "",
        "The pages show what wagtail/bakerydemo's blog shows: the news index twenty news a "
        "page (title, time, lead agency, summary), newest first, or the best matches of a "
        "search; a news page its title, time, agency, summary and body; the home page the "
        "newest six. Newsroom's show more (the finder's filters and facets, an article's "
        "agencies, topics and related articles, the home page's agenda and agencies). Wagtail "
        "has no page cache: every page is rendered at every request, and the cached columns "
        "are empty.",
        "",
        *run.TABLE_HEAD,
    ]
    for label, row in rows.items():
        if row["status"] != 200:
            lines.append(f"| {label} (`{row['address']}`) | answered {row['status']} |||||")
            continue
        lines.append(
            f"| {label} | {queries[row['address']]['queries']} "
            f"| {run.latency_cell(row['uncached'])} | {run.throughput_cell(row['uncached'])} "
            f"| — | — | —{run.failures_note(row['uncached'])} |"
        )
    lines += newsroom_beside(options, rows, queries)
    report = run.RESULTS / f"wagtail-{options.articles}.md"
    report.write_text("\n".join(lines) + "\n")
    (run.RESULTS / f"wagtail-{options.articles}.json").write_text(
        json.dumps({"versions": versions, "load": load, "rows": rows, "queries": queries},
                   indent=2)
    )  # fmt: skip
    return report


def load_sentence(load):
    parts = []
    if "loaded" in load:
        pages, seconds = load["loaded"]["pages"], load["loaded"]["seconds"]
        parts.append(
            f"{pages:,} news pages (Newsroom's public articles) loaded in {seconds} s "
            f"({seconds / pages * 1000:.2f} s per 1,000)"
        )
    if "indexed" in load:
        pages, seconds = load["indexed"]["pages"], load["indexed"]["seconds"]
        parts.append(
            f"indexed for search by Wagtail's update_index in {seconds} s "
            f"({seconds / pages * 1000:.2f} s per 1,000)"
        )
    return (", ".join(parts) + ".") if parts else ""


def newsroom_beside(options, rows, queries):
    """Newsroom's figures for the same pages, from its results for the same size, if any."""
    results = run.RESULTS / f"postgres-{options.articles}.json"
    if not results.exists():
        return []
    newsroom = json.loads(results.read_text())
    lines = [
        "",
        f"## Beside Newsroom ({results.relative_to(ROOT)})",
        "",
        "Newsroom's figures come from another run, at another hour: this machine's speed "
        "changes from one to the next, so compare each to the bare view of its own run.",
        "",
        "| page | queries Newsroom / Wagtail | uncached p50 ms Newsroom / Wagtail "
        "| uncached req/s Newsroom / Wagtail | Newsroom cached req/s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    try:
        for label, row in rows.items():
            theirs = newsroom["rows"].get(row["newsroom"])
            if row["status"] != 200 or not theirs or theirs["status"] != 200:
                continue
            ours = row["uncached"]
            page = label if label == row["newsroom"] else f"{label} ({row['newsroom']})"
            lines.append(
                f"| {page} "
                f"| {newsroom['queries'][theirs['address']]['queries']} "
                f"/ {queries[row['address']]['queries']} "
                f"| {theirs['uncached']['latency']['p50_ms']} / {ours['latency']['p50_ms']} "
                f"| {run.throughput_cell(theirs['uncached'])} / {run.throughput_cell(ours)} "
                f"| {run.throughput_cell(theirs['cached'])} |"
            )
    except (KeyError, TypeError) as error:
        # Another layout of Newsroom's results: the table above stands without this one.
        print(f"Not compared with {results.name}, laid out otherwise ({error!r}).")
        return []
    return lines


if __name__ == "__main__":
    main()
