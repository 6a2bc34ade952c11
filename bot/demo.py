"""`stackwatch demo`: the real pipeline, offline, against a local newsroom.

A small aiohttp site on 127.0.0.1 publishes the seed articles as an RSS feed
with short teasers plus one HTML page per article, so the demo exercises the
whole production path: scheduled tick, conditional fetch, feed parsing, article
extraction, classification, ledger, outbox and delivery, then `who-joined`.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from importlib import resources
from pathlib import Path

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from rich.console import Console

from bot.app import App, RunReport
from bot.commands import run_text
from bot.config import Config, load_config, parse_config
from bot.terminal import render_reply


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    body: str
    published: datetime


def seeds_dir() -> Path:
    """The seed folder: the repo's `seeds/` in a checkout, the packaged copy otherwise."""
    checkout = Path(__file__).resolve().parents[1] / "seeds"
    if (checkout / "labels.jsonl").is_file():
        return checkout
    return Path(str(resources.files("bot") / "demo_seeds"))


def load_articles(folder: Path, now: datetime) -> list[DemoArticle]:
    """The seed articles, published a few minutes apart just before `now`."""
    names = [json.loads(line)["file"] for line in
             (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = []
    for i, name in enumerate(names):
        title, body = _split_title((folder / name).read_text(encoding="utf-8"))
        articles.append(DemoArticle(slug=Path(name).stem, title=title, body=body,
                                    published=now - timedelta(minutes=5 * (len(names) - i))))
    return articles


def _split_title(text: str) -> tuple[str, str]:
    front = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if front:
        found = re.search(r"^title:\s*'?(.*?)'?\s*$", front.group(1), re.M)
        return (found.group(1) if found else "Untitled"), text[front.end():]
    first, _, rest = text.strip().partition("\n")
    if len(first) < 100 and not first.rstrip().endswith("."):
        return first.strip(), rest  # the article starts with its headline
    # No headline: use the lead sentence, shortened at a word boundary if long.
    lead = re.split(r"(?<=[.!?])\s+(?=[A-Z])", first, maxsplit=1)[0]
    if len(lead) > 140:
        lead = lead[:140].rsplit(" ", 1)[0] + "\u2026"
    return lead, text


def article_page(article: DemoArticle) -> str:
    """The article as a publisher's page: navigation, the story, a related-links sidebar."""
    paragraphs = []
    items: list[str] = []
    for line in article.body.splitlines():
        line = line.strip()
        if line.startswith("- "):
            items.append(f"<li>{_inline(line[2:])}</li>")
            continue
        if items:
            paragraphs.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if line.startswith("#"):
            paragraphs.append(f"<h2>{_inline(line.lstrip('# '))}</h2>")
        elif line:
            paragraphs.append(f"<p>{_inline(line)}</p>")
    if items:
        paragraphs.append("<ul>" + "".join(items) + "</ul>")
    title = html.escape(article.title)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav><a href='/'>Home</a> <a href='/feed.xml'>RSS</a></nav>"
            f"<article><h1>{title}</h1><time>{article.published:%Y-%m-%d}</time>"
            + "".join(paragraphs) + "</article>"
            "<footer>Demo newsroom served by stackwatch on 127.0.0.1</footer></body></html>")


def _inline(text: str) -> str:
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"\[([^\]]+)\]\(([^)\s]+)[^)]*\)",
                     lambda m: f"<a href=\"{html.escape(m.group(2))}\">{m.group(1)}</a>", escaped)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escaped)


def rss_feed(articles: list[DemoArticle], base_url: str) -> str:
    items = []
    for a in articles:
        teaser = html.escape(" ".join(a.body.split())[:200] + "...")
        link = f"{base_url}/articles/{a.slug}.html"
        items.append(f"<item><title>{html.escape(a.title)}</title><link>{link}</link>"
                     f"<guid isPermaLink='true'>{link}</guid>"
                     f"<pubDate>{format_datetime(a.published)}</pubDate>"
                     f"<description>{teaser}</description></item>")
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Demo newsroom</title><link>{base_url}/</link>"
            "<description>Seed articles</description>" + "".join(items) + "</channel></rss>")


async def start_site(articles: list[DemoArticle]) -> tuple[web.AppRunner, str]:
    """Serve the feed and pages on an ephemeral 127.0.0.1 port, with ETags."""
    pages: dict[str, str] = {}

    async def handle(request: web.Request) -> web.StreamResponse:
        body = pages.get(request.path)
        if body is None:
            raise web.HTTPNotFound()
        etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        kind = "application/rss+xml" if request.path.endswith(".xml") else "text/html"
        return web.Response(text=body, content_type=kind, charset="utf-8",
                            headers={"ETag": etag})

    app = web.Application()
    app.router.add_get("/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    pages["/feed.xml"] = rss_feed(articles, base)
    pages.update({f"/articles/{a.slug}.html": article_page(a) for a in articles})
    return runner, base


def demo_config(base_url: str, db_path: Path, user_config: Path | None) -> Config:
    """Embedded defaults plus the local feed; chat destinations from `user_config` if given."""
    text = (f"[storage]\nurl = 'sqlite:///{db_path.as_posix()}'\n"
            "[watch]\nallow_private_networks = true\n"
            f"[[feeds]]\nurl = '{base_url}/feed.xml'\nname = 'Demo newsroom'\n")
    demo = parse_config(text, source="<demo>")
    if user_config is None:
        return demo
    # Copy onto the user's config, which carries its resolved secrets and base folder.
    user = load_config(user_config)
    return user.model_copy(update={"storage": demo.storage, "watch": demo.watch,
                                   "feeds": demo.feeds})


async def run_demo(console: Console, *, user_config: Path | None = None,
                   db_path: Path | None = None) -> int:
    now = datetime.now(UTC)
    articles = load_articles(seeds_dir(), now)
    runner, base = await start_site(articles)
    with tempfile.TemporaryDirectory(prefix="stackwatch-demo-") as tmp:
        config = demo_config(base, db_path or Path(tmp) / "demo.db", user_config)
        console.print(f"[bold]stackwatch demo[/bold]: {len(articles)} seed articles served at "
                      f"{base}/feed.xml; database {config.database_url}\n")
        app = App.open(config, console=console)
        try:
            report = await _scheduled_tick(app)
            s = report.sweep
            console.print(f"\nSweep: {s.feeds} feed, {s.new_stories} new stories, "
                          f"{s.flagged} flagged, {s.new_events} events, "
                          f"{report.delivery.sent} alerts delivered"
                          + (f", errors: {s.errors + report.delivery.errors}"
                             if s.errors or report.delivery.errors else "") + "\n")
            console.print("[dim]$ stackwatch who-joined[/dim]")
            render_reply(console, run_text("who-joined", app.command_context()))
        finally:
            app.close()
            await runner.cleanup()
    return 0 if not report.sweep.failed else 1


async def _scheduled_tick(app: App) -> RunReport:
    """Run one tick through APScheduler, as the service does."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[RunReport] = loop.create_future()

    async def tick() -> None:
        try:
            done.set_result(await app.run_once())
        except Exception as err:
            done.set_exception(err)

    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(tick, "date", run_date=datetime.now(UTC), id="demo-tick")
    scheduler.start()
    try:
        return await asyncio.wait_for(done, timeout=120)
    finally:
        scheduler.shutdown(wait=False)
