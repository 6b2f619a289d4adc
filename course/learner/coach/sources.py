"""The one source a finding shows: the best of a row's `;`-separated sources, primary where the row has one.

A learner told that a date is wrong should be sent to the document itself (NATO's declaration, the UN's press
release, the Council of Europe's page), not to a blog that copied it. Rows list their sources in the order
they were found, so the coach ranks them: official and primary sites first, then news agencies and
established papers, then reference works, then everything else; blogs and copies of Wikipedia last.
"""

from __future__ import annotations

import re

#: Domains (or suffixes) of primary sources: governments, international organisations, official records.
PRIMARY = ("nato.int", "un.org", "osce.org", "coe.int", "europa.eu", "kremlin.ru", "wto.org", "govinfo.gov", ".gov",
           "usembassy.gov", "state.gov", "icc-cpi.int", "mofa.gov.pk", "gov.uk", "gov.ua", "mid.ru", "whitehouse.gov",
           "consilium.europa.eu", "digitallibrary.un.org", "press.un.org", "osce")
#: News agencies and established papers, and scholarly publishers.
PRESS = ("reuters.com", "apnews.com", "app.com.pk", "bbc.", "dawn.com", "thenews.com.pk", "nation.com.pk", "pakistantoday.com.pk",
         "rferl.org", "europalibera.org", "interfax", "tass.com", "themoscowtimes.com", "meduza.io", "politico.eu",
         "dw.com", "time.com", "nbcnews.com", "cbc.ca", "hindustantimes.com", "thehindu.com", "straitstimes.com",
         "kyivindependent.com", "pravda.com.ua", "novayagazeta.eu", "khaleejtimes.com", "aa.com.tr", "voanews.com",
         "taylorfrancis.com", "cam.ac.uk", "ushmm.org", "armscontrol.org", "csis.org", "swissinfo.ch", "rt.com",
         "upi.com", "newsweek.com", "xinhuanet.com", "jamestown.org", "pewresearch.org", "chicagotribune.com",
         "ria.ru", "lenta.ru", "babel.ua", "jang.com.pk", "geo.tv", "brecorder.com", "davispolk.com", "russianforces.org",
         "tagesschau.de", "interaffairs.ru", "cvce.eu", "swarthmore.edu", "usip.org", "sputnikglobe.com",
         "nationalgeographic.org", "en.wikipedia.org", "britannica.com")
#: Blogs, copies and aggregators: shown only when a row has nothing better.
WEAK = ("wordpress", "blogspot", "blog", "medium.com", "wiki", "discogs", "fromoldbooks", "liquisearch", "theinfolist",
        "worddisk", "time.graphics", "docslib", "wikisum", "ict-edu", "running-n-stopping", "kxcdn", "rulit",
        "mapsofworld", "historydaily", "muralmosaic", "shepherdgazette", "breakinglatest", "ndokwavanguard")


def _host(part: str) -> str:
    found = re.search(r"https?://([^/\s]+)", part)
    return (found.group(1) if found else part).lower()


def rank(part: str) -> int:
    """0 for a primary source, 1 for the press or a publisher, 3 for a blog or a copy, 2 otherwise."""
    host, text = _host(part), part.lower()
    if any(w in host for w in WEAK) or "wikipedia-derived" in text or "copy of" in text:
        return 3
    if any(host.endswith(p) or p in host for p in PRIMARY) or re.search(r"\b(un press release|official text|"
                                                                         r"nato official|resolution text)\b", text):
        return 0
    if any(p in host for p in PRESS) or re.search(r"\b(reuters|ap|afp|dawn|interfax|tass)\b", text):
        return 1
    return 2


def best(source: str) -> str:
    """The best of a row's sources (the first of equals, as the row lists them); the cell itself if it has one."""
    parts = [p.strip() for p in re.split(r"\s;\s|;\s(?=https?://)", source) if p.strip()]
    if len(parts) <= 1:
        return source.strip()
    return min(parts, key=rank)
