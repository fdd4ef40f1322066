"""Publication dates of HTML pages: datelines in several languages, markup in the wrong place, text dates."""

from __future__ import annotations

import pytest

from communique.extract.dates import find_dates, without_ranges
from communique.extract.htmlpage import extract_dates


@pytest.mark.parametrize(
    ("text", "value", "role"),
    [
        ("Dienstag, 29. Januar 2019", "2019-01-29", None),
        ("Veröffentlicht am 3. März 2020 um 09:43", "2020-03-03T09:43:00", "published"),
        ("Publié le 1er juillet 2019 à 15h14", "2019-07-01T15:14:00", "published"),
        ("Publicado el 29 de junio de 2019", "2019-06-29", "published"),
        ("pubblicato il 4 ottobre 2021", "2021-10-04", "published"),
        ("Stand: 12.01.2022 10:00 Uhr", "2022-01-12T10:00:00", "modified"),
        ("Letzte Änderung: 14.01.2022", "2022-01-14", "modified"),
        ("Datum: 18.10.2021", "2021-10-18", "published"),
        ("28.09.19 12:44", "2019-09-28T12:44:00", None),
        ("gepubliceerd op 5 mei 2020", "2020-05-05", "published"),
        ("Опубликовано 3 марта 2021, 10:15", "2021-03-03T10:15:00", "published"),
        ("Оновлено: 14 листопада 2022", "2022-11-14", "modified"),
        ("الخميس 5 مارس 2020", "2020-03-05", None),
        ("السبت 11 آذار / مارس 2023 - 08:30", "2023-03-11T08:30:00", None),
        ("Stadtrat Nordhafen 12. 3. 2021", "2021-03-12", None),
        ("14 | 03 | 2022 Region | Politik", "2022-03-14", None),
        ("March 2, 2021 / 4:10 PM / Updated an hour ago", "2021-03-02T16:10:00", None),
    ],
)
def test_datelines_in_other_languages(text: str, value: str, role: str | None) -> None:
    found = find_dates(text)
    assert [(f.value, f.role) for f in found][:1] == [(value, role)]


def test_month_names_only_count_as_whole_words() -> None:
    assert find_dates("the market 3 2019 report") == []
    assert find_dates("Mayday 12 2019") == []


def test_year_glued_to_a_clock_is_not_a_year() -> None:
    # "28.09.19" then "12:44" with no space between: not the year 1912.
    assert all(not f.value.startswith("1912") for f in find_dates("macbacchi28.09.1912:44"))


def test_dates_of_two_elements_rendered_side_by_side() -> None:
    # A day glued to the next element's year is no day of that year ("Juni 201914" is not 20 June 1914).
    found = find_dates("Am 3. Juni 201914. Januar 2020 | Redaktion")
    assert not any(f.value.startswith("19") for f in found)
    # A year glued to a clock: the date and its time.
    assert find_dates("12 aprile 202109:05")[0].value == "2021-04-12T09:05:00"


def test_todays_date_is_not_a_dateline() -> None:
    assert find_dates("Aktuelle Zeit: 14.10.2020, 12:18") == []
    assert find_dates("Current time: Oct 14, 2020") == []


def test_slashed_dates_follow_the_page_locale() -> None:
    assert find_dates("02/10/2020")[0].value == "2020-02-10"
    assert find_dates("02/10/2020", day_first=True)[0].value == "2020-10-02"
    page = (
        '<html lang="{lang}"><body><h1>Student halls are too full, experts warn</h1>'
        '<div class="article-date">02/10/2020</div>'
        "<p>Universities were told on Friday that halls of residence could not be kept safe.</p>"
        "</body></html>"
    )
    assert extract_dates(page.format(lang="en-GB"))[:2] == ("2020-10-02", "dateline")
    assert extract_dates(page.format(lang="en-US"))[:2] == ("2020-02-10", "dateline")


def test_dates_in_sidebars_embeds_and_comments_are_not_the_article_date() -> None:
    page = """<html lang="de"><body>
    <article><h1>Was sich nach dem Urteil ändert</h1>
    <blockquote class="instagram-media"><p><time datetime="2018-03-12T19:30:12+00:00">12. März 2018</time></p>
    </blockquote>
    <div class="post-date">Dienstag, 29. Januar 2019</div>
    <p>Das Urteil des Landgerichts betrifft alle, die in sozialen Netzwerken für Produkte werben.</p>
    </article>
    <aside><ul><li><time datetime="2017-09-06">6. September 2017</time> Ein anderer Artikel</li></ul></aside>
    <div class="comments"><span class="comment-date">15. Dezember 2019 at 11:21</span></div>
    </body></html>"""
    assert extract_dates(page)[:2] == ("2019-01-29", "dateline")


def test_date_from_the_text_under_the_headline() -> None:
    page = """<html lang="de"><head><title>Trauern digital</title></head><body>
    <nav><a href="/">Start</a></nav><h1>Trauern digital am Ewigkeitssonntag</h1>
    <p>Karlsruhe, (12.11.2021). Traditionell gedenken die Gemeinden am Ewigkeitssonntag der Verstorbenen,
    in diesem Jahr auch online mit einer Andacht am 21. November 2021.</p>
    <div>Veranstaltungen</div><div>Sa. 13.11.2021</div><div>Erlebnisraum Kirche</div>
    </body></html>"""
    assert extract_dates(page)[:2] == ("2021-11-12", "dateline")


def test_a_labelled_date_anywhere_beats_unlabelled_ones() -> None:
    page = (
        """<html><body><h1>Tobacco duty act announced</h1><p>Related: 3. Mai 2021</p>
    """
        + "<p>filler line</p>" * 40
        + """<p>Datum: 18.10.2021</p>
    <p>The act was published in the Federal Law Gazette of 17. August 2021 and takes effect in stages.</p>
    </body></html>"""
    )
    assert extract_dates(page)[:2] == ("2021-10-18", "dateline")


def _republished_page(shown: str) -> str:
    return f"""<html lang="de"><head>
    <script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Lockdown wird verlängert",
    "datePublished": "2021-03-16T17:16:10+01:00", "dateModified": "2021-03-20T14:00:17+00:00"}}</script>
    </head><body><h1>Lockdown wird verlängert</h1><div class="article-date">{shown}</div>
    <p>Bund und Länder wollen den Lockdown um weitere vier Wochen verlängern, hieß es am Samstag.</p>
    </body></html>"""


def test_a_page_showing_its_modification_day_as_its_date_was_republished() -> None:
    # Markup: published on the 16th, modified on the 20th; the page itself shows the 20th, unlabelled.
    # Its time is shown without a zone and stays without one.
    shown = extract_dates(_republished_page("20.03.2021, 15:00 Uhr"))
    assert shown[:2] == ("2021-03-20T15:00:00", "dateline")
    # It shows the 16th: the first publication stands.
    assert extract_dates(_republished_page("16.03.2021, 17:16 Uhr"))[0] == "2021-03-16T17:16:10+01:00"
    # It labels the 20th as an update: that is the modification, and the publication date stands.
    published, _, modified = extract_dates(_republished_page("Aktualisiert am 20.03.2021, 15:00 Uhr"))
    assert published == "2021-03-16T17:16:10+01:00"
    assert modified == "2021-03-20T14:00:17+00:00"


def test_a_list_of_dates_is_not_a_dateline() -> None:
    teasers = "".join(
        f"<div>Teaser {i}</div><div>{day:02d}/06/2019</div><div>WEITERLESEN</div>"
        for i, day in enumerate((14, 3, 1))
    )
    page = f"<html lang='de'><body><div>{teasers}</div><p>Ein Text ohne Datum.</p></body></html>"
    assert extract_dates(page)[1] != "dateline"
    single = (
        "<html lang='de'><body><div>Mise en ligne</div><div>23/05/2019</div><p>Un texte.</p></body></html>"
    )
    assert extract_dates(single)[:2] == ("2019-05-23", "dateline")


def test_a_paragraph_opening_with_a_date_and_a_dash_dates_a_page_whose_headline_is_not_found() -> None:
    # The <h1> is the site's logo, so no line of the text is known to be the headline.
    page = """<html lang="de"><body><h1>Stadtblatt</h1><nav><a href="/">Start</a></nav>
    <h2>Gedenken an die Opfer</h2><p>Von Anna Weber</p>
    <p>27.1.2022 - Bei der Erinnerung an die Verfolgten wurden viele Gruppen lange vergessen, sagen die
    Veranstalterinnen, die am Donnerstag in der Stadt einen Gedenkstein verlegt haben.</p>
    </body></html>"""
    assert extract_dates(page)[:2] == ("2022-01-27", "dateline")


def test_german_participle_after_the_date_labels_it_published() -> None:
    page = """<html lang="de"><body><h1>Stadtblatt</h1><p>Ein Text über das Wetter.</p>
    <p>Dieser Beitrag wurde am Samstag, 3. Dezember 2011 um 10:12 Uhr veröffentlicht und unter Wetter
    abgelegt. Siehe auch den Bericht vom 1. Dezember 2011.</p></body></html>"""
    assert extract_dates(page)[0] == "2011-12-03T10:12:00"


def test_day_month_year_in_the_url() -> None:
    page = "<html><body><h1>Erfolg</h1><p>Ein Text ohne Datum.</p></body></html>"
    assert extract_dates(page, "https://example.org/meldungen/29-10-2021")[:2] == ("2021-10-29", "url")
    # 05-10-2021 could be either order: not read.
    assert extract_dates(page, "https://example.org/meldungen/05-10-2021")[1] != "url"


def _page_with_markup_date(stamp: str, shown: str, *, header: str = "") -> str:
    return f"""<html lang="de"><head><title>Neue Radwege für die Altstadt | Stadtblatt</title>
    <meta property="og:site_name" content="Stadtblatt">
    <meta property="article:published_time" content="{stamp}"></head><body>
    <header><h1>Stadtblatt</h1>{header}<nav><a href="/">Start</a> <a href="/lokales">Lokales</a>
    <a href="/sport">Sport</a> <a href="/kultur">Kultur</a></nav></header>
    <article><h1>Neue Radwege für die Altstadt</h1><div class="article-date">{shown}</div>
    <p>Der Stadtrat hat am Abend beschlossen, drei neue Radwege durch die Altstadt zu bauen.</p>
    </article></body></html>"""


def test_the_date_shown_by_the_headline_beats_another_day_in_the_markup() -> None:
    # The markup holds the day the draft was created; the page shows the day it went out.
    page = _page_with_markup_date("2021-05-03T10:00:00+02:00", "12.05.2021")
    assert extract_dates(page)[:2] == ("2021-05-12", "dateline")
    # The same day shown: the markup's stamp, with its time and offset, stands.
    page = _page_with_markup_date("2021-05-12T10:00:00+02:00", "12.05.2021")
    assert extract_dates(page)[:2] == ("2021-05-12T10:00:00+02:00", "meta")


def test_todays_date_in_the_site_header_is_not_the_headline_dateline() -> None:
    header = '<div class="header-date">Mittwoch, 19.05.2021</div>'
    page = _page_with_markup_date("2021-05-12T10:00:00+02:00", "", header=header)
    assert extract_dates(page)[:2] == ("2021-05-12T10:00:00+02:00", "meta")


def test_a_utc_stamp_stays_on_the_day_the_page_shows() -> None:
    # 23:30 UTC is the next day in Berlin, but the page itself shows the UTC day under its headline.
    page = _page_with_markup_date("2021-05-03T23:30:00+00:00", "03.05.2021")
    assert extract_dates(page, "https://www.example.de/radwege")[0][:10] == "2021-05-03"
    # Showing nothing there, the stamp is put into the local time of the site's country.
    page = _page_with_markup_date("2021-05-03T23:30:00+00:00", "")
    assert extract_dates(page, "https://www.example.de/radwege")[0] == "2021-05-04T01:30:00+02:00"


def test_an_aside_that_is_the_articles_own_date_box_is_read() -> None:
    page = """<html lang="de"><head>
    <meta property="article:published_time" content="2023-06-20T07:15:00+02:00"></head>
    <body><h1>Drei Zelte für die Bergtour im Vergleich</h1><p>Leicht, stabil, schnell aufgebaut.</p>
    <aside class="article-info"><div class="info-row"><span class="info-when">Am 14.06.2023 um 16:20</span>
    </div></aside><p>Wir haben sie eine Woche lang auf der Alm aufgebaut.</p>
    <aside class="sidebar"><div class="teaser-date">05.05.2023</div></aside></body></html>"""
    assert extract_dates(page)[:2] == ("2023-06-14T16:20:00", "dateline")


def test_a_page_without_h1_has_its_headline_in_an_h2_like_its_title() -> None:
    page = """<html lang="de"><head><title>Mit dem Hund im Schnee - Hundeschule am See</title>
    <meta property="article:published_time" content="2022-01-21T15:38:44+01:00"></head><body>
    <h2>Unsere Kurse</h2><div class="news"><h3>Mit dem Hund im Schnee</h3>
    <p><span class="news-date">27.01.2022</span></p><p>Kalte Pfoten brauchen Pflege.</p></div>
    </body></html>"""
    assert extract_dates(page)[:2] == ("2022-01-27", "dateline")


def test_a_utc_stamp_is_put_on_the_day_the_page_shows_in_a_zone_that_fits() -> None:
    page = _page_with_markup_date("2021-05-04T03:30:00+00:00", "May 3, 2021, 11:30 PM")
    assert extract_dates(page.replace('lang="de"', 'lang="en"'), "https://example.com/a")[0] == (
        "2021-05-03T23:30:00-04:00"
    )


def test_an_ambiguous_day_shown_is_settled_by_the_markup() -> None:
    # "11/01/2021" read day first is 11 January; the markup says 1 November: the markup stands.
    page = _page_with_markup_date("2021-11-01T05:00:00+01:00", "11/01/2021")
    assert extract_dates(page)[0] == "2021-11-01T05:00:00+01:00"


def test_a_date_alone_in_an_unmarked_element_by_the_headline() -> None:
    page = """<html lang="fr"><body><header class="top"><span class="edition-date">lun. 5 août 2019</span>
    <a href="/">Le Journal</a></header><nav><a href="/a">A</a><a href="/b">B</a><a href="/c">C</a></nav>
    <div class="sub"><h1>Une saison de manifestations</h1><ul class="infos"><li>27 juin 2019</li>
    <li>Par <a rel="author" href="/anne">Anne</a></li></ul></div>
    <p>Le cortège est parti de la place à midi.</p></body></html>"""
    assert extract_dates(page)[:2] == ("2019-06-27", "dateline")


def test_the_ends_of_a_period_are_not_a_dateline() -> None:
    page = """<html lang="de"><body><h1>Fotos aus hundert Jahren Hafen</h1>
    <div class="info-date">Ausstellung im Rathaus: 04.09.2023 – 17.09.2023</div>
    <p>Von Lena Hoff</p><span class="post-date">28.08.2023</span>
    <p>Das Stadtarchiv zeigt Bilder von Kränen, Schiffen und den Menschen, die dort gearbeitet haben.</p>
    </body></html>"""
    assert extract_dates(page)[:2] == ("2023-08-28", "dateline")
    text = "vom 3 May 2021 to 7 May 2021"
    assert without_ranges(text, find_dates(text)) == []


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Kurs 07.11.2023 – 21.11.2023", []),
        ("Messe 11.10.2023 - 12.10.2023", []),
        ("Sprechstunde 2.5.2023–3.5.2023", []),
        # a slash between two dates: two dates, no clock read from the second
        ("06.03.2023 / 16.03.2023", ["2023-03-06", "2023-03-16"]),
        # a date after a period keeps no clock read from the period's end
        ("Markt 01.07.2023 – 04.07.2023, 9 Jun 2023", ["2023-06-09"]),
    ],
)
def test_the_second_end_of_a_numeric_period_is_no_clock(text: str, days: list[str]) -> None:
    found = without_ranges(text, find_dates(text, day_first=True))
    assert [d.value for d in found] == days


def test_a_clock_after_a_numeric_date_is_still_read() -> None:
    assert find_dates("09.05.2023 / 14.30 Uhr")[0].value == "2023-05-09T14:30:00"
    assert find_dates("09.05.2023, 8.15")[0].value == "2023-05-09T08:15:00"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Erstellt: 06.02.2023 – 07.02.2023 geändert",
            [("2023-02-06", "published"), ("2023-02-07", "modified")],
        ),
        ("Posted 12 April 2022 - 13 April 2022", [("2022-04-12", "published"), ("2022-04-13", None)]),
        (
            "Gepubliceerd 4 mei 2022 - 6 mei 2022 bijgewerkt",
            [("2022-05-04", "published"), ("2022-05-06", "modified")],
        ),
    ],
)
def test_dates_with_a_label_are_no_period(text: str, kept: list[tuple[str, str | None]]) -> None:
    assert [(d.value, d.role) for d in without_ranges(text, find_dates(text))] == kept


def test_a_bare_markup_day_gives_way_to_the_one_day_the_date_elements_show() -> None:
    # A bare day in the markup is often the day a listing was built; the page shows another, once.
    page = """<html lang="de"><head><meta name="date" content="2020-02-12"></head><body><h1></h1>
    <div class="crumbs"><a href="/">Start</a> &gt; <a href="/news">Neuigkeiten</a></div>
    <div class="news-item"><div class="news-timedata">05.02.2020 - Redaktion: Jana Roth</div>
    <p>Die Jugendgruppe sammelt ab März wieder Spenden für die Partnergemeinde.</p></div>
    </body></html>"""
    assert extract_dates(page)[:2] == ("2020-02-05", "dateline")


def test_a_time_shown_without_zone_stays_without_one() -> None:
    page = """<html lang="de"><body><h1>Der Pegel steigt weiter</h1>
    <div class="article-date">14.07.2021, 18:05 Uhr</div><p>Am Abend wurden die ersten Keller geräumt.</p>
    </body></html>"""
    # The site's country does not state the page's zone: the time stays as the page gives it.
    assert extract_dates(page, "https://www.example.de/pegel")[0] == "2021-07-14T18:05:00"
    assert extract_dates(page, "https://www.example.com/pegel")[0] == "2021-07-14T18:05:00"


def _page_with_stamps(published: str, modified: str = "") -> str:
    extra = f'<meta property="article:modified_time" content="{modified}">' if modified else ""
    return f"""<html><head><meta property="article:published_time" content="{published}">{extra}
    </head><body><h1>Ferry timetable changes for the winter</h1>
    <p>The island service will run twice a day from next month, the operator said.</p></body></html>"""


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example.ru/a",  # a country of eleven zones
        "https://vl.example.ru/a",
        "https://www.example.ca/british-columbia/a",
        "https://www.example.com.au/perth/a",
        "https://www.example.com.br/manaus/a",
        "https://www.example.es/canarias/a",
        "https://www.example.com.mx/tijuana/a",
        "https://www.example.com/a",
    ],
)
def test_a_markup_time_without_zone_gets_no_guessed_zone(url: str) -> None:
    assert extract_dates(_page_with_stamps("2023-02-14T09:10:00"), url)[:2] == ("2023-02-14T09:10:00", "meta")


def test_an_offset_stated_in_summer_is_not_carried_into_winter() -> None:
    # The modification stamp's +02:00 (August) says nothing of February's offset on a .com site.
    page = _page_with_stamps("2023-02-10T22:30:00+00:00", "2023-08-03T10:00:00+02:00")
    assert extract_dates(page, "https://www.example.com/a")[0] == "2023-02-10T22:30:00+00:00"
    # A naive time is not given the other stamp's offset either.
    page = _page_with_stamps("2023-02-10T22:30:00", "2023-08-03T10:00:00+02:00")
    assert extract_dates(page, "https://www.example.com/a")[0] == "2023-02-10T22:30:00"
    # The site's country has that offset in August: its own zone, summer time followed, puts February's
    # UTC stamp on its local day.
    page = _page_with_stamps("2023-02-10T23:30:00+00:00", "2023-08-03T10:00:00+02:00")
    assert extract_dates(page, "https://www.example.de/a")[0] == "2023-02-11T00:30:00+01:00"
    # An offset with no summer time anywhere it is used is carried.
    page = _page_with_stamps("2023-02-10T22:30:00+00:00", "2023-08-03T10:00:00+09:00")
    assert extract_dates(page, "https://www.example.com/a")[0] == "2023-02-11T07:30:00+09:00"


def test_an_events_date_by_the_headline_is_not_the_pages_date() -> None:
    page = """<html lang="de"><head>
    <meta property="article:published_time" content="2022-04-01T09:00:00+02:00"></head><body>
    <h1>Sommerfest im Stadtpark</h1><div class="event-date">Samstag, 18.06.2022</div>
    <p>Der Verein lädt alle Nachbarn zum Fest ein, mit Musik und Kuchen.</p></body></html>"""
    assert extract_dates(page)[:2] == ("2022-04-01T09:00:00+02:00", "meta")
