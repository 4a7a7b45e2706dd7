"""The reader's entities (`e`) and quotes (`Q`) views on the 3,824 NewsArticles (one .txt each).

Timed in-process with Pilot at 120x40, after every stage of opening is done (as a returning
reader's dossier): from the key press to the frame that shows the view, then `End` inside it to
its frame. Each figure is measured for this checkout and, beside it in the same run, for the
baseline checkout given by DOSSIER_BASELINE (default ../base, the code before issue #10). Each
checkout has its own cache dirs, built first by one child process that opens the dossier; then
each view is timed in a child process of its own, killed after VIEW_TIMEOUT: a view that crashes
(the baseline's entities view: DuplicateID) or hangs is reported as such, with no figure, and the
run goes on. Bar: <= 200 ms to open.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = Path(os.environ.get("DOSSIER_BASELINE", ROOT.parent / "base"))
ROUNDS = 3
TIMEOUT = 120.0  # seconds for one step inside a child (the view to open, End to move)
OPEN_TIMEOUT = 1800  # seconds for the child that builds a checkout's caches (a cold open)
VIEW_TIMEOUT = 300  # seconds for the child that times one view


def run(ctx) -> None:
    from benchmarks import corpora

    folder = ctx.workdir / "news-txt-3824"
    if not folder.is_dir():
        corpora.write_news_texts(folder)
    ours = _measure_in_child(ROOT, sys.executable, folder, ctx.workdir / "xdg-views-ours")
    base = {}
    python = BASELINE / ".venv" / "bin" / "python"
    if python.exists():
        base = _measure_in_child(BASELINE, str(python), folder, ctx.workdir / "xdg-views-base")
    for view, label in (("e", "entities"), ("Q", "quotes")):
        for figure in ("first", "again", "end"):
            what = {"first": "open (first time)", "again": "open (again)", "end": "End inside it"}[figure]
            value = ours.get(view, {}).get(figure)
            before = base.get(view, {}).get(figure)
            if value is None:
                ctx.report(f"3,824: {label} view {what}: failed ({ours.get(view, {}).get('error')})", float("nan"), "ms")
                continue
            if base.get(view, {}).get("error"):
                ctx.report(f"3,824: {label} view {what} (baseline: {base[view]['error']})", value * 1000, "ms",
                           bar="<= 200 ms" if figure != "end" else None)
            else:
                ctx.report(f"3,824: {label} view {what}", value * 1000, "ms",
                           baseline=before * 1000 if before is not None else None,
                           bar="<= 200 ms" if figure != "end" else None)
    if ours.get("Q", {}).get("carried") is not None:
        ctx.report("3,824: quotes view: 'carried by' notes in (background, first time)", ours["Q"]["carried"] * 1000, "ms")


def _measure_in_child(checkout: Path, python: str, folder: Path, xdg: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}:{checkout / 'src'}"}
    for name in ("CACHE", "DATA", "CONFIG"):
        (xdg / name.lower()).mkdir(parents=True, exist_ok=True)
        env[f"XDG_{name}_HOME"] = str(xdg / name.lower())
    opened = _child(python, env, "_open", folder, OPEN_TIMEOUT)
    if "error" in opened:
        return {"e": opened, "Q": opened}
    return {key: _child(python, env, "_views", folder, VIEW_TIMEOUT, key).get(key, {"error": "no result"}) for key in ("e", "Q")}


def _child(python: str, env: dict, function: str, folder: Path, timeout: float, *args: str) -> dict:
    """One function of this module run in a child process: its JSON result, or {"error": why}."""
    code = (f"import asyncio, json, sys; from benchmarks.bench_views import {function}; "
            f"print(json.dumps(asyncio.run({function}(*sys.argv[1:]))))")
    try:
        done = subprocess.run([python, "-c", code, str(folder), *args], capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"error": "no result"}
    return json.loads(lines[-1])


async def _open(folder: str) -> dict:
    """Open the dossier until every stage is done, so its caches are on disk for the views."""
    from dossier_tui.app import DossierApp

    app = DossierApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    return {}


async def _views(folder: str, *keys: str) -> dict:
    """{"e"|"Q": {"first", "again", "end" (seconds), "error"}} for the checkout on sys.path."""
    from dossier_tui.app import DossierApp

    results: dict[str, dict] = {}
    for key in keys or ("e", "Q"):
        app = DossierApp(folder)
        found: dict = {}
        results[key] = found
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                await app.workers.wait_for_complete()
                await pilot.pause()
                base_screen = app.screen
                for round_ in range(ROUNDS):
                    started = time.perf_counter()
                    _key(app, key)
                    while app.screen is base_screen:
                        if getattr(app, "_exception", None) is not None:
                            raise app._exception
                        if time.perf_counter() - started > TIMEOUT:
                            raise TimeoutError("the view did not open")
                        await asyncio.sleep(0.001)
                    await _painted(app)
                    found["first" if round_ == 0 else "again"] = min(
                        found.get("again", float("inf")) if round_ else float("inf"), time.perf_counter() - started
                    )
                    if round_ == 0 and key == "Q" and hasattr(app.screen, "carried"):
                        while app.screen.carried is None and time.perf_counter() - started < TIMEOUT:
                            await asyncio.sleep(0.005)
                        found["carried"] = time.perf_counter() - started
                    # Where the list's cursor is: `cursor` here, `highlighted` in the baseline's OptionList.
                    focused = app.screen.focused
                    where = "cursor" if hasattr(focused, "cursor") else "highlighted"
                    before = getattr(focused, where, None)
                    started = time.perf_counter()
                    _key(app, "end")
                    while getattr(focused, where, None) == before:
                        if time.perf_counter() - started > TIMEOUT:
                            raise TimeoutError("End did not move")
                        await asyncio.sleep(0.001)
                    await _painted(app)
                    found["end"] = min(found.get("end", float("inf")), time.perf_counter() - started)
                    await pilot.press("escape")
                    await pilot.pause()
        except Exception as error:  # the baseline's entities view raises DuplicateID
            found["error"] = type(error).__name__
        if "first" not in found:
            found.setdefault("error", "did not open")
    return results


def _key(app, key: str) -> None:
    """A key as the terminal driver delivers it (Pilot's press also waits for idle and animations)."""
    from textual import events

    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))


async def _painted(app) -> None:
    painted = asyncio.Event()
    app.screen.call_after_refresh(painted.set)
    await painted.wait()
