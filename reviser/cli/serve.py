"""`reviser serve`: the local web page, for people who would rather not use a terminal."""

from __future__ import annotations

import click

DEFAULT_PORT = 8731


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option("--no-browser", is_flag=True, help="Do not open the page in the browser.")
def serve(port: int, no_browser: bool) -> None:
    """Open a web page on this computer to draft and check letters.

    The page listens on 127.0.0.1 only; your notes and letters stay on this computer (and in this
    browser's storage) unless you choose a model endpoint elsewhere. Press Ctrl-C to stop.
    """
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:  # starlette or uvicorn missing
        raise click.ClickException(
            f"reviser serve needs the web extra ({exc.name} is not installed): pip install 'reviser[web]'"
        ) from None
    from reviser.web.server import run

    run(port=port, open_browser=not no_browser, echo=lambda line: click.echo(line, err=True))
