"""The offline course website (`course site`): built from the content and the lessons, on top of both.

- `build`     run the lessons, render every page, copy the assets: the entry point
- `lessons`   one executed lesson as a page (self-checks with their answers folded away)
- `pages`     the index, glossary, timeline, past papers and the other pages from the tables
- `search`    the offline search index
- `revision`  the flashcards and revision sheet
"""
