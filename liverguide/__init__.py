"""The build of "Liver Metastases: A Treatment Guide": everything between the Markdown in
content/ and the pages in output/ that Pelican does not do itself.

| where | what |
|---|---|
| syntax/ | the site's own Markdown syntax, one Python-Markdown extension per syntax |
| reader/ | the one reader every content file goes through, in a fixed order of steps |
| plugins/ | Pelican plugins, one per feature, each a register() that connects signals |
| sources/ | the data files content is checked against: bibliography, glossary, clinic details |
| checks/ | what stops a bad build: front matter, content safety, reading level, links |
| build/ | the build wrapper every `make` build goes through, the devserver, the offline zip |
| editors/ | the editors' commands: new article, review dates, reading level |
| errors.py | ContentError: one `file:line: message` for every mistake |
"""
