"""The `stackwatch` command line. Only this module exits the process."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from rich.console import Console

from bot import __version__
from bot.config import Config, ConfigError, check_config, default_config, load_config
from bot.roles import ROLES, RoleError, parse_roles
from bot.storage import DatabaseError
from classifiers import RuleError

DEFAULT_CONFIG = Path("stackwatch.toml")

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not args.verbose:  # "discarding data: None" is trafilatura finding no article: expected
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
    if not hasattr(args, "handler"):
        parser.print_help()
        return EXIT_USAGE
    console = Console(highlight=False)
    try:
        return int(args.handler(args, console))
    except ConfigError as err:
        console.print(f"[red]config error[/red]\n{err}", markup=True, highlight=False)
        return EXIT_USAGE
    except RuleError as err:
        console.print(f"[red]classifier rule error:[/red] {err}", highlight=False)
        return EXIT_USAGE
    except DatabaseError as err:
        console.print(f"[red]database error:[/red] {err}")
        return EXIT_FAIL
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stackwatch",
        description="Alerts chat channels when a company joins or leaves OpenStack.")
    parser.add_argument("--version", action="version", version=f"stackwatch {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("demo", help="run the real pipeline offline on the seed articles")
    p.add_argument("--config", type=Path, help="also deliver to this config's destinations")
    p.add_argument("--db", type=Path, help="keep the demo database at this path")
    p.set_defaults(handler=_demo)

    p = sub.add_parser("run", help="run the service (scheduler and chat adapters)")
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--once", action="store_true", help="one sweep and delivery, then exit")
    p.add_argument("--role", action="append", type=_role, dest="roles", metavar="ROLE",
                   help=f"what this process does: {', '.join(ROLES)} (repeat or separate "
                        "with commas; default: all). Several processes on one PostgreSQL "
                        "share feeds and deliveries; chat runs in one of them at a time")
    p.set_defaults(handler=_run)

    p = sub.add_parser("check-config", help="validate a config file and report")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=lambda a, c: check_config(a.file))

    p = sub.add_parser("classify", help="classify text or HTML files ('-' for stdin)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="one JSON object per input")
    p.add_argument("--explain", action="store_true", help="show matched rules and vetoes")
    p.add_argument("--config", type=Path, help="use this config's classifier settings")
    p.set_defaults(handler=_classify)

    p = sub.add_parser("backtest", help="score the classifier on labelled documents")
    p.add_argument("dir", type=Path, nargs="?")
    p.add_argument("--labels", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_backtest)

    for name, helptext in (("who-joined", "companies that joined, newest first"),
                           ("who-left", "companies that left, newest first")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--since", help="a date (YYYY-MM-DD) or an age like 30d")
        p.add_argument("--limit", help="how many (1-100, default 10)")
        _query_parser(p, name)
    p = sub.add_parser("company", help="one company's join/leave history")
    p.add_argument("name", nargs="+")
    _query_parser(p, "company")
    p = sub.add_parser("recent", help="the latest flagged stories")
    p.add_argument("n", nargs="?")
    _query_parser(p, "recent")
    _query_parser(sub.add_parser("feeds", help="feed health"), "feeds")
    _query_parser(sub.add_parser("status", help="version, last sweep, pending deliveries"),
                  "status")

    p = sub.add_parser("deliveries", help="list pending and dead deliveries, or requeue them")
    p.add_argument("action", nargs="?", choices=["retry"])
    p.add_argument("ids", nargs="*", type=int)
    p.add_argument("--dead", action="store_true",
                   help="list only dead rows; with retry: requeue every dead row")
    _config_option(p)
    p.set_defaults(handler=_deliveries)
    return parser


def _role(value: str) -> tuple[str, ...]:
    try:
        return parse_roles([value])
    except RoleError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _query_parser(p: argparse.ArgumentParser, command: str) -> None:
    _config_option(p)
    p.set_defaults(handler=_query, command=command)


def _config_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path,
                   help=f"config file (default: {DEFAULT_CONFIG} if present, else defaults)")


def _load(path: Path | None) -> Config:
    if path is not None:
        return load_config(path)
    return load_config(DEFAULT_CONFIG) if DEFAULT_CONFIG.is_file() else default_config()


def _demo(args: argparse.Namespace, console: Console) -> int:
    from bot.demo import run_demo

    return asyncio.run(run_demo(console, user_config=args.config, db_path=args.db))


def _run(args: argparse.Namespace, console: Console) -> int:
    from bot.app import App
    from bot.service import serve

    roles = tuple(r for r in ROLES if any(r in given for given in args.roles or [ROLES]))
    app = App.open(load_config(args.config), console=console, config_path=args.config,
                   roles=roles)
    try:
        if args.once:
            report = asyncio.run(app.run_once())
            s, d = report.sweep, report.delivery
            console.print(f"{s.feeds} feeds ({s.not_modified} unchanged, {s.failed} failed), "
                          f"{s.new_stories} new stories, {s.new_events} new events, "
                          f"{d.sent} alerts sent, {d.failed + d.dead} delivery failures")
            for error in s.errors + d.errors:
                console.print(f"  [yellow]![/yellow] {error}", markup=True)
            return EXIT_OK
        asyncio.run(serve(app))
        return EXIT_OK
    finally:
        app.close()


def _classify(args: argparse.Namespace, console: Console) -> int:
    from bot.classify_cli import run_classify
    from bot.classifying import build_classifier

    config = _load(args.config)
    return run_classify(args.paths, args.json, args.explain, sys.stdout, build_classifier(config))


def _backtest(args: argparse.Namespace, console: Console) -> int:
    from bot.backtest import run_backtest

    return run_backtest(args.dir, args.labels, args.json, sys.stdout)


def _query(args: argparse.Namespace, console: Console) -> int:
    """The chat commands, answered from the ledger and printed to the terminal."""
    from bot.commands import CommandContext, CommandError, parse_args, run
    from bot.storage import open_database
    from bot.terminal import render_reply

    name: str = args.command
    config = _load(args.config)
    db = open_database(config.database_url)
    try:
        ctx = CommandContext(engine=db.engine, version=__version__,
                             heartbeat=timedelta(seconds=config.cluster.heartbeat_seconds))
        try:
            kwargs = parse_args(name, _words(name, args), now=ctx.clock())
        except CommandError as err:
            console.print(f"[red]stackwatch {name}:[/red] {err}")
            return EXIT_USAGE
        reply = run(name, ctx, **kwargs)
        render_reply(console, reply)
        return EXIT_USAGE if reply.error else EXIT_OK
    finally:
        db.dispose()


def _words(name: str, args: argparse.Namespace) -> list[str]:
    if name in ("who-joined", "who-left"):
        words = []
        if args.since:
            words += ["since", args.since]
        if args.limit:
            words += ["limit", args.limit]
        return words
    if name == "company":
        return list(args.name)
    if name == "recent":
        return [args.n] if args.n else []
    return []


def _deliveries(args: argparse.Namespace, console: Console) -> int:
    from bot.deliveries_cli import list_or_retry

    config = _load(args.config)
    return list_or_retry(config, console, retry=args.action == "retry", ids=args.ids,
                         dead=args.dead)


if __name__ == "__main__":
    sys.exit(main())
