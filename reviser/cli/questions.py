"""`reviser questions` (being written)."""

import click


@click.command()
def questions() -> None:
    """Not written yet."""
    raise click.ClickException("not written yet")
