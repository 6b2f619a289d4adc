"""The offline course website (`course site`): built from the content and the lessons, on top of both.

- `build`     run the lessons, render every page, copy the assets: the entry point
- `lessons`   one executed lesson as a page (self-checks with their answers folded away)
- `pages`     the index, glossary, timeline, past papers and the other pages from the tables
- `search`    the offline search index
- `revision`  the flashcards and revision sheet
- `practice`  the self-check banks and the timed drill's MCQs as one data script, each item with its section to reread
- `cards`     the flashcards' review deck (lesson, article, the articles' errors) for FSRS scheduling in the browser
- `offline`   the web app manifest, the service worker's precache list, and the site's zip
"""
