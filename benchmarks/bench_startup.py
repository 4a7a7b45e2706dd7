"""The reader: launch to first paint, and keystroke-to-repaint latency in the search bar and the list.

First paint is timed on the real `dossier` command in a real terminal (tmux, 120x40): from the
process start to the first screen showing the article list, with a warm index (the dossier was
opened once before, as a returning reader's is). Keystroke latency is timed in-process: from a
key event handed to the app (as the terminal driver does) to the frame that shows that query's
results (search in a worker, list rebuilt, screen refreshed).
Keystroke to frame is also timed in the real terminal (tmux, 120x40): from `send-keys` to the
last change of the screen before it rests for SETTLE seconds (the typed letter shows first, the
results when painted), so it includes Textual's output and tmux's parsing, as a user sees it.
With DOSSIER_BASELINE=/path/to/an/older/checkout (its .venv), its `dossier` is timed the same way.
Bars: first paint <= 0.8 s on the seeds and on the 3,824-article dossier with a warm index;
search key to painted frame in tmux p95 <= 50 ms; list cursor key to repainted list p95 <= 30 ms.
Also: opening one very long article (about 170,000 words of the NewsArticles texts in one file,
the size at which the Markdown widget takes 9 s) and resizing the terminal while it is open.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
LAUNCHES = 5
SETTLE = 0.5  # seconds without a change after which a key's frame is final (tmux timing)
LONG_WORDS = 170_000
TYPED = {"seeds": ["gulevich", "belarus military"], "3,824": ["north korea missile", "trump administration"]}


def run(ctx) -> None:
    for label, folder in (("seeds", ctx.seeds), ("3,824", ctx.news_folder)):
        started = time.perf_counter()
        # In a child process: this one stays small, so polling tmux (fork) does not slow the launches.
        first_title = subprocess.run(
            [sys.executable, "-c", f"import asyncio, sys; from benchmarks.bench_startup import _open_once; "
             f"print(asyncio.run(_open_once(sys.argv[1]))[:20])", str(folder)],
            capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": f"{ROOT}:{SRC}"},
        ).stdout.strip()
        ctx.report(f"{label}: first open in the reader, every stage (cold caches)", time.perf_counter() - started, "s")
        if shutil.which("tmux"):
            paints = [_first_paint(folder, first_title) for _ in range(LAUNCHES)]
            ctx.report(f"{label}: launch to first paint (median of {LAUNCHES}, warm)", statistics.median(paints), "s",
                       bar="<= 0.8 s")
            ctx.report(f"{label}: launch to first paint (worst of {LAUNCHES})", max(paints), "s")
        latencies, moves = asyncio.run(_keystrokes(folder, TYPED[label]))
        ctx.report(f"{label}: search keystroke to repaint p50 (in-process)", statistics.median(latencies) * 1000, "ms")
        ctx.report(f"{label}: search keystroke to repaint p95 (in-process)", _p95(latencies) * 1000, "ms")
        ctx.report(f"{label}: list cursor key to repaint p50 (in-process)", statistics.median(moves) * 1000, "ms")
        ctx.report(f"{label}: list cursor key to repaint p95 (in-process)", _p95(moves) * 1000, "ms", bar="<= 30 ms")
        if shutil.which("tmux"):
            programs = [("", _program())]
            if baseline := os.environ.get("DOSSIER_BASELINE"):
                programs.append((" [baseline]", [str(Path(baseline) / ".venv/bin/dossier")]))
            for tag, program in programs:
                typed = _tmux_keystrokes(program, folder, first_title, TYPED[label])
                ctx.report(f"{label}: search key to frame in tmux p50{tag}", statistics.median(typed) * 1000, "ms")
                ctx.report(f"{label}: search key to frame in tmux p95{tag}", _p95(typed) * 1000, "ms", bar="<= 50 ms")
    _long_article(ctx)


async def _open_once(folder: str | Path) -> str:
    """Open the dossier in the reader until every stage is done, as a returning reader did before:
    index, analysis, links and the remembered article list are then on disk. Returns the first title."""
    from dossier_tui.app import DossierApp

    app = DossierApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        return app.session.dossier.articles[0].title


def _long_article(ctx) -> None:
    from benchmarks import corpora

    folder = ctx.workdir / "long-article"
    folder.mkdir(exist_ok=True)
    texts, words = [], 0
    for row in corpora.news_articles():
        texts.append(row["text"].replace("\n", "\n\n"))
        words += len(row["text"].split())
        if words >= LONG_WORDS:
            break
    (folder / "long.txt").write_text("One very long article\n\n" + "\n\n".join(texts), encoding="utf-8")
    opened, resized = asyncio.run(_open_and_resize(folder))
    ctx.report(f"open a {words:,}-word article (to the painted frame)", opened, "s")
    ctx.report("resize 120x40 -> 80x24 with it open (to the painted frame)", resized, "s")


async def _open_and_resize(folder: Path) -> tuple[float, float]:
    from dossier_tui.app import DossierApp

    app = DossierApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("enter")
        await _painted(app)
        opened = time.perf_counter() - started
        started = time.perf_counter()
        await pilot.resize_terminal(80, 24)
        await _painted(app)
        return opened, time.perf_counter() - started


async def _painted(app) -> None:
    painted = asyncio.Event()
    app.screen.call_after_refresh(painted.set)
    await painted.wait()


def _program() -> list[str]:
    script = Path(sys.executable).with_name("dossier")
    return [str(script)] if script.exists() else [sys.executable, "-m", "dossier_tui"]


def _tmux_start(program: list[str], folder: Path) -> str:
    session = f"bench-{uuid.uuid4().hex[:8]}"
    # A running tmux server starts panes with its own environment: pass the benchmark's XDG dirs
    # (a baseline gets caches of its own: its cache formats may differ).
    env = [f"{k}={v}" for k, v in os.environ.items() if k.startswith("XDG_")]
    if program == _program():
        env.append(f"PYTHONPATH={SRC}")
    else:
        env = [f"{k}={v}-baseline" for k, v in os.environ.items() if k.startswith("XDG_")]
    command = shlex.join(["env", *env, *program, str(folder)])
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command], check=True)
    return session


def _capture(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout


def _first_paint(folder: Path, title: str) -> float:
    """Seconds from starting `dossier FOLDER` in tmux to the list showing its first title."""
    started = time.perf_counter()
    session = _tmux_start(_program(), folder)
    try:
        while time.perf_counter() - started < 30:
            if title in _capture(session):
                return time.perf_counter() - started
            time.sleep(0.02)
        raise RuntimeError(f"no first paint of {folder} within 30 s")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def _tmux_keystrokes(program: list[str], folder: Path, title: str, queries: list[str]) -> list[float]:
    """Seconds from `tmux send-keys` of each typed character to the panes below the bar changing."""
    session = _tmux_start(program, folder)
    busy = ("loading", "analysing", "indexing", "linking")
    latencies: list[float] = []
    try:
        deadline = time.perf_counter() + 900  # a baseline builds its caches cold
        while not (title in (screen := _capture(session)) and not any(word in screen for word in busy)):
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{program} did not settle on {folder}")
            time.sleep(0.1)
        time.sleep(1)
        for query in queries:
            subprocess.run(["tmux", "send-keys", "-t", session, "/"], check=True)
            time.sleep(0.3)
            for char in query:
                screen = _capture(session)
                started = time.perf_counter()
                subprocess.run(["tmux", "send-keys", "-t", session, "-l", char], check=True)
                # The last change within SETTLE after the key: the typed letter shows at once, the
                # list and counts when the search is painted (or never, when they stay the same).
                last = started
                while time.perf_counter() - last < SETTLE and time.perf_counter() - started < 3:
                    now = _capture(session)
                    if now != screen:
                        screen, last = now, time.perf_counter()
                latencies.append(last - started)
            subprocess.run(["tmux", "send-keys", "-t", session, "C-a", "C-k", "Escape"], check=True)
            time.sleep(1)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    return latencies


async def _keystrokes(folder: Path, queries: list[str]) -> tuple[list[float], list[float]]:
    """Seconds from a key arriving (as the terminal driver delivers it) to the frame showing its
    results; then the same for `j` in the article list (cursor moved, rows repainted)."""
    from textual import events

    from dossier_tui.app import DossierApp

    app = DossierApp(folder)
    latencies: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for query in queries:
            await pilot.press("/")
            for typed, char in enumerate(query, start=1):
                started = time.perf_counter()
                app._driver.send_message(events.Key("space" if char == " " else char, char))
                while app.session.query != query[:typed]:
                    await asyncio.sleep(0.0005)
                await _painted(app)
                latencies.append(time.perf_counter() - started)
            await pilot.press("ctrl+a", "ctrl+k", "escape")
            await app.workers.wait_for_complete()
        moves: list[float] = []
        articles = app.main.articles
        for number in range(60):
            cursor = articles.highlighted
            key = "j" if (number // max(1, len(articles.rows) - 1)) % 2 == 0 else "k"  # down, then back up
            started = time.perf_counter()
            app._driver.send_message(events.Key(key, key))
            while articles.highlighted == cursor and time.perf_counter() - started < 5:
                await asyncio.sleep(0.0005)
            await _painted(app)
            moves.append(time.perf_counter() - started)
    return latencies, moves


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
