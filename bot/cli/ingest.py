"""`ingest` and `check`: load advice files into the database, or validate them without writing."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from bot.cli.common import CliError, Command, content_paths, emit_json, open_services
from bot.settings import Settings


def _refused(errors: list[Any]) -> str:
    """The files refused, said beside the count of files loaded, which leaves them out (a folder
    of 8 files, 3 of them bad, read "5 files")."""
    files = {e["file"] if isinstance(e, dict) else e.file for e in errors}
    return f"{len(files)} file(s) refused" if files else ""


def _print_report(report: dict[str, Any], *, verb: str) -> None:
    refused = _refused(report["errors"])
    print(
        f"{verb}: {report['files']} files loaded · {report['added']} added"
        f" · {report['updated']} updated · {report['unchanged']} unchanged"
        f" · {report['retired']} retired" + (f" · {refused}" if refused else "")
    )
    for error in report["errors"]:
        print(f"  ✗ {error['file']}: {error['reason']}")


async def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.ingest import EmptyFolderError, IngestError

    paths = content_paths(args, settings)
    async with open_services(args, settings, create=True) as services:
        await services.db.require_intact()
        try:
            report = await services.ingest.ingest(
                paths, strict=args.strict, allow_empty=args.allow_empty
            )
        except EmptyFolderError as exc:
            raise CliError(str(exc)) from None
        except IngestError as exc:
            data = exc.report.as_dict()
            if args.json:
                emit_json({**data, "written": False})
            else:
                _print_report(data, verb="ingest aborted (--strict), nothing written")
            return 1
    if args.json:
        emit_json(report.as_dict())
    else:
        _print_report(report.as_dict(), verb="ingested")
    # A mistyped path is a failure, unless the other paths named did load (the report says it).
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing and report.files == 0:
        named = ", ".join(str(p) for p in missing)
        print(f"nothing ingested: no such file or folder: {named}", file=sys.stderr)
        return 1
    return 0


async def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """Validate content in a throw-away database: nothing is written anywhere."""
    with tempfile.TemporaryDirectory(prefix="sunbae-check-") as folder:
        async with open_services(
            args, settings, db=Path(folder) / "check.db", create=True
        ) as services:
            report = await services.ingest.check(content_paths(args, settings))
    data = report.as_dict()
    if args.json:
        emit_json({k: data[k] for k in ("files", "added", "errors")} | {"entries": data["added"]})
    else:
        status = _refused(report.errors) or "ok"
        print(f"check: {report.files} files loaded, {report.added} entries, {status}")
        for error in report.errors:
            print(f"  ✗ {error.file}: {error.reason}")
    return 1 if report.errors else 0


def _ingest_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="any file problem aborts the run")
    p.add_argument(
        "--allow-empty",
        action="store_true",
        help="let an empty content folder retire the entries of the files it held",
    )


COMMANDS = (
    Command(
        "ingest",
        "load advice files into the database",
        cmd_ingest,
        options=("paths", "db", "json"),
        configure=_ingest_flags,
    ),
    Command(
        "check",
        "validate advice files without writing anything",
        cmd_check,
        options=("paths", "json"),
    ),
)
