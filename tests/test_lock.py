"""The project's lock (generator/build/lock.py): one command at a time, and
the lock of a dead process never blocks (issue 23 item 2, issue 21 item 5)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator.build import lock as lock_module
from generator.build.lock import HOLDER_NAME, project_lock
from generator.errors import BuildError

HOLD = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from generator.build.lock import project_lock
    with project_lock(Path(sys.argv[1]), "build"):
        if sys.argv[2] == "fork" and os.fork() == 0:  # a child that outlives its parent, as a worker would
            time.sleep(30)
            os._exit(0)
        print("held", flush=True)
        time.sleep(30)
""")


def holder(build_dir: Path, mode: str = "") -> subprocess.Popen:
    run = subprocess.Popen([sys.executable, "-c", HOLD, str(build_dir), mode], stdout=subprocess.PIPE, text=True)
    assert run.stdout is not None and run.stdout.readline() == "held\n"
    return run


def dead_pid() -> int:
    run = subprocess.Popen([sys.executable, "-c", "pass"])
    run.wait()
    return run.pid


def test_a_second_command_is_refused_naming_the_live_holder(tmp_path):
    run = holder(tmp_path / "build")
    try:
        with pytest.raises(BuildError, match=rf"fazhi build \(pid {run.pid}\) is running in this folder"):
            with project_lock(tmp_path / "build", "build"):
                pass
        with project_lock(tmp_path / "build", "check", required=False) as held:
            assert held is False
    finally:
        run.kill()
        run.wait()


def test_a_killed_holder_never_blocks_and_is_taken_over_with_a_notice(tmp_path, capsys):
    build_dir = tmp_path / "build"
    run = holder(build_dir, "fork")  # its forked child keeps running after it is killed
    run.send_signal(signal.SIGKILL)
    run.wait()
    started = time.monotonic()
    with project_lock(build_dir, "build") as held:
        assert held is True
        assert time.monotonic() - started < 1
        assert (build_dir / HOLDER_NAME).read_text() == f"fazhi build (pid {os.getpid()})\n"
    err = capsys.readouterr().err
    assert err == (f"notice: fazhi build (pid {run.pid}) ended without releasing {build_dir / '.lock'}; "
                   "build takes it over\n")
    assert not (build_dir / HOLDER_NAME).exists()  # released: the next command has nothing to take over
    with project_lock(build_dir, "build"):
        pass
    assert capsys.readouterr().err == ""


def test_a_lock_kept_by_leftovers_of_a_dead_holder_says_what_to_do(tmp_path, monkeypatch):
    """A process of an older fazhi that kept the lock after its build died."""
    build_dir = tmp_path / "build"
    run = holder(build_dir)
    monkeypatch.setattr(lock_module, "LEFTOVERS_WAIT", 0.2)
    try:
        (build_dir / HOLDER_NAME).write_text(f"fazhi build (pid {dead_pid()})\n")
        with pytest.raises(BuildError, match=r"is no longer running, but processes it started still hold this lock"):
            with project_lock(build_dir, "build"):
                pass
    finally:
        run.kill()
        run.wait()


def test_a_build_folder_that_cannot_be_made_is_one_line(tmp_path):
    (tmp_path / "build").write_text("a file where build/ should be")
    with pytest.raises(BuildError, match=r"build/.lock: cannot create the lock file \(File exists\)"):
        with project_lock(tmp_path / "build", "build"):
            pass
    with project_lock(tmp_path / "build", "check", required=False) as held:
        assert held is False
