"""Command line: fazhi build | serve | check | inspect."""
from __future__ import annotations

import argparse
import contextlib
import faulthandler
import json
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from generator.analyse.taxonomy import Taxonomy, load_taxonomy
from generator.build.lock import project_lock
from generator.build.pipeline import UNINTERRUPTED, Project, build, read_all, read_report, recover, warnings_of
from generator.errors import ContentError, FazhiError, Problem, os_advice
from generator.read.deadlines import load_deadlines
from generator.read.files import MAX_REPORT_MB, MB, read_regular
from generator.read.formats import reader_for
from generator.read.markup import sources
from generator.read.schema import KEYS
from generator.records import Report, Source
from generator.site.cite import missing_source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fazhi", description="Build the rule-of-law report comparison site.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder holding mkdocs.yml and content/ (default: .)")
    parser.add_argument("--max-report-mb", type=_positive, default=MAX_REPORT_MB, metavar="MB",
                        help=f"refuse report files larger than this (default: {MAX_REPORT_MB})")
    parser.add_argument("--debug", action="store_true", help="print the traceback of an unexpected error")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="generate pages and build the site into site/")
    p_build.add_argument("--strict", action="store_true", help="treat content and mkdocs warnings as errors")
    p_build.add_argument("--clean", action="store_true", help="ignore the per-report cache and read every report again")
    p_build.add_argument("--keep-going", action="store_true",
                         help="publish the good reports, skip those with problems and list them (console and /skipped/)")
    p_build.add_argument("--verbose", action="store_true",
                         help="list every warning (by default one line per kind of warning; `fazhi check` lists all)")
    p_serve = sub.add_parser("serve", help="live preview; regenerates when content/ changes")
    p_serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    sub.add_parser("check", help="validate every input, report every problem, exit non-zero on errors")
    p_inspect = sub.add_parser("inspect", help="show what the generator reads from report files")
    p_inspect.add_argument("paths", nargs="+", type=Path, help="report files (.txt, .html, .pdf, .docx) or folders of them")
    p_inspect.add_argument("--json", action="store_true", help="print a JSON array, one object per report")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve(), max_report_bytes=int(args.max_report_mb * MB))
    published = _site_identity(project)
    if hasattr(signal, "SIGUSR1") and threading.current_thread() is threading.main_thread():
        try:  # `kill -USR1 <pid>` prints where each thread of a command is (one that seems stuck)
            faulthandler.register(signal.SIGUSR1, all_threads=True)
        except (AttributeError, ValueError):  # stderr is no file (captured, as in tests)
            pass
    try:
        with _terminate_as_interrupt():
            return {"build": _build, "serve": _serve, "check": _check, "inspect": _inspect}[args.command](project, args)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: every stage has cleaned up on its way out
        changed = _site_identity(project) != published
        print("interrupted; " + ("the new site was published just before" if changed
                                 else "the published site is unchanged"), file=sys.stderr)
        # End now: the interpreter's exit would join the threads of a pool
        # stopped mid-run (a queue's feeder blocked on a pipe no worker reads
        # any more). Everything on disk is already whole; only output to flush.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    except ContentError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"fazhi: {len(exc.problems)} error(s); nothing was published", file=sys.stderr)
        return 1
    except FazhiError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    # Whatever else goes wrong is one message too; the traceback only on request.
    except OSError as exc:
        if args.debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}; {os_advice(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:
        if args.debug:
            raise
        print(f"error: {type(exc).__name__}: {exc}; this is a bug in fazhi: run the command again with --debug "
              "and report the traceback it prints", file=sys.stderr)
        return 1


def _site_identity(project: Project) -> int | None:
    """The published site/ folder's inode: a build swaps in a new folder."""
    try:
        return project.site_dir.stat().st_ino
    except OSError:
        return None


def _raise_interrupt(signum: int, frame: object) -> None:
    UNINTERRUPTED.interrupt()  # KeyboardInterrupt, now or once the swap of site/ is done


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a service manager, `kill`, a CI job cancelled) stops a command
    the way Ctrl-C does: as KeyboardInterrupt, so every stage cleans up on its
    way out (workers, Pagefind, the site built aside, the lock); neither cuts
    the swap of site/ (generator/build/pipeline.py, Uninterrupted)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise_interrupt) for s in (signal.SIGINT, signal.SIGTERM)
                if signal.getsignal(s) is not signal.SIG_IGN}  # an ignored Ctrl-C (nohup, &) stays ignored
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a number of megabytes above 0, got {text!r}")
    return value


class Progress:
    """One overwritten status line on a terminal; sparse lines in a log."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, message: str) -> None:
        if self.tty:
            print(f"\r\033[K{message}", end="", file=sys.stderr, flush=True)
        elif not message.startswith("reading") or time.monotonic() - self.last > 5:
            print(message, file=sys.stderr)
            self.last = time.monotonic()

    def done(self) -> None:
        if self.tty:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def _build(project: Project, args) -> int:
    progress = Progress()
    try:
        summary = build(project, strict=args.strict, clean=args.clean, keep_going=args.keep_going, progress=progress)
    finally:
        progress.done()
    for line in summary.warnings if args.verbose else summarised(summary.warnings):
        print(f"warning: {line}", file=sys.stderr)
    for item in summary.skipped:
        print(f"skipped: {item.path}: " + "; ".join(p.message for p in item.problems), file=sys.stderr)
    w = summary.written
    skipped = f", {len(summary.skipped)} skipped (listed on /skipped/)" if summary.skipped else ""
    print(
        f"fazhi: built {summary.reports} reports ({summary.cached} from cache){skipped}, {summary.pages} pages "
        f"({w.written} written, {w.unchanged} unchanged, {w.removed} removed) into "
        f"{os.path.relpath(project.site_dir)}/ in {summary.seconds:.1f}s; "
        f"0 errors, {len(summary.warnings)} warnings",
        file=sys.stderr,
    )
    return 0


WARNING = re.compile(r"(?P<path>.+?\.\w+): (?P<code>[a-z][a-z0-9-]*): ")
SHOWN_FILES = 3


def summarised(warnings: list[str]) -> list[str]:
    """Warnings as a build prints them: a kind of warning met in one file as
    it is, one met in several as one line with their number and the first
    few files (5,000 small reports printed 25,000 lines on every build)."""
    by_code: dict[str, list[str]] = {}
    for warning in warnings:
        found = WARNING.match(warning)
        by_code.setdefault(found.group("code") if found else warning, []).append(warning)
    out = []
    for code, group in by_code.items():
        if len(group) == 1:
            out.append(group[0])
            continue
        names = [os.path.basename(m.group("path")) for w in group[:SHOWN_FILES] if (m := WARNING.match(w))]
        more = ", …" if len(group) > SHOWN_FILES else ""
        out.append(f"{code}: {len(group)} files ({', '.join(names)}{more}); `fazhi check` or "
                   "`fazhi build --verbose` lists each")
    return out


def _repair(project: Project, command: str) -> None:
    """What commands that do not build do first: undo what a killed build
    left (recover), unless another command is at work in the folder."""
    if project.config.is_file():
        with project_lock(project.build_dir, command, required=False) as held:
            if held:
                recover(project)


def _check(project: Project, args) -> int:
    _repair(project, "check")
    load_deadlines(project.content_dir)  # content/deadlines.yml (issue 20): its problems, file:line
    reports = read_all(project).reports
    # A report nobody can check against its official page is publishable, but
    # `check` says so (not build: --strict would refuse reports without it).
    warnings = warnings_of(reports) + [w for w in map(missing_source, reports) if w]
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"fazhi: checked {len(reports)} reports: 0 errors, {len(warnings)} warnings", file=sys.stderr)
    return 0


def _serve(project: Project, args) -> int:
    from generator.build.serve import serve

    serve(project, args.dev_addr)
    return 0


def inspect_record(report: Report, taxonomy: Taxonomy) -> dict:
    m = report.metadata
    out: dict[str, object] = {"slug": report.slug}
    title = m.values.get("title")
    out["title"] = title.value if title else None
    out["title_derived"] = bool(title and title.origin == "derived")
    for key in KEYS:
        if key.name != "title":
            out[key.name] = m.get(key.name)
    out["origins"] = {k: f.origin for k, f in m.values.items()}
    out["sources"] = sources(report.cleaned, m)  # per value, where it came from (markup: the element)
    out["format"] = report.cleaned.markup.format
    out["tables"] = [{"line": t.line, "caption": t.caption, "header_rows": t.header_rows,
                      "rows": [list(row) for row in t.rows]} for t in report.cleaned.markup.tables]
    out["encoding"] = report.cleaned.encoding
    out["body"] = report.cleaned.text
    out["frame"] = [{"line": p.number, "role": p.role, "reason": p.reason, "text": p.text}
                    for p in report.cleaned.page.lines if p.role != "body"]
    out["sections"] = [{"level": s.level, "number": s.number, "title": s.title, "anchor": s.anchor}
                       for s in report.document.sections]
    out["diagnostics"] = [{"code": d.code, "message": d.message, "count": d.count, "severity": d.severity}
                          for d in report.diagnostics]
    analysis = report.analysis
    out["themes"] = analysis.theme_counts()
    parts: dict[str, list[str]] = {}
    for match in analysis.parts:
        for number in match.parts:
            parts.setdefault(str(number), []).append(match.heading)
    out["parts"] = dict(sorted(parts.items()))
    out["own_parts"] = [m.heading for m in analysis.parts if m.own]
    parent = {t.slug: t.parent for t in taxonomy.themes if not t.alone}
    passages: list[dict[str, object]] = []
    for passage in analysis.passages:
        themes: list[str] = []
        terms: dict[str, list[str]] = {}
        for theme_match in passage.themes:
            for slug in (theme_match.theme, parent.get(theme_match.theme)):
                if slug and slug not in themes:
                    themes.append(slug)
            terms[theme_match.theme] = list(theme_match.terms) + [f"{t}（标题）" for t in theme_match.heading_terms]
        passages.append({"anchor": passage.anchor, "text": passage.text, "themes": themes, "terms": terms})
    out["passages"] = passages
    out["figures"] = [{"indicator": f.indicator, "value": f.value, "unit": f.unit, "approx": f.approx,
                       "text": f.text, "paragraph": f.passage, "sentence": f.sentence} for f in analysis.figures]
    return out


def _inspect(project: Project, args) -> int:
    _repair(project, "inspect")
    files: list[Path] = []
    problems: list[Problem] = []
    for given in args.paths:
        path = project.root / given  # relative to --root, like every other path fazhi reads
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if reader_for(p) and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(path, None, "no such file or folder"))
    records = []
    taxonomy = load_taxonomy(project.content_dir)
    for path in files:
        sidecar = path.with_suffix(".yml")
        try:
            raw = read_regular(path, project.max_report_bytes, "a report")
            report = read_report(Source(path.stem, path, raw, sidecar if sidecar.is_file() else None), taxonomy)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        records.append(inspect_record(report, taxonomy))
    if problems:
        raise ContentError(problems)
    try:
        _print_records(records, args.json)
        sys.stdout.flush()
    except BrokenPipeError:  # `fazhi inspect … | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's own flush at exit stays quiet
    return 0


def _print_records(records: list[dict], as_json: bool) -> None:
    if as_json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for r in records:
            print(f"{r['slug']}: {r['title']}")
            for key in ("issuer", "level", "province", "city", "county", "town", "year", "date", "doc_number", "source"):
                if r.get(key) is not None:
                    print(f"  {key}: {r[key]} ({r['sources'].get(key)})")
            print(f"  format: {r['format']}; sections: {len(r['sections'])}; tables: {len(r['tables'])}")
            print("  themes: " + ", ".join(f"{k} {v}" for k, v in r["themes"].items()))
            print("  parts: " + ", ".join(f"{k}: {'；'.join(v)}" for k, v in r["parts"].items()))
            for f in r["figures"]:
                print(f"  figure {f['indicator']}: {f['approx']}{f['value']} {f['unit']} ({f['text']})")
            for d in r["diagnostics"]:
                print(f"  [{d['code']}] {d['message']} ×{d['count']}")
