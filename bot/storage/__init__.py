"""One SQLAlchemy Core code path for SQLite (default) and PostgreSQL.

`open_database(url)` returns a migrated `Database`; the stage modules
(`bot.feedstate`, `bot.stories`, `bot.ledger`, `bot.outbox`, `bot.queries`)
take its engine and speak SQLAlchemy Core, never dialect-specific SQL except
through the helpers in `bot.storage.dialect`.
"""

from bot.storage.engine import Database, DatabaseError, open_database
from bot.storage.schema import metadata

__all__ = ["Database", "DatabaseError", "metadata", "open_database"]
