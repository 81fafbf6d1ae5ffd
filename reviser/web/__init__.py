"""`reviser serve`: a local web page for drafting and checking letters, over the same core as the CLI.

`reviser.web.app.create_app()` builds the ASGI app; `reviser.web.server.run()` serves it on 127.0.0.1.
Needs the `web` extra (Starlette and uvicorn); nothing outside this package imports it.
"""
