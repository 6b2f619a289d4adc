# The learner's nbgrader configuration (on JUPYTER_CONFIG_PATH in the learner's JupyterLab and, as
# deploy/site/nbgrader_config.py, for students on the hub): Validate ends with a plain summary of the
# questions (course/learner/validate_summary.py says why and how).
c = get_config()  # noqa: F821 (nbgrader's config loader defines it)
try:
    from course.learner.validate_summary import add_summary_at_the_end
except ImportError:  # the course is not installed where this server runs: Validate works as nbgrader's own
    pass
else:
    c.Execute.on_cell_start = add_summary_at_the_end
