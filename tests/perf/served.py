"""Pages under a real server: gunicorn and wrk on loopback, each page measured beside the floor.

    python -m tests.perf.served [--sizes 1000,10000] [--databases sqlite,postgres] [--seconds 4]
                                [--pages results,step]

For each database and size (smallest first, the data only grows) it starts gunicorn with two
sync workers on 127.0.0.1, checks every page answers as expected, then for each page runs wrk
on the floor (a bare Django view in the same gunicorn), on the page, and on the floor again, so
both share whatever else the machine is doing; the ratio is the page's requests per second over
the mean of its two floors. "One request" is the median of seven sequential requests, warm.
The results page is measured twice: replaying one patient's answers (what the workers kept from
the first request serves the rest), and with a new patient each request (their own ZIP code and
age, from NEW_PATIENTS sessions), so nothing kept for one patient serves the next. Before that
row the workers serve WARMING_PATIENTS other new patients, as a worker has some minutes into a
load: what each load works out once for everyone (the trials' card facts) is then read, as the
load itself is before every row, and what the row measures is a patient's own work.
`--pages` measures only the pages whose label holds one of its words.
Bounded in time: wrk runs `--seconds` per measurement, gunicorn is stopped after each size.
The databases are our own: a SQLite file in a temporary folder, and PostgreSQL's
`findatrial_bench_served` (or BENCH_POSTGRES_NAME; dropped and made again) at
BENCH_POSTGRES_URL's server.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
# Its own database, named apart when several people run it against one server.
POSTGRES_NAME = os.environ.get("BENCH_POSTGRES_NAME", "findatrial_bench_served")
WORKERS = 2
CONNECTIONS = 8
SAMPLES = 7
# Sessions of different patients for the "new patient each request" row: more than a run sends.
NEW_PATIENTS = 4000
# Other new patients served before that row, from the end of the sessions (wrk starts at the
# beginning): 500 a worker is ten times the pages a worker needs to read every trial's card
# facts at 10,000 trials (screening.result_cards.READ_AHEAD).
WARMING_PATIENTS = 1000
# The floors bracket each page: the lower pair bound says how steady the machine was.
HEADER = (
    f"{'page':<44} {'trials':>7} {'req/s':>8} {'floor req/s':>12} {'ratio':>6} {'goal':>5} "
    f"{'one request':>12}"
)


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    expect: int = 200
    per_patient: bool = False
    method: str = "GET"
    body: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    # Cookie headers taken in turn, one a request (a new patient each time), when given.
    cookies: tuple[str, ...] = ()

    @property
    def goal(self) -> float:
        return 1 / 10 if self.per_patient else 1 / 3


@dataclass(frozen=True)
class Measured:
    page: Page
    trials: int
    rps: float
    floor_rps: float
    one_request_ms: float

    def line(self) -> str:
        ratio = self.rps / self.floor_rps if self.floor_rps else 0.0
        goal = "1/10" if self.page.per_patient else "1/3"
        mark = "" if ratio >= self.page.goal else " below"
        return (
            f"{self.page.label:<44} {self.trials:>7,} {self.rps:>8.1f} {self.floor_rps:>12.1f} "
            f"{ratio:>6.2f} {goal:>5} {self.one_request_ms:>9.1f} ms{mark}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--pages", default="", help="only pages whose label holds one of these")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 2
    sizes = sorted(int(size) for size in args.sizes.split(",") if size)
    results: list[tuple[str, list[Measured]]] = []
    for database in [name.strip() for name in args.databases.split(",") if name.strip()]:
        with tempfile.TemporaryDirectory(prefix="findatrial-bench-") as folder:
            env = _environment(database, Path(folder))
            _prepare(env)
            measured: list[Measured] = []
            for size in sizes:
                _grow(env, size)
                port = args.port or _free_port()
                measured += _measure_size(env, size, args.seconds, port, args.pages)
            results.append((database, measured))
            if database == "postgres":
                _drop_postgres()
    for database, measured in results:
        print(f"\n{database}: gunicorn, {WORKERS} sync workers, wrk -c{CONNECTIONS}, loopback")
        print(HEADER)
        for row in measured:
            print(row.line())
    return 0


def _environment(database: str, folder: Path) -> dict[str, str]:
    if database == "sqlite":
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
    elif database == "postgres":
        _drop_postgres()
        _postgres_admin(f"CREATE DATABASE {POSTGRES_NAME}")
        url = f"{POSTGRES_SERVER}/{POSTGRES_NAME}"
    else:
        raise SystemExit(f"unknown database {database!r}: sqlite or postgres")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.perf.settings",
        "DATABASE_URL": url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        "CONN_MAX_AGE": "60",
        "BENCH_STATIC_ROOT": str(folder / "static"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def _postgres_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def _drop_postgres() -> None:
    _postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_NAME} WITH (FORCE)")


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _prepare(env: dict[str, str]) -> None:
    _manage(env, "migrate", "--no-input", "--verbosity", "0")
    _manage(env, "collectstatic", "--no-input", "--verbosity", "0")


def _grow(env: dict[str, str], size: int) -> None:
    """The database holds `size` benchmark trials (tests.perf.data), built in a child process."""
    code = (
        "import django; django.setup()\n"
        "from tests.perf.data import REGISTRY_PREFIX, build_trials\n"
        "from trials.models import Trial\n"
        "have = Trial.objects.filter(registry_id__startswith=REGISTRY_PREFIX).count()\n"
        f"wanted = {size}\n"
        "if have < wanted:\n"
        "    built = build_trials(wanted - have, start=have)\n"
        '    print(f\'[bench] built {built["trials"]:,} trials in {built["seconds"]:.0f} s\')\n'
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


def _patient_sessions(env: dict[str, str]) -> dict[str, list[str]]:
    """Session cookies for a walk a few answers in, for a finished walk, and for
    NEW_PATIENTS finished walks of different patients."""
    code = (
        "import django; django.setup()\n"
        "from tests.perf.patients import ALL_ANSWERS, FIRST_ANSWERS, new_patients, session_cookie\n"
        "print(session_cookie(FIRST_ANSWERS)); print(session_cookie(ALL_ANSWERS))\n"
        f"for answers in new_patients({NEW_PATIENTS}): print(session_cookie(answers))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    return {"step": out[:1], "results": out[1:2], "new": out[2:]}


def _measure_size(
    env: dict[str, str], size: int, seconds: float, port: int, only: str = ""
) -> list[Measured]:
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"]
        + ["--log-level", "warning", "findatrial.wsgi:application"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        _wait_until_up(base)
        pages = _pages(base, _patient_sessions(env))
        words = [word.strip() for word in only.split(",") if word.strip()]
        if words:
            pages = [page for page in pages if any(word in page.label for word in words)]
        floor = Page("floor", "/perf/floor/")
        for page in [floor, *pages]:  # each answers as expected, and warms the workers
            for _ in range(3):
                _one_request(base, page)
        for page in pages:
            if page.per_patient:
                _warm_every_worker(base, page)
        measured = []
        for page in pages:
            if page.cookies:  # just before: a load lives CACHE_SECONDS at most
                _serve_other_patients(base, page, WARMING_PATIENTS)
            before = _wrk(base, floor, seconds)
            rps = _wrk(base, page, seconds)
            after = _wrk(base, floor, seconds)
            one = statistics.median(_one_request(base, page) for _ in range(SAMPLES))
            measured.append(Measured(page, size, rps, (before + after) / 2, one))
            print(f"[bench] {measured[-1].line()}", flush=True)
        memory = ", ".join(f"{mib:,.0f} MiB" for mib in _worker_memory(server.pid))
        print(f"[bench] {size:,} trials: each worker's memory (RSS) after the run: {memory}")
        return measured
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _pages(base: str, sessions: dict[str, list[str]]) -> list[Page]:
    """The pages of the issue; the step's POST answers the question the GET shows.

    Each patient's cookies hold a CSRF secret too, as a browser's do once the questionnaire's
    first form has set it (without it, every results page would make and send a new one).
    """
    csrf = secrets.token_hex(16)  # a 32-character secret serves as its own token
    step_cookie = f"sessionid={sessions['step'][0]}; csrftoken={csrf}"
    request = urllib.request.Request(f"{base}/check/", headers={"Cookie": step_cookie})
    with urllib.request.urlopen(request, timeout=30) as response:
        step_html = response.read().decode()
    form = _answer_form(step_html)
    body = "&".join(f"{key}={urllib.request.quote(str(value))}" for key, value in form.items())
    trial = _first_trial_path(base)
    return [
        Page("home /", "/"),
        Page("list /trials/", "/trials/"),
        Page("list, filtered /trials/?condition=sle&open=1", "/trials/?condition=sle&open=1"),
        Page("list, htmx page 2 of a filter", "/trials/?condition=sle&page=2", headers=_htmx()),
        Page(f"trial page {trial}", trial),
        Page("handout", f"{trial}handout/"),
        Page(
            "questionnaire step GET /check/",
            "/check/",
            per_patient=True,
            headers=(("Cookie", step_cookie),),
        ),
        Page(
            f"questionnaire step POST htmx ({form['step']})",
            "/check/",
            per_patient=True,
            method="POST",
            body=body,
            headers=(
                ("Cookie", step_cookie),
                ("X-CSRFToken", csrf),
                ("Content-Type", "application/x-www-form-urlencoded"),
                *_htmx(),
            ),
        ),
        Page(
            "results /check/results/",
            "/check/results/",
            per_patient=True,
            headers=(("Cookie", f"sessionid={sessions['results'][0]}; csrftoken={csrf}"),),
        ),
        Page(
            "results, a new patient each request",
            "/check/results/",
            per_patient=True,
            cookies=tuple(
                f"sessionid={session}; csrftoken={secrets.token_hex(16)}"
                for session in sessions["new"]
            ),
        ),
    ]


def _htmx() -> tuple[tuple[str, str], ...]:
    return (("HX-Request", "true"),)


def _answer_form(step_html: str) -> dict[str, str]:
    key = re.search(r'name="step" value="([^"]+)"', step_html).group(1)
    answered = re.search(r'name="answered" value="([^"]+)"', step_html).group(1)
    form = {"step": key, "answered": answered, "action": "answer"}
    number = re.search(
        r'<input[^>]+name="answer"[^>]+type="number"|type="number"[^>]+name="answer"', step_html
    )
    if number:
        form["answer"] = "40"
    else:
        choice = re.search(
            r'name="answer"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="answer"', step_html
        )
        form["answer"] = (choice.group(1) or choice.group(2)) if choice else ""
    return form


def _first_trial_path(base: str) -> str:
    with urllib.request.urlopen(f"{base}/trials/?open=1", timeout=30) as response:
        html = response.read().decode()
    return re.search(r'href="(/trials/NCT8\d+/)"', html).group(1)


_turns = itertools.count()


def _request(base: str, page: Page) -> urllib.request.Request:
    headers = dict(page.headers)
    if page.cookies:  # counted backwards, away from the ones wrk takes first
        headers["Cookie"] = page.cookies[-1 - next(_turns) % len(page.cookies)]
    return urllib.request.Request(
        base + page.path,
        data=page.body.encode() if page.method == "POST" else None,
        headers=headers,
        method=page.method,
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _one_request(base: str, page: Page) -> float:
    """Milliseconds for one request, checking its status."""
    began = time.perf_counter()
    try:
        with _opener.open(_request(base, page), timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    took = (time.perf_counter() - began) * 1000
    if status != page.expect:
        raise SystemExit(f"{page.label}: answered {status}, expected {page.expect}")
    return took


def _wrk(base: str, page: Page, seconds: float) -> float:
    """Requests per second wrk reached; every answer must have been a success."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--timeout", "30s"]
    for name, value in page.headers:
        command += ["-H", f"{name}: {value}"]
    with tempfile.TemporaryDirectory() as folder:
        if page.method == "POST":
            script = Path(folder) / "post.lua"
            body = page.body.replace("\\", "\\\\").replace('"', '\\"')
            script.write_text(f'wrk.method = "POST"\nwrk.body = "{body}"\n')
            command += ["-s", str(script)]
        elif page.cookies:
            script = Path(folder) / "patients.lua"
            script.write_text(_TAKE_TURNS.replace("COOKIES", ", ".join(map(repr, page.cookies))))
            command += ["-s", str(script)]
        out = subprocess.run(
            [*command, base + page.path], capture_output=True, text=True, check=True
        ).stdout
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if failed:
        raise SystemExit(f"{page.label}: {failed.group(1)} failed answers under wrk\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


# wrk's two threads each take every other patient's cookies in turn, so none is sent twice.
_TAKE_TURNS = """
local cookies = {COOKIES}
local threads = 0
function setup(thread)
  thread:set("first", threads)
  threads = threads + 1
end
function init(args)
  turn = first
end
function request()
  turn = turn + 2
  return wrk.format(nil, nil, {["Cookie"] = cookies[turn % #cookies + 1]})
end
"""


def _warm_every_worker(base: str, page: Page) -> None:
    """Sends the page CONNECTIONS requests at a time until two rounds in a row in which no
    request waits a second: each worker loads the open trials on its first questionnaire
    request (seconds at 10,000 trials). A worker still loading would take a core from the floor
    measured next and leave the page to a cold worker. Each round waits for all its requests:
    wrk leaves out those still waiting when its run ends, so it saw nothing slow while a worker
    was still loading. Patients' pages take sessions from the end of the list, which wrk does
    not reach in a run."""
    fast = 0
    deadline = time.monotonic() + 120
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        while fast < 2:
            if time.monotonic() > deadline:
                raise SystemExit(f"{page.label}: workers still slow after two minutes of warming")
            took = list(pool.map(lambda _: _one_request(base, page), range(CONNECTIONS * 2)))
            fast = fast + 1 if max(took) < 1000 else 0


def _serve_other_patients(base: str, page: Page, count: int) -> None:
    """`count` requests of the page, CONNECTIONS at a time, each with its own patient's
    cookies."""
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        list(pool.map(lambda _: _one_request(base, page), range(count)))


def _worker_memory(master: int) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MiB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue
        if fields.get("PPid", "").strip() == str(master) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def _wait_until_up(base: str) -> None:
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{base}/perf/floor/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
