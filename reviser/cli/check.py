"""`reviser check` (being written)."""

import click


@click.command()
def check() -> None:
    """Not written yet."""
    raise click.ClickException("not written yet")
