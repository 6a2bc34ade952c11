"""Command replies rendered for a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bot.commands import Reply
from bot.notifiers.base import strip_controls


def _clean(text: str) -> str:
    return escape(strip_controls(text))


def render_reply(console: Console, reply: Reply) -> None:
    style = "bold red" if reply.error else "bold"
    console.print(f"[{style}]{_clean(reply.heading)}[/{style}]")
    if reply.text:
        console.print(_clean(reply.text))
    if not reply.items:
        return
    table = Table(show_header=False, box=None, pad_edge=False, expand=False)
    table.add_column("when", style="dim", no_wrap=True)
    table.add_column("what", overflow="fold")
    for item in reply.items:
        lines = [f"[bold]{_clean(item.title)}[/bold]"]
        if item.detail:
            lines.append(_clean(item.detail))
        if item.url:
            lines.append(f"[dim]{_clean(item.url)}[/dim]")
        table.add_row(f"{item.when:%Y-%m-%d}" if item.when else "", "\n".join(lines))
    console.print(table)
