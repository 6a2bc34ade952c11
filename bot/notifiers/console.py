"""Alerts printed to the terminal: the default when no chat is configured."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from bot.alerts import Alert, Notice
from bot.notifiers.base import strip_controls


class ConsoleNotifier:
    """Prints each alert as a short block; untrusted text cannot inject markup or escapes."""

    def __init__(self, name: str = "console", console: Console | None = None) -> None:
        self.name = name
        self._console = console or Console(highlight=False)
        self._count = 0

    async def send(self, alert: Alert) -> str | None:
        self._count += 1
        clean = {k: escape(strip_controls(v)) for k, v in {
            "company": alert.company, "title": alert.title, "outlet": alert.outlet,
            "evidence": alert.evidence, "url": alert.url or ""}.items()}
        when = alert.published_at.date().isoformat() if alert.published_at else "undated"
        if alert.kind == "alert":
            verb = "joined" if alert.action == "joined" else "left"
            self._console.print(f"[bold]ALERT[/bold] {clean['company']} {verb} OpenStack")
        else:
            self._console.print(f"[bold]ALSO[/bold]  {clean['company']} {alert.action}: "
                                "another outlet reports it")
        self._console.print(f"    \u201c{clean['evidence']}\u201d")
        self._console.print(f"    {clean['title']} \u2014 {clean['outlet']}, {when}")
        if clean["url"]:
            self._console.print(f"    {clean['url']}")
        self._console.print(f"    [dim]rule {escape(alert.rule)}, "
                            f"confidence {alert.confidence:.2f}[/dim]")
        return f"console-{self._count}"

    async def send_notice(self, notice: Notice) -> str | None:
        self._count += 1
        lines = [escape(strip_controls(line)) for line in notice.text.splitlines()]
        self._console.print(f"[bold]NOTICE[/bold] {lines[0] if lines else ''}")
        for line in lines[1:]:
            self._console.print(f"    {line}")
        return f"console-{self._count}"

    async def close(self) -> None:
        return None
