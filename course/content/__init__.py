"""The ground floor: the course's content and what reads it (imports nothing of the course above it).

- `paths`          where things live: the tables, lessons, assets and templates; this venv's bin on PATH
- `schemas`        every table's columns, types and rules, and the "as of" date
- `data`           `load("events")`: a table validated against its schema
- `table_display`  how pandas shows the tables (whole text in every cell)
- `theme`          the charts' look: colours, fonts, sizes
- `charts`         the course's Plotly figures, drawn from the tables
- `plotly_output`  a figure in a notebook (the offline Plotly mime type) and in exported HTML
- `banks`          the self-check question banks (`banks/NN.json`) and how a reply is read
"""
