"""`reviser draft` (being written)."""

import click


@click.command()
def draft() -> None:
    """Not written yet."""
    raise click.ClickException("not written yet")
