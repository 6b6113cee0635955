"""The command line.

``selfcheck validate [PATH ...] [--bib PATH]``: check question banks and telephone triage
calls, one line per problem.
``selfcheck export --format moodle-xml|gift|qti|answer-key [-o OUT] [PATH ...]``: write the
(valid) bank for a learning platform, or as a printable answer key.
``selfcheck export --format scorm -o OUT [--mastery N] [--per-chapter]``: the built course
(``make book``) as a SCORM 1.2 package.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .core import bank, course_order, fairness


class _Parser(argparse.ArgumentParser):
    """argparse with its errors on one line: ``selfcheck export: error: ...``, exit 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _check(root, quiz_files: list[Path], call_files: list[Path], bib: Path | None = None):
    """Quizzes and calls checked as the book build checks them: (quizzes, calls, problems).
    With no quiz file, the bibliography's own problems are still reported."""
    from .core.bibliography import read_bibliography

    if quiz_files:
        quizzes, problems = bank.check_bank(root, quiz_files, bib=bib)
    else:
        quizzes, problems = [], list(read_bibliography(bib or Path(root) / bank.BIB_FILE, root).problems)
    calls, call_problems = bank.check_calls(root, call_files, bib=bib) if call_files else ([], [])
    # A broken copy-host list is found by both checks: said once.
    return quizzes, calls, list(dict.fromkeys([*problems, *call_problems]))


def _validate(args) -> int:
    try:
        root = bank.find_root()
    except bank.ProjectNotFound as exc:
        if not args.paths or not args.bib:
            print(f"selfcheck: {exc} (or give PATH and --bib)", file=sys.stderr)
            return 2
        root = None
    paths = [Path(p) for p in args.paths]
    if not paths:  # the whole project: its quizzes, and its calls if it has any
        paths = [root / bank.QUIZ_DIR, *([root / bank.CALL_DIR] if (root / bank.CALL_DIR).is_dir() else [])]
    for path in paths:
        if not path.exists():
            print(f"selfcheck: {path}: no such file or folder", file=sys.stderr)
            return 2
    files = bank.expand_paths(paths)
    if not files:
        print(f"selfcheck: no quiz files (*.yml) in {', '.join(map(str, paths))}", file=sys.stderr)
        return 1
    quiz_files, call_files = bank.split_calls(files)
    bib_path = None
    if args.bib:
        bib_path = Path(args.bib)
        if not bib_path.exists() and not bib_path.is_symlink():
            print(f"selfcheck: {bib_path}: no such bibliography", file=sys.stderr)
            return 2
    # As the book build checks it (with --bib, against that bibliography instead).
    quizzes, calls, problems = _check(root, quiz_files, call_files, bib_path)
    if not args.paths and not args.bib:
        problems += bank.chapter_problems(root)  # the chapters cite the project's bibliography
        problems += _local_problems(root)
    unfair = fairness.bank_problems(quizzes, root)  # of the files that are valid
    if args.strict:
        problems += unfair
    else:
        for warning in unfair:
            print(f"{warning.path}:{warning.line}: warning: {warning.message}")
    problems = list(dict.fromkeys(problems))  # a broken copy-host list is found by both checks
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len(files)} file(s)", file=sys.stderr)
        return 1
    questions = sum(len(q.questions) for q in quizzes)
    counted = [f"{len(quiz_files)} quiz file(s), {questions} questions"] if quiz_files or not call_files else []
    counted += [f"{len(call_files)} call file(s)"] if call_files else []
    print(f"{', '.join(counted)}: all valid", file=sys.stderr)
    return 0


def _export_scorm(args, parser) -> int:
    """The SCORM package is made from the built site, not from the quiz files."""
    from .export.scorm import ScormError, build_scorm

    if args.paths:
        parser.error("--format scorm packages the whole built course: give no quiz files")
    if not args.output:
        parser.error("--format scorm makes a zip file: give -o OUT")
    if args.site is None:
        try:
            site = bank.find_root() / "_build" / "html"
        except bank.ProjectNotFound as exc:
            print(f"selfcheck: {exc} (or give --site)", file=sys.stderr)
            return 2
    else:
        site = Path(args.site)
    try:
        build_scorm(site, Path(args.output), mastery=args.mastery, per_chapter=args.per_chapter)
    except ScormError as exc:
        print(f"selfcheck: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"selfcheck: cannot read the built course: {exc.strerror or exc} ({exc.filename})", file=sys.stderr)
        return 2
    what = "one SCORM 1.2 package per chapter" if args.per_chapter else "a SCORM 1.2 package"
    print(f"{what} (mastery {args.mastery}%) written to {args.output}", file=sys.stderr)
    return 0


def _local_problems(root: Path) -> list:
    """The project's local.yml (a trust's details), checked as the book build checks it."""
    from .core import local_overlay

    overlay, problems = local_overlay.read(root)
    if overlay is None:
        return problems
    chapters = [course_order.page_source(root, page).name for page in course_order.chapter_pages(root)]
    return local_overlay.unknown_chapters(overlay, chapters)


def _export(args, parser) -> int:
    from . import export

    if args.format == "scorm":
        return _export_scorm(args, parser)
    if args.mastery is not None or args.per_chapter or args.site is not None:
        parser.error("--mastery, --per-chapter and --site are for --format scorm")
    from .export.output import OutputError, check_target, write_all, write_atomic
    from .core.bibliography import read_bibliography

    if args.output == "":
        parser.error("-o needs a file name (leave -o out to write to standard output)")
    if args.format in export.BINARY and args.output is None:
        parser.error(f"--format {args.format} makes a zip file: give -o OUT")
    out = Path(args.output) if args.output is not None else None
    try:
        root = bank.find_root()
    except bank.ProjectNotFound as exc:
        print(f"selfcheck: {exc}", file=sys.stderr)
        return 2
    paths = [Path(p) for p in args.paths]
    for path in paths:
        if not path.exists():
            print(f"selfcheck: {path}: no such file or folder", file=sys.stderr)
            return 2
    files = bank.expand_paths(paths) if paths else bank.quiz_files(root / bank.QUIZ_DIR)
    if not files:
        where = ", ".join(map(str, paths)) or str(root / bank.QUIZ_DIR)
        print(f"selfcheck: no quiz files (*.yml) in {where}", file=sys.stderr)
        return 1
    files, call_files = bank.split_calls(files)
    if call_files and args.format != "answer-key":
        print(f"selfcheck: {call_files[0]} is a telephone triage call: only --format answer-key "
              "includes calls", file=sys.stderr)
        return 2
    if args.format == "answer-key" and not paths:
        call_files = bank.call_files(root)  # the answer key has every call after the quizzes
    # What the export reads: it must never be written over by it.
    inputs = [*files, *call_files, root / bank.BIB_FILE, root / bank.CONFIG_FILE]
    if out is not None:
        try:
            check_target(out, inputs)
        except OutputError as exc:
            print(f"selfcheck: {exc}", file=sys.stderr)
            return 2
    try:
        quizzes, calls, problems = _check(root, files, call_files)
    except OSError as exc:
        print(f"selfcheck: cannot read {exc.filename or 'a quiz file'}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if problems:
        # On stderr: stdout may be the export itself, redirected to a file.
        for problem in problems:
            print(problem, file=sys.stderr)
        checked = len(files) + len(call_files)
        print(f"{len(problems)} problem(s) in {checked} file(s): nothing exported", file=sys.stderr)
        return 1
    # Read without problems by check_bank just now (the reader remembers the text).
    sources = read_bibliography(root / bank.BIB_FILE, root).sources
    # In course order (the order of _toc.yml), as a learner meets the quizzes and calls.
    quizzes = course_order.in_course_order(quizzes, root)
    calls = course_order.calls_in_course_order(calls, root)
    data = export.Bank(export.course_title(root), tuple(quizzes), sources, tuple(calls))
    try:
        content = export.render(args.format, data)
    except export.ExportError as exc:
        print(f"selfcheck: cannot export as {args.format}: {exc}", file=sys.stderr)
        return 1
    questions = len(data.questions)
    if out is None:
        try:
            sys.stdout.flush()
            write_all(sys.stdout.fileno(), content)
        except BrokenPipeError:
            # The reader (e.g. `| head`) stopped early: not an error of ours. Point stdout
            # at /dev/null so that Python's final flush does not complain either.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except OSError as exc:
            # A full disk (or /dev/full): the export is incomplete, and must not pass for whole.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            print(f"selfcheck: cannot write the export to standard output: {exc.strerror or exc} "
                  "(what was written is incomplete)", file=sys.stderr)
            return 1
    else:
        try:
            write_atomic(out, content, inputs)
        except OutputError as exc:
            print(f"selfcheck: {exc}", file=sys.stderr)
            return 2
    where = f" to {out}" if out else ""
    quiz_word = "quiz" if len(quizzes) == 1 else "quizzes"
    call_count = f", {len(calls)} call{'' if len(calls) == 1 else 's'}" if calls else ""
    print(f"{len(quizzes)} {quiz_word}, {questions} questions{call_count} exported as {args.format}{where}",
          file=sys.stderr)
    return 0


def _percent(text: str) -> int:
    if not text.isdigit() or int(text) > 100:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to 100, not {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    from .export import FORMATS

    parser = _Parser(prog="selfcheck", description="Check and export self-check quiz banks.")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check quiz and call files (default: the project's quizzes/ and calls/)")
    validate.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="quiz or call files or folders of them (a call: in a folder named calls, or with steps and no questions)",
    )
    validate.add_argument("--bib", metavar="PATH", help="bibliography to check sources against (default: book/references.bib)")
    validate.add_argument(
        "--strict", action="store_true",
        help="fail, not only warn, when a bank rewards picking the longest option or one answer position",
    )
    export = sub.add_parser(
        "export",
        help="write the bank as Moodle XML, GIFT, a QTI 2.1 package or a printable answer key, or the built course as a SCORM 1.2 package",
        description="Export valid quiz files (default: the project's quizzes/), one category per quiz.",
    )
    export.add_argument("--format", "-f", required=True, choices=[*FORMATS, "scorm"], help="what to write")
    export.add_argument("-o", "--output", metavar="OUT", help="file to write (default: standard output; qti needs it)")
    export.add_argument("paths", nargs="*", metavar="PATH", help="quiz files or folders of them")
    export.add_argument("--mastery", type=_percent, metavar="N",
                        help="scorm: the final check's pass mark, 0-100 (default 80)")
    export.add_argument("--per-chapter", action="store_true", help="scorm: a zip of one package per chapter")
    export.add_argument("--site", metavar="DIR", help="scorm: the built course (default: _build/html; run make book first)")
    args = parser.parse_args(argv)
    if args.command == "export" and args.format == "scorm" and args.mastery is None:
        args.mastery = 80
    if args.command == "validate":
        return _validate(args)
    if args.command == "export":
        return _export(args, export)
    return 2


if __name__ == "__main__":
    sys.exit(main())
