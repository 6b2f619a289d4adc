"""The one declaration of every data table: columns, types, allowed values, keys, description, source.

`course.data` turns these declarations into pandera schemas and enforces them on load; the tests and the
documentation read them from here too. Add a table by adding a `Table` below and its CSV in `data/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Status columns (`status_as_of` in institutions) describe the world on this date.
AS_OF = "2026-11-01"

ARTICLES = {
    "kimmage_lipman": "Michael Kimmage and Maria Lipman, \"Will Russia's Break With the West Be Permanent?\", "
    "Foreign Affairs, June 2023",
    "ruxit": "Mikhail Polianskii, \"The Perils of Ruxit: Russia's Tension-Ridden Dissociation from the European "
    "Security Order\", GESIS Blog, 2022 (PRIF Blog version 21 October 2022), doi:10.34879/gesisblog.2022.63",
    "snegovaya_whitmore": "Maria Snegovaya and Brian Whitmore, \"Vladimir Putin Often Backs Down\", "
    "Foreign Policy, 8 July 2022",
}


@dataclass(frozen=True)
class Field:
    """One column. `kind` is one of: text, slug, date (partial ISO), year, count, percent, number (any decimal, may
    be negative), choice, articles, yesno."""

    name: str
    kind: str = "text"
    required: bool = True
    choices: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    source: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    #: date column -> column holding its declared precision (tables where the CSV states it)
    precision_of: dict[str, str] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


PRECISIONS = ("year", "month", "day")
YESNO = ("yes", "no")


def _source() -> Field:
    return Field("source", description="where the row was verified: a URL or a full reference")


def _note() -> Field:
    return Field("note", required=False, description="caveats, corrections of an article, reasoning")


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            name="events",
            description="Dated events in Russia's relations with the West, 1682 to the course's cut-off.",
            source="Course research; each row names its own source (see the source column).",
            key=("event_id",),
            precision_of={"date": "precision"},
            fields=(
                Field("event_id", "slug"),
                Field("date", "date"),
                Field("precision", "choice", choices=PRECISIONS),
                Field("event"),
                Field(
                    "category",
                    "choice",
                    choices=(
                        "westernization", "war", "diplomacy", "domestic", "culture", "sanctions", "crisis",
                        "institution_join", "institution_exit", "energy", "pakistan",
                    ),
                ),
                Field("articles", "articles", required=False),
                _source(),
                Field("verified", "yesno"),
                _note(),
            ),
        ),
        Table(
            name="polls",
            description="Opinion-poll figures: Levada Center series on Russians' views of the USA, the EU and "
            "Ukraine, Pew Research Center views of Russia abroad, and the figures the Snegovaya & Whitmore "
            "article quotes.",
            source="Levada Center and Pew Research Center releases, or reports of them; each row names its own.",
            key=("series", "country_polled", "field_date", "answer"),
            fields=(
                Field("series", "slug"),
                Field("pollster"),
                Field("question"),
                Field("country_polled"),
                Field("field_date", "date"),
                Field("answer"),
                Field("answer_kind", "choice", choices=("main", "detail")),
                Field("percent", "percent"),
                _source(),
                Field("article", "articles", required=False),
                _note(),
            ),
        ),
        Table(
            name="institutions",
            description=f"Russia's ties to Western institutions and treaties, with start, suspension and end "
            f"dates; status as of {AS_OF}. The raw material for measuring the dissociation model.",
            source="Treaty depositaries, the institutions' own sites and news reports; each row names its own.",
            key=("tie_id",),
            fields=(
                Field("tie_id", "slug"),
                Field("name"),
                Field("kind", "choice", choices=("organisation", "treaty", "partnership", "forum", "negotiation")),
                Field(
                    "domain", "choice", choices=("security", "arms_control", "economic", "political", "human_rights")
                ),
                Field("start_date", "date"),
                Field("suspended_date", "date", required=False),
                Field("ended_date", "date", required=False),
                Field("status_as_of", "choice", choices=("active", "suspended", "ended")),
                _source(),
                _note(),
            ),
        ),
        Table(
            name="episodes",
            description="Escalation episodes: a challenge to Russia, what Russia threatened, what it did, and "
            "the course's outcome coding, covering the Snegovaya & Whitmore cases and cases before and after.",
            source="News reports and official statements; each row names its own.",
            key=("episode_id",),
            precision_of={"date": "precision"},
            fields=(
                Field("episode_id", "slug"),
                Field("date", "date"),
                Field("precision", "choice", choices=PRECISIONS),
                Field("challenger"),
                Field("challenge"),
                Field("russian_threat"),
                Field("russian_response"),
                Field("outcome", "choice", choices=("backed_down", "mixed", "escalated")),
                Field("in_article", "yesno"),
                _source(),
                _note(),
            ),
        ),
        Table(
            name="questions",
            description="Past CSS and PMS questions on Russia and the West, as transcribed, with the lesson "
            "that answers each.",
            source="Transcriptions on CSS preparation sites (no FPSC PDFs were available); each row names its own.",
            key=("question_id",),
            fields=(
                Field("question_id", "slug"),
                Field("year", "year"),
                Field("exam", "choice", choices=("CSS", "PMS")),
                Field("body"),
                Field("paper"),
                Field("number", required=False),
                Field("wording"),
                _source(),
                Field("syllabus_line"),
                Field("lesson", "choice", choices=("01", "02", "03", "04")),
                _note(),
            ),
        ),
        Table(
            name="glossary",
            description="Key terms in the course's own words, each tied to a lesson and, where it fits, an IR "
            "theory.",
            source="The course; each row names a reference to check the definition against.",
            key=("term",),
            fields=(
                Field("term"),
                Field("definition"),
                Field("lesson", "choice", choices=("00", "01", "02", "03", "04")),
                Field("theory", "choice", required=False, choices=("realism", "liberalism", "constructivism")),
                _source(),
            ),
        ),
        Table(
            name="un_votes",
            description="UN General Assembly votes on Russia's war against Ukraine, with the tallies and how "
            "Pakistan voted: the dated facts behind the course's Pakistan angle.",
            source="UN press releases and Pakistani and Ukrainian news reports; each row names its own.",
            key=("resolution",),
            fields=(
                Field("resolution", description="UN document number, e.g. ES-11/1"),
                Field("date", "date"),
                Field("subject"),
                Field("yes", "count"),
                Field("no", "count"),
                Field("abstained", "count"),
                Field("pakistan", "choice", choices=("yes", "no", "abstained", "absent")),
                _source(),
            ),
        ),
        Table(
            name="mcq_bank",
            description="Multiple-choice items that class variants draw from, beside the self-check banks and the "
            "practice assignments' own MCQs: each with its right option, three wrong ones, an explanation and a "
            "source. A class folder's private bank.csv uses the same columns.",
            source="The course's own tables (events) and reference notes; each row names its own source.",
            key=("item_id",),
            fields=(
                Field("item_id", "slug"),
                Field("pool", "choice", choices=("kimmage_lipman", "ruxit", "snegovaya_whitmore", "synthesis"),
                      description="the article the item teaches, or synthesis (lesson 04); the mock draws from all"),
                Field("question"),
                Field("answer", description="the right option, as text (the variant shuffles the options)"),
                Field("wrong_1"),
                Field("wrong_2"),
                Field("wrong_3"),
                Field("explanation", description="why the answer is right, shown with the feedback"),
                _source(),
            ),
        ),
        Table(
            name="economy",
            description="Yearly figures for judging whether sanctions work: Russia's real GDP growth, the "
            "federal budget's oil and gas revenues, and China-Russia trade. Official estimates are revised, so "
            "each row says which release it is and when it was published (`as_of`).",
            source="Rosstat, Russia's Finance Ministry and China's General Administration of Customs, as "
            "reported by news agencies; each row names its own.",
            key=("series", "year"),
            fields=(
                Field("series", "choice", choices=("gdp_growth", "oil_gas_revenue", "china_trade")),
                Field("year", "year"),
                Field("value", "number"),
                Field("unit"),
                Field("publisher", description="who produced the figure (the statistics office, ministry or customs)"),
                Field("release", "choice", choices=("first_estimate", "later_estimate", "reported"),
                      description="first_estimate and later_estimate for GDP; reported for budget and customs data"),
                Field("as_of", "date", description="when the figure in this row was published or reported"),
                _source(),
                Field("verified", "yesno"),
                _note(),
            ),
        ),
        Table(
            name="article_errors",
            description="Claims in the three articles that the course teaches as errors, each with its "
            "correction: what the lessons correct and the essay coach flags when an answer repeats it.",
            source="The course's reference notes on the articles' discrepancies and the events table; each row "
            "names its own.",
            key=("error_id",),
            fields=(
                Field("error_id", "slug"),
                Field("article", "choice", choices=tuple(ARTICLES)),
                Field("claim", description="the wrong claim, in the course's own words"),
                Field("pattern", description="case-insensitive regular expression that finds the claim "
                      "repeated within one sentence"),
                Field("unless", required=False, description="regular expression: a sentence that also matches "
                      "it already gives the correction, and is not flagged"),
                Field("correction", description="what to write instead, with dates"),
                Field("lesson", "choice", choices=("01", "02", "03", "04")),
                _source(),
            ),
        ),
    )
}
