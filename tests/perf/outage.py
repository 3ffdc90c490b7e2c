"""Fifty patients walk the questionnaire for a minute while PostgreSQL restarts in the middle.

    python -m tests.perf.outage [--clients 50] [--seconds 60] [--restart-at 20] [--no-restart]

Run on demand, not by CI; it needs root (pg_ctlcluster) and a local PostgreSQL. It makes its
own database, `findatrial_hardening_outage` (dropped and made again, demo trials loaded),
starts gunicorn on 127.0.0.1 (4 workers x 8 threads, connections kept 60 s so that the
health checks are exercised), and runs `--clients` threads, each a patient with their own
cookies: open /check/, answer every step (age, sex and lupus, then "not sure" or skip), read
the results, start over, again. At `--restart-at` seconds it restarts PostgreSQL
(`pg_ctlcluster --skip-systemctl-redirect <version> main restart`): other work on this
PostgreSQL pauses for those seconds too, so run it rarely.

It prints, before / during / after the restart: requests, answered (2xx/3xx), 4xx (expected:
a walker first tries "not sure" where a question does not offer it), 503 with Retry-After, 503
without it, other 5xx and requests with no answer at all (connection errors, timeouts); how
many walks came back to the step they were on after an error (answers kept) and how many had
lost their answers; and what gunicorn logged (tracebacks, outage lines: one per worker process
per outage is the design).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("OUTAGE_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
NAME = "findatrial_hardening_outage"
GIVEN = {"age": "41", "sex": "female", "conditions": "sle"}
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
STEP = re.compile(r'name="step" value="([^"]+)"')
# After the restart command returns, requests may still meet stale connections this long.
SETTLE_SECONDS = 2.0


@dataclass
class Record:
    """Every request's outcome, when it happened, shared by all walkers."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    outcomes: list[tuple[float, str]] = field(default_factory=list)
    resumed: int = 0
    lost: int = 0
    walks: int = 0

    def note(self, outcome: str) -> None:
        with self.lock:
            self.outcomes.append((time.monotonic(), outcome))


def outcome_of(response: requests.Response) -> str:
    status = response.status_code
    if status == 503:
        return "503" if response.headers.get("Retry-After") else "503 no Retry"
    if status >= 500:
        return "other 5xx"
    if status >= 400:
        return "4xx"
    return "answered"


class Patient:
    def __init__(self, base: str, record: Record, stop: float) -> None:
        self.base, self.record, self.stop = base, record, stop
        self.http = requests.Session()
        self.step_before_error: str | None = None

    def request(self, method: str, path: str, **kwargs) -> requests.Response | None:
        try:
            response = self.http.request(
                method, self.base + path, allow_redirects=False, timeout=15, **kwargs
            )
        except requests.RequestException:
            self.record.note("no answer")
            return None
        self.record.note(outcome_of(response))
        return response

    def run(self) -> None:
        while time.monotonic() < self.stop:
            if not self.walk():
                time.sleep(1.0)  # as a person would, before trying again

    def walk(self) -> bool:
        """One walk to the results and back to the start; False when a request failed."""
        page = self.request("GET", "/check/")
        for _turn in range(40):
            if page is None or page.status_code >= 500:
                return False
            if page.status_code in (302, 303):
                location = page.headers["Location"]
                page = self.request("GET", location)
                if location.startswith("/check/results/"):
                    if page is None or page.status_code != 200:
                        return False
                    self.request("POST", "/check/start-over/", data=self.form(page.text))
                    with self.record.lock:
                        self.record.walks += 1
                    return True
                continue
            match = STEP.search(page.text)
            if not match:
                return False
            step = match.group(1)
            self.after_error(step)
            form = self.form(page.text) | {"step": step}
            if step in GIVEN:
                form |= {"action": "answer", "answer": GIVEN[step]}
            else:
                form |= {"action": "not_sure"}
            answered = self.request("POST", "/check/", data=form)
            if answered is not None and answered.status_code == 400:
                answered = self.request("POST", "/check/", data=form | {"action": "skip"})
            if answered is None or answered.status_code >= 500:
                self.step_before_error = step
                return False
            page = answered
        return False

    def after_error(self, step: str) -> None:
        """The first step seen after an error: the same one (answers kept) or the first (lost)."""
        if self.step_before_error is None:
            return
        with self.record.lock:
            if step == self.step_before_error:
                self.record.resumed += 1
            elif step == "age" and self.step_before_error != "age":
                self.record.lost += 1
        self.step_before_error = None

    @staticmethod
    def form(page: str) -> dict[str, str]:
        return {name: html.unescape(value) for name, value in HIDDEN.findall(page)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--restart-at", type=float, default=20)
    parser.add_argument("--no-restart", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="findatrial-outage-") as folder:
        env = prepare(Path(folder))
        port = free_port()
        log = Path(folder) / "gunicorn.log"
        server = start_gunicorn(env, port, log)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base)
            record, restart = drive(base, args)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        report(record, restart, log.read_text(), args)
    admin(f"DROP DATABASE IF EXISTS {NAME} WITH (FORCE)")
    return 0


def prepare(folder: Path) -> dict[str, str]:
    admin(f"DROP DATABASE IF EXISTS {NAME} WITH (FORCE)")
    admin(f"CREATE DATABASE {NAME}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "findatrial.settings",
        "DATABASE_URL": f"{SERVER}/{NAME}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    return env


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "findatrial.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "4", "--threads", "8"]
    command += ["--worker-class", "gthread", "--timeout", "30"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def drive(base: str, args) -> tuple[Record, tuple[float, float] | None]:
    start = time.monotonic()
    record = Record()
    patients = [Patient(base, record, start + args.seconds) for _ in range(args.clients)]
    threads = [threading.Thread(target=patient.run) for patient in patients]
    for thread in threads:
        thread.start()
    restart = None
    if not args.no_restart:
        time.sleep(args.restart_at)
        began = time.monotonic()
        version = sorted(os.listdir("/etc/postgresql"))[-1]
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True
        )
        restart = (began - start, time.monotonic() - start)
        print(f"PostgreSQL restarted from {restart[0]:.1f} s to {restart[1]:.1f} s")
    for thread in threads:
        thread.join()
    record.outcomes = [(moment - start, outcome) for moment, outcome in record.outcomes]
    return record, restart


def report(record: Record, restart, log: str, args) -> None:
    if restart is None:
        phases = {"whole run": (0.0, float("inf"))}
    else:
        phases = {
            "before": (0.0, restart[0]),
            "during": (restart[0], restart[1] + SETTLE_SECONDS),
            "after": (restart[1] + SETTLE_SECONDS, float("inf")),
        }
    kinds = ["answered", "4xx", "503", "503 no Retry", "other 5xx", "no answer"]
    print(f"\n{args.clients} patients, {args.seconds:.0f} s, gunicorn 4x8 threads, PostgreSQL")
    print(f"{'phase':<10} {'seconds':>8} {'requests':>9} " + " ".join(f"{k:>12}" for k in kinds))
    for name, (low, high) in phases.items():
        counted = Counter(kind for moment, kind in record.outcomes if low <= moment < high)
        span = min(high, args.seconds) - low
        cells = " ".join(f"{counted[kind]:>12}" for kind in kinds)
        print(f"{name:<10} {span:>8.1f} {sum(counted.values()):>9} {cells}")
    print(f"walks finished: {record.walks}")
    print(f"after an error, walks back on their step (answers kept): {record.resumed}")
    print(f"walks sent back to the first question (answers lost): {record.lost}")
    print(
        f"gunicorn log: {log.count('Traceback')} tracebacks, "
        f"{log.count('database unreachable')} 'database unreachable' lines, "
        f"{len(re.findall(r'previous database outage failed', log))} burst summaries"
    )


def admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str) -> None:
    for _ in range(150):
        try:
            if requests.get(base + "/robots.txt", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


if __name__ == "__main__":
    sys.exit(main())
