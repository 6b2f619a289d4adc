"""nbgrader settings every user of the hub shares: where the exchange is, which course, how to submit.

Installed as /srv/nbgrader/jupyter/nbgrader_config.py (one server; see docs/deploy.md) or mounted there
from a ConfigMap (Kubernetes). The hub puts that folder on every user's JUPYTER_CONFIG_PATH, so these
settings apply to the Assignments tab and to `nbgrader` typed in a terminal alike.
"""

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

# Root-owned, mode 1777; the course folder inside belongs to the instructor (deploy/setup-exchange.sh).
c.Exchange.root = "/srv/nbgrader/exchange"
c.CourseDirectory.course_id = "russia-and-the-west"
# Fetched assignments land in ~/russia-and-the-west/<assignment>/, apart from other courses' work.
c.Exchange.path_includes_course = True
# nbgrader's own default, stated because privacy depends on it: submissions get an unguessable name.
c.ExchangeSubmit.add_random_string = True
# ...and the course closes each submission folder to other students (nbgrader leaves it 0777: #978).
c.ExchangeFactory.submit = "course.exchange.PrivateSubmit"
# Collect (run by instructors) never follows a link in a submission and times each submission by the
# exchange's clock (the latest change time), not by the student's timestamp.txt: course/exchange_seal.py.
c.ExchangeFactory.collect = "course.exchange_seal.SealedCollect"
# Validate (the students' button) ends with a plain summary of the questions, not the checks' hashes:
# the same lines as the learner's course/learner/nbgrader_config.py (a test keeps them equal).
try:
    from course.learner.validate_summary import add_summary_at_the_end
except ImportError:  # the course is not installed where this server runs: Validate works as nbgrader's own
    pass
else:
    c.Execute.on_cell_start = add_summary_at_the_end
