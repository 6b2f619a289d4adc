"""Russia and the West: the course's helper package.

Data flows one way: `data/*.csv` + `course.schemas` -> `course.data` (validated DataFrames) ->
`course.charts` (Plotly figures) -> lessons, assignments and the site.
"""

__version__ = "0.1.0"
