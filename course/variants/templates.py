"""Data questions from templates: parameters drawn per class, the key computed from the course tables.

Each template draws its parameters (a series and two waves, an article and a year, a category...) with
the class's random generator, says whether they give a well-defined answer (a selection that is not
empty, no tie where one answer is asked for), and writes the pandas code of the model solution. The key
is what that very code computes on the course tables now (`key`): the solution a class sees after
grading and the key its hidden test holds cannot disagree.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

ATTEMPTS = 60  # draws of one template before it is declared unable to give a well-defined question


class TemplateError(RuntimeError):
    """No parameters of a template gave a well-defined answer; the message names the template."""


@dataclass(frozen=True)
class Question:
    """One drawn data question: what it asks, in which variable, of which form, and its key."""

    template: str
    params: tuple
    prompt: str
    variable: str
    kind: str            # "int", "float", "label" or "labels"
    solution: str
    key: object
    hint: str
    allowed: tuple = ()  # the labels a "label"/"labels" answer may use (its form, never its value)
    definition: str = ""
    tables: tuple = field(default_factory=tuple)


def tables() -> dict[str, pd.DataFrame]:
    from course import data

    return {name: data.load(name) for name in ("events", "polls", "institutions", "episodes", "un_votes")}


def _stopped(institutions: pd.DataFrame) -> pd.Series:
    return institutions["suspended_date"].fillna(institutions["ended_date"])


STOPPED = ("A tie **stopped working** on its `suspended_date`, or on its `ended_date` if it was never "
           "suspended first.")


class Template:
    name = ""
    kind = "int"
    variable = ""
    needs: tuple[str, ...] = ()
    definition = ""

    def draw(self, rng: random.Random, t: dict) -> dict:
        raise NotImplementedError

    def problem(self, p: dict, t: dict) -> str | None:
        """Why these parameters give no well-defined answer, or None if they do."""
        raise NotImplementedError

    def prompt(self, p: dict) -> str:
        raise NotImplementedError

    def solution(self, p: dict) -> str:
        raise NotImplementedError

    hint = ""

    def allowed(self, p: dict, t: dict) -> tuple:
        return ()


class PollSwing(Template):
    name, kind, variable, needs = "poll_swing", "float", "positive_change", ("polls",)
    hint = "take the Positive share in the later wave minus the Positive share in the earlier wave."

    def __init__(self, series: tuple[str, ...]):
        self.series = series

    def _rows(self, t, series):
        polls = t["polls"]
        return polls[(polls["series"] == series) & (polls["answer"] == "Positive")]

    def draw(self, rng, t):
        series = rng.choice(self.series)
        waves = sorted(self._rows(t, series)["field_date_label"].unique())
        if len(waves) < 2:
            return {"series": series, "before": None, "after": None}
        before, after = sorted(rng.sample(waves, 2))
        return {"series": series, "before": before, "after": after}

    def problem(self, p, t):
        rows = self._rows(t, p["series"])
        if p["before"] is None:
            return f"series {p['series']!r} has fewer than two waves with a Positive share"
        counts = rows["field_date_label"].value_counts()
        if counts.get(p["before"], 0) != 1 or counts.get(p["after"], 0) != 1:
            return "a wave has no Positive row, or more than one"
        by_wave = rows.set_index("field_date_label")["percent"]
        if by_wave[p["after"]] == by_wave[p["before"]]:
            return "no change: the direction of the change would be undefined"
        return None

    def prompt(self, p):
        return (f"In the series `{p['series']}`, by how many percentage points did the share of Russians with a "
                f"**Positive** view change from the `{p['before']}` wave to the `{p['after']}` wave? "
                f"(Later minus earlier, so a fall is negative.)\n\nStore the result in `{self.variable}` "
                f"(a number of percentage points, rounded to one decimal: `round(x, 1)`).")

    def solution(self, p):
        return (f"rows = polls[(polls[\"series\"] == \"{p['series']}\") & (polls[\"answer\"] == \"Positive\")]\n"
                f"by_wave = rows.set_index(\"field_date_label\")[\"percent\"]\n"
                f"{self.variable} = float(round(by_wave[\"{p['after']}\"] - by_wave[\"{p['before']}\"], 1))")


class PollExtreme(Template):
    name, kind, variable, needs = "poll_extreme_wave", "label", "extreme_wave", ("polls",)
    hint = "filter the series and the answer, then find the row with the extreme percent."

    def __init__(self, series: tuple[str, ...]):
        self.series = series

    def _rows(self, t, p):
        polls = t["polls"]
        return polls[(polls["series"] == p["series"]) & (polls["answer"] == p["answer"])]

    def draw(self, rng, t):
        return {"series": rng.choice(self.series), "answer": rng.choice(("Positive", "Negative")),
                "extreme": rng.choice(("lowest", "highest"))}

    def problem(self, p, t):
        rows = self._rows(t, p)
        if rows["field_date_label"].nunique() < 3 or rows["field_date_label"].duplicated().any():
            return "fewer than three waves, or a wave with two rows"
        extreme = rows["percent"].min() if p["extreme"] == "lowest" else rows["percent"].max()
        if (rows["percent"] == extreme).sum() != 1:
            return "a tie: two waves share the extreme value"
        return None

    def allowed(self, p, t):
        return tuple(sorted(self._rows(t, p)["field_date_label"].unique()))

    def prompt(self, p):
        return (f"In the series `{p['series']}`, in which fieldwork wave was the share of Russians answering "
                f"**{p['answer']}** {p['extreme']}? Give the wave as written in `field_date_label`, e.g. "
                f"`'1990-04'`.\n\nStore the result in `{self.variable}` (a `str`).")

    def solution(self, p):
        pick = "idxmin" if p["extreme"] == "lowest" else "idxmax"
        return (f"rows = polls[(polls[\"series\"] == \"{p['series']}\") & (polls[\"answer\"] == \"{p['answer']}\")]\n"
                f"{self.variable} = str(rows.loc[rows[\"percent\"].{pick}(), \"field_date_label\"])")


class ArticleEventsBefore(Template):
    name, kind, variable, needs = "article_events_before", "int", "n_events_before", ("events",)
    hint = "filter to the article's events, then count those dated before 1 January of the year."

    def __init__(self, article: str):
        self.article = article

    def _years(self, t):
        from course.data import mentions

        events = t["events"]
        return events.loc[mentions(events, self.article), "date"].dt.year

    def draw(self, rng, t):
        years = self._years(t)
        low, high = (int(years.min()), int(years.max())) if len(years) else (2000, 2001)
        return {"year": rng.randint(low, high)}

    def problem(self, p, t):
        years = self._years(t)
        before = int((years < p["year"]).sum())
        if before == 0 or before == len(years):
            return "the selection is empty, or is every event of the article"
        return None

    def prompt(self, p):
        return (f"How many of the events in `events` that the article `{self.article}` mentions or relies on are "
                f"dated **before {p['year']}** (before 1 January {p['year']})?\n\nStore the result in "
                f"`{self.variable}` (a whole number; a pandas count is fine as it is).")

    def solution(self, p):
        return (f"mine = events[mentions(events, \"{self.article}\")]\n"
                f"{self.variable} = int((mine[\"date\"].dt.year < {p['year']}).sum())")


class ArticleEventsCategory(Template):
    name, kind, variable, needs = "article_events_category", "int", "n_events_category", ("events",)
    hint = "filter to the article's events, then count the rows of the category dated in or after the year."

    def __init__(self, article: str):
        self.article = article

    def _mine(self, t):
        from course.data import mentions

        return t["events"][mentions(t["events"], self.article)]

    def draw(self, rng, t):
        years = self._mine(t)["date"].dt.year
        low, high = (int(years.min()), int(years.max())) if len(years) else (2000, 2001)
        return {"category": rng.choice(list(t["events"]["category"].cat.categories)), "since": rng.randint(low, high)}

    def problem(self, p, t):
        mine = self._mine(t)
        if not ((mine["category"] == p["category"]) & (mine["date"].dt.year >= p["since"])).any():
            return "no event of the article in this category from that year on"
        return None

    def prompt(self, p):
        return (f"Among the events in `events` that the article `{self.article}` mentions or relies on, how many "
                f"are in the category `{p['category']}` and dated **{p['since']} or later**?\n\nStore the result in "
                f"`{self.variable}` (a Python `int`).")

    def solution(self, p):
        return (f"mine = events[mentions(events, \"{self.article}\")]\n"
                f"{self.variable} = int(((mine[\"category\"] == \"{p['category']}\")\n"
                f"                         & (mine[\"date\"].dt.year >= {p['since']})).sum())")


class TiesStoppedInYear(Template):
    name, kind, variable, needs = "ties_stopped_in_year", "labels", "ties_stopped", ("institutions",)
    definition = STOPPED
    hint = "use the suspension date, or the end date where there is none, and keep the ties of that year."

    def draw(self, rng, t):
        return {"year": rng.randint(1995, 2025)}

    def problem(self, p, t):
        if not (_stopped(t["institutions"]).dt.year == p["year"]).any():
            return "no tie stopped working that year"
        return None

    def allowed(self, p, t):
        return tuple(sorted(t["institutions"]["tie_id"]))

    def prompt(self, p):
        return (f"Which of Russia's ties in `institutions` stopped working **in the year {p['year']}**? Give their "
                f"`tie_id`s as a list sorted alphabetically.\n\nStore the result in `{self.variable}` (a `list` of "
                f"`str`, sorted).")

    def solution(self, p):
        return ("stopped = institutions[\"suspended_date\"].fillna(institutions[\"ended_date\"])\n"
                f"{self.variable} = sorted(institutions.loc[stopped.dt.year == {p['year']}, \"tie_id\"].tolist())")


class TiesStoppedSince(Template):
    name, kind, variable, needs = "ties_stopped_since", "int", "n_stopped_since", ("institutions",)
    definition = STOPPED
    hint = "use the suspension date, or the end date where there is none, and count the years from then on."

    def draw(self, rng, t):
        return {"year": rng.randint(2000, 2025)}

    def problem(self, p, t):
        stopped = _stopped(t["institutions"]).dropna()
        n = int((stopped.dt.year >= p["year"]).sum())
        return None if 0 < n < len(stopped) else "the selection is empty, or is every tie that stopped"

    def prompt(self, p):
        return (f"How many of Russia's ties in `institutions` stopped working in **{p['year']} or later**?\n\n"
                f"Store the result in `{self.variable}` (a Python `int`).")

    def solution(self, p):
        return ("stopped = institutions[\"suspended_date\"].fillna(institutions[\"ended_date\"])\n"
                f"{self.variable} = int((stopped.dt.year >= {p['year']}).sum())")


class TiesDomainStatus(Template):
    name, kind, variable, needs = "ties_domain_status", "int", "n_ties", ("institutions",)
    hint = "filter on both the domain and status_as_of."

    def draw(self, rng, t):
        i = t["institutions"]
        return {"domain": rng.choice(list(i["domain"].cat.categories)),
                "status": rng.choice(list(i["status_as_of"].cat.categories))}

    def problem(self, p, t):
        i = t["institutions"]
        return None if ((i["domain"] == p["domain"]) & (i["status_as_of"] == p["status"])).any() else "empty selection"

    def prompt(self, p):
        return (f"How many of the ties in `institutions` in the `{p['domain']}` domain have the status "
                f"`{p['status']}` in `status_as_of` (the table's as-of date)?\n\nStore the result in "
                f"`{self.variable}` (a Python `int`).")

    def solution(self, p):
        return (f"{self.variable} = int(((institutions[\"domain\"] == \"{p['domain']}\")\n"
                f"                & (institutions[\"status_as_of\"] == \"{p['status']}\")).sum())")


class EpisodesShareBefore(Template):
    name, kind, variable, needs = "episodes_share_before", "float", "share_before", ("episodes",)
    hint = "keep the episodes before the date, then take the share with that outcome, in percent."

    def draw(self, rng, t):
        return {"cutoff": f"{rng.randint(2008, 2024)}-{rng.randint(1, 12):02d}-01",
                "outcome": rng.choice(("backed_down", "escalated", "mixed"))}

    def problem(self, p, t):
        e = t["episodes"]
        before = e[e["date"] < pd.Timestamp(p["cutoff"])]
        if len(before) < 3:
            return "fewer than three episodes before the date"
        if not (before["outcome"] == p["outcome"]).any():
            return "no episode with this outcome before the date"
        return None

    def prompt(self, p):
        return (f"Take the episodes in `episodes` dated **before {p['cutoff']}** (the `date` column; a month-only "
                f"date counts as the first of its month). What percentage of them are coded `{p['outcome']}`?\n\n"
                f"Store the result in `{self.variable}` (a percentage rounded to one decimal "
                f"with `round(x, 1)`).")

    def solution(self, p):
        return (f"before = episodes[episodes[\"date\"] < \"{p['cutoff']}\"]\n"
                f"{self.variable} = float(round(100 * (before[\"outcome\"] == \"{p['outcome']}\").mean(), 1))")


class EpisodesCount(Template):
    name, kind, variable, needs = "episodes_count", "int", "n_episodes", ("episodes",)
    hint = "filter on the outcome, on in_article and on the year of the date."

    def draw(self, rng, t):
        return {"outcome": rng.choice(("backed_down", "escalated", "mixed")), "cited": rng.choice((True, False)),
                "since": rng.randint(2005, 2024)}

    def problem(self, p, t):
        e = t["episodes"]
        chosen = (e["outcome"] == p["outcome"]) & (e["in_article"] == p["cited"]) & (e["date"].dt.year >= p["since"])
        return None if chosen.any() else "empty selection"

    def prompt(self, p):
        which = "that Snegovaya and Whitmore cite" if p["cited"] else "that Snegovaya and Whitmore do **not** cite"
        return (f"How many episodes in `episodes` {which} (`in_article` is {p['cited']}), dated **{p['since']} or "
                f"later**, are coded `{p['outcome']}`?\n\nStore the result in `{self.variable}` (a Python `int`).")

    def solution(self, p):
        return (f"chosen = ((episodes[\"outcome\"] == \"{p['outcome']}\") & (episodes[\"in_article\"] == {p['cited']})\n"
                f"          & (episodes[\"date\"].dt.year >= {p['since']}))\n"
                f"{self.variable} = int(chosen.sum())")


class UnVoteShare(Template):
    name, kind, variable, needs = "un_vote_share", "float", "vote_share", ("un_votes",)
    hint = "divide the column by yes + no + abstained for that resolution, in percent."

    def draw(self, rng, t):
        return {"resolution": rng.choice(sorted(t["un_votes"]["resolution"])),
                "column": rng.choice(("yes", "abstained"))}

    def problem(self, p, t):
        row = t["un_votes"][t["un_votes"]["resolution"] == p["resolution"]]
        return None if len(row) == 1 and int(row[["yes", "no", "abstained"]].sum(axis=1).iloc[0]) > 0 else "no votes"

    def prompt(self, p):
        word = "in favour" if p["column"] == "yes" else "abstaining"
        return (f"In `un_votes`, on resolution `{p['resolution']}`, what percentage of the states that voted "
                f"yes, no or abstained were **{word}** (the `{p['column']}` column)?\n\nStore the result in "
                f"`{self.variable}` (a number rounded to one decimal with `round(x, 1)`).")

    def solution(self, p):
        return (f"vote = un_votes[un_votes[\"resolution\"] == \"{p['resolution']}\"].iloc[0]\n"
                f"{self.variable} = float(round(100 * vote[\"{p['column']}\"] / (vote[\"yes\"] + vote[\"no\"] + vote[\"abstained\"]), 1))")


#: The templates each assignment's data questions are drawn from (three per variant, all different).
FOR_ASSIGNMENT: dict[str, tuple[Template, ...]] = {
    "a1_westernization": (PollSwing(("levada_eu", "levada_usa", "levada_ukraine")),
                          PollExtreme(("levada_usa", "levada_eu", "levada_ukraine")),
                          ArticleEventsBefore("kimmage_lipman"), ArticleEventsCategory("kimmage_lipman")),
    "a2_dissociation": (TiesStoppedInYear(), TiesStoppedSince(), TiesDomainStatus(),
                        ArticleEventsBefore("ruxit"), ArticleEventsCategory("ruxit")),
    "a3_escalation": (EpisodesShareBefore(), EpisodesCount(), PollSwing(("levada_ukraine",)),
                      ArticleEventsBefore("snegovaya_whitmore"), ArticleEventsCategory("snegovaya_whitmore")),
    "mock_exam": (PollSwing(("levada_eu", "levada_usa", "levada_ukraine")),
                  PollExtreme(("levada_usa", "levada_eu", "levada_ukraine")), TiesStoppedSince(),
                  TiesDomainStatus(), EpisodesCount(), EpisodesShareBefore(), UnVoteShare()),
}


def evaluate(solution: str, t: dict, variable: str):
    """Run the model solution on the course tables, as the student notebook's setup cell loads them."""
    from course.data import mentions

    namespace = {name: frame.copy() for name, frame in t.items()}
    namespace["mentions"] = mentions
    exec(compile(solution, "<variant solution>", "exec"), namespace)
    return namespace[variable]


def draw_question(template: Template, rng: random.Random, t: dict) -> Question:
    """A well-defined question from `template`, redrawing its parameters; TemplateError if none comes."""
    reasons = []
    for _ in range(ATTEMPTS):
        p = template.draw(rng, t)
        reason = template.problem(p, t)
        if reason is None:
            solution = template.solution(p)
            return Question(template.name, tuple(sorted(p.items())), template.prompt(p), template.variable,
                            template.kind, solution, evaluate(solution, t, template.variable), template.hint,
                            template.allowed(p, t), template.definition, template.needs)
        reasons.append(reason)
    raise TemplateError(f"data template {template.name!r} gave no well-defined question in {ATTEMPTS} draws "
                        f"(last reason: {reasons[-1]})")


def draw_questions(assignment: str, count: int, rng: random.Random, t: dict | None = None) -> list[Question]:
    t = tables() if t is None else t
    chosen = rng.sample(FOR_ASSIGNMENT[assignment], count)
    return [draw_question(template, rng, t) for template in chosen]
