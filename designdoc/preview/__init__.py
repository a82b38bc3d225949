"""The live preview: a warm process that rebuilds a spec on each save and pushes it to a page.

`session` rebuilds (keeping the last good page), `hub` hands each new state to the waiting
browsers, `server` serves the page and its Server-Sent Events on 127.0.0.1, `watcher` turns
saves into rebuilds, and `pdf` remakes the PDF in a background process.
"""
