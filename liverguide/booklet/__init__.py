"""The printed booklet: the whole guide as one PDF for clinics to print or send (`make booklet`).

It is made by the site's own build, so citations, glossary terms and diagrams come out as on
the site: bookletconf.py adds a direct template (theme/templates/booklet/guide.html) that
renders every article in reading order and the chosen pages into one HTML document, and the
Pelican plugin (liverguide.plugins.booklet) turns that document into the PDF once the build has written everything.

- assemble.py: one document from many pages (unique ids, links between parts made internal)
- dates.py: the date the PDF carries, from SOURCE_DATE_EPOCH or the content, never the clock
- render.py: the PDF, by WeasyPrint: paper size, tags, no network, fixed document ID
- __main__.py: `python -m liverguide.booklet`, the build `make booklet` runs, which copies the
  PDF to dist/
The Pelican plugin that runs the three when a build finishes is liverguide/plugins/booklet.py.
"""
