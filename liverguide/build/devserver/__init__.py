"""`make devserver`: a preview editors can trust.

    python -m liverguide.build.devserver [--settings pelicanconf.py] [--output output-preview]
        [--content DIR] [--host 127.0.0.1] [--port 8000] [--drafts] [--no-serve]

- **Every input watched** (inputs.py): the content folder, the bibliography, the glossary and the
  diagrams wherever the settings put them, the clinic's file (clinic.ini or CLINIC_FILE), the
  theme, the settings files, and this package's own code.
- **Rebuilt at once** (builder.py): a build process that has already imported Pelican and the
  site's code builds again on each change (about 0.2 s for the guide, the content cache serving
  what did not change); when the code or a settings file changes it is replaced by a fresh one,
  so nothing of the old code stays loaded. Every build goes through liverguide.build: the
  preview folder is replaced only by a build without problems.
- **Pushed to the browser** (server.py): each served page gets a script and a stylesheet from
  the server's own addresses (never inline, so the site's Content-Security-Policy holds) that
  keep one Server-Sent Events connection open. After a good build the page reloads; after a
  broken one the problems, file, line and message, are shown over the last good page until a
  build succeeds. Nothing of this is written into the folder.
- **Drafts shown** (`--drafts`, what `make devserver` passes): articles and pages with
  `Status: draft` are built too, marked as drafts and listed on the home page. Only the
  preview does this; every other build leaves drafts out (DRAFT_SAVE_AS is empty).
"""
