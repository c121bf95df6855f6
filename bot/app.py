"""The composition root: `bootstrap()` builds every repository and service, once, and passes them
in through constructors; `start_up()` is what every way of running the bot does before it
connects (ingest the content, load the search index).

The entry points (the bot runner, the sandbox, the CLI, the tests) call these two and nothing
else: no service builds its own repositories, no cog builds a service. A new feature adds its
repositories and its service here, in one place.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
from dataclasses import dataclass

from bot.advice import AdvicePages
from bot.clock import Clock, utcnow
from bot.cohorts.discussions import DiscussionService
from bot.cohorts.service import CohortService
from bot.cohorts.subjects import LibrarySubjects
from bot.content import ContentService
from bot.content.outbox import AuditOutbox
from bot.insights.digest import DigestScheduler
from bot.insights.library import SearchLibrary
from bot.insights.recorder import InsightsRecorder
from bot.insights.service import InsightsService
from bot.models import FileProblem, IngestReport
from bot.search import SearchService, TopicMatcher
from bot.search.build_index import elsewhere
from bot.search.saved import file_for as saved_index_file
from bot.services.ingest import EmptyFolderError, IngestService
from bot.settings import Settings
from bot.store.advice_pages import SqliteAdvicePages
from bot.store.audit_outbox import SqliteAuditOutbox
from bot.store.cohorts import SqliteCohortRepository, SqliteDiscussionRepository
from bot.store.content import SqliteContentRepository
from bot.store.database import Database
from bot.store.entries import EntryRepository
from bot.store.ingest_state import IngestStateRepository, SqliteIngestStore
from bot.store.insights import SqliteDigestRepository, SqliteInsightsRepository
from bot.store.lineage import LineageRepository
from bot.store.search_index import SqliteSearchStore
from bot.store.state import StateRepository
from bot.store.tips import TipRepository
from bot.store.topics import TopicRepository
from bot.tips.scheduler import TipScheduler
from bot.tips.service import TipService

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Services:
    """What the entry points hold: settings, the open database, repositories and services."""

    settings: Settings
    db: Database
    entries: EntryRepository
    topics: TopicRepository
    state: StateRepository
    ingest_state: IngestStateRepository
    tip_store: TipRepository
    ingest: IngestService
    search: SearchService
    tips: TipService
    tip_scheduler: TipScheduler
    cohorts: CohortService
    discussions: DiscussionService
    content: ContentService
    audit_outbox: AuditOutbox  # content changes made from the CLI, for the bot to post
    insights: InsightsService
    digests: DigestScheduler
    lineage: LineageRepository  # which raw post section each curated entry was written from
    advice_pages: AdvicePages  # public /advice answers' pages, kept per message

    async def close(self) -> None:
        await self.insights.recorder.close()  # writes what is queued
        await self.search.close()
        await self.db.close()


async def bootstrap(
    settings: Settings,
    *,
    db: Database | None = None,
    clock: Clock = utcnow,
    ingest_workers: int | None = None,
    writable: bool = True,
) -> Services:
    """Open the database (unless given one) and build everything on it.

    `clock` is the time every service reads (tests pass a clock they move); `ingest_workers`
    sets the parser processes of a big ingestion (None: one per core, 0: in this process);
    `writable=False` for commands that only read (a read-only database serves them).
    """
    db = db or await Database.open(settings.db_path, writable=writable)
    entries = EntryRepository(db)
    tip_store = TipRepository(db)
    tips = TipService(
        tips=tip_store, entries=entries, clock=clock, default_timezone=settings.timezone
    )
    topics = TopicRepository(db)
    discussion_store = SqliteDiscussionRepository(db)
    cohorts = CohortService(SqliteCohortRepository(db), discussion_store, clock=clock)
    lineage = LineageRepository(db)
    index_file = saved_index_file(settings.db_path)
    search = SearchService(
        SqliteSearchStore(db),
        entries=entries,
        index_file=index_file,
        build_elsewhere=None if index_file is None else elsewhere(settings.db_path, index_file),
    )
    content = ContentService(SqliteContentRepository(db), clock=clock)
    insight_store = SqliteInsightsRepository(db)
    recorder = InsightsRecorder(
        insight_store,
        clock=clock,
        retention_days=settings.insights_retention_days,
        timezone=settings.timezone,
        enabled=settings.insights,
    )
    insights = InsightsService(
        insight_store,
        recorder,
        SearchLibrary(search, entries),
        clock=clock,
        timezone=settings.timezone,
    )
    return Services(
        settings=settings,
        db=db,
        entries=entries,
        topics=topics,
        state=StateRepository(db),
        ingest_state=IngestStateRepository(db),
        tip_store=tip_store,
        # Raw posts arrive without topics: tag their entries from the taxonomy's names and aliases.
        ingest=IngestService(
            SqliteIngestStore(db),
            topic_inferer=TopicMatcher,
            clock=clock,
            workers=ingest_workers,
            max_file_bytes=settings.max_file_bytes,
        ),
        search=search,
        tips=tips,
        tip_scheduler=TipScheduler(
            tips, tip_store, clock=clock, grace=dt.timedelta(hours=settings.tip_grace_hours)
        ),
        cohorts=cohorts,
        discussions=DiscussionService(
            cohorts,
            discussion_store,
            LibrarySubjects(entries, topics, tips, tip_store),
            clock=clock,
        ),
        content=content,
        audit_outbox=AuditOutbox(
            SqliteAuditOutbox(db), content, clock=clock, every=settings.audit_outbox_seconds
        ),
        insights=insights,
        digests=DigestScheduler(SqliteDigestRepository(db), insights, clock=clock),
        lineage=lineage,
        advice_pages=AdvicePages(SqliteAdvicePages(db), entries, clock=clock),
    )


async def start_up(
    services: Services, *, ingest: bool = True, settle: bool = False
) -> IngestReport | None:
    """Before connecting: ingest the configured content (when asked), then load the search index
    now rather than on the first query (seconds for a big corpus). `settle`: the process runs
    this bot until it exits (not a test's bot among many), so what start-up built is set aside
    from the garbage collector's full passes (`settle_heap`)."""
    # A damaged file is said at start, in one line, not by the first request that reads it.
    await services.db.require_intact()
    report = None
    if ingest:
        try:
            report = await services.ingest.ingest(list(services.settings.content_paths))
        except EmptyFolderError as exc:
            # Start with what the database holds rather than retire it all (or not start).
            log.error("content not loaded: %s", exc)
            report = IngestReport(errors=[FileProblem(f"{exc.label}/", str(exc))])
        log.info(
            "content: %d files, %d added, %d updated, %d unchanged, %d retired",
            report.files, report.added, report.updated, report.unchanged, report.retired,
        )  # fmt: skip
        for problem in report.errors:
            log.warning("content problem: %s: %s", problem.file, problem.reason)
        if report.files == 0 and (await services.entries.stats())["entries"] == 0:
            # A first run on an empty or mistyped folder: online, and every lookup finds nothing.
            folders = ", ".join(str(p) for p in services.settings.content_paths)
            log.warning(
                "no advice loaded: the database has no entries and %s no advice files;"
                " /advice will find nothing (put .md files there, or set SUNBAE_CONTENT)",
                folders,
            )
    await services.search.refresh()
    if settle:
        settle_heap()
    return report


def settle_heap() -> None:
    """Collect once, then freeze what is left: the modules, the services and the search index
    live as long as the process, and every full pass of the collector walked them (the
    slowest /advice of 400: 31-64 ms, a full pass; 10-15 ms once frozen). Frozen objects are
    still freed when nothing refers to them (an index a reload replaced is); only a reference
    cycle made before this point would never be. Call before the gateway connects, so that
    discord.py's caches, remade on a new session, stay collectable."""
    gc.collect()
    gc.freeze()
