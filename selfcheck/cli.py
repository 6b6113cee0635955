"""``selfcheck validate [PATH ...] [--bib PATH]``: check question banks, one line per problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import bank
from .validate import bib_keys, check_files


def _validate(args) -> int:
    try:
        root = bank.find_root()
    except bank.ProjectNotFound as exc:
        if not args.paths or not args.bib:
            print(f"selfcheck: {exc} (or give PATH and --bib)", file=sys.stderr)
            return 2
        root = None
    paths = [Path(p) for p in args.paths] or [root / bank.QUIZ_DIR]
    for path in paths:
        if not path.exists():
            print(f"selfcheck: {path}: no such file or folder", file=sys.stderr)
            return 2
    files = bank.expand_paths(paths)
    if not files:
        print(f"selfcheck: no quiz files (*.yml) in {', '.join(map(str, paths))}", file=sys.stderr)
        return 1
    if args.bib:
        bib_path = Path(args.bib)
        if not bib_path.is_file():
            print(f"selfcheck: {bib_path}: no such bibliography", file=sys.stderr)
            return 2
        keys, problems = bib_keys(bib_path), []
    else:
        keys, problems = bank.read_bib(root)
    quizzes, found = check_files(files, keys, root=root)
    problems += found
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len(files)} file(s)", file=sys.stderr)
        return 1
    questions = sum(len(q.questions) for q in quizzes)
    print(f"{len(files)} quiz file(s), {questions} questions: all valid", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="selfcheck", description="Check and export self-check quiz banks.")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check quiz files (default: the project's quizzes/)")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="quiz files or folders of them")
    validate.add_argument("--bib", metavar="PATH", help="bibliography to check sources against (default: book/references.bib)")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
