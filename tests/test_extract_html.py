"""The HTML path: body from trafilatura plus our clean-up, metadata, and bad input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from communique.errors import EmptyInput, ExtractionError
from communique.extract import extract
from communique.extract.dates import find_dates, normalise_iso
from communique.extract.htmlpage import extract_dates
from communique.models import Document

DATA = Path(__file__).parent / "data" / "extract"


def _html(content: str, source: str = "<test>") -> Document:
    return Document.from_text(content, content_type="html", source=source)


def _load(name: str) -> Document:
    path = DATA / name
    return _html(path.read_text(encoding="utf-8"), source=str(path))


def test_news_page_fields() -> None:
    art = extract(_load("news_page.html"))
    assert art.extractor == "extract.html.v1"
    assert art.title == "Port authority delays dredging plan"
    assert art.site == "The Riverside Courier"
    assert art.section == "Local"
    assert art.authors == ("Priya Raman",)
    # JSON-LD says 08:32Z; the visible <time> states the same instant in local time, which is kept.
    assert art.published == "2019-09-09T04:32:00-04:00"
    assert art.modified == "2019-09-09T10:05:00+00:00"
    assert art.language == "en"
    assert art.captions[0].credit == "Tom Hale/Courier staff"
    assert art.captions[0].text.startswith("A dredger works")
    assert len(art.paragraphs) == 4
    assert art.paragraphs[0].text.startswith("The port authority board voted")
    for junk in (
        "Read more",
        "Sign up",
        "Share on",
        "Related stories",
        "Ferry service",
        "©",
        "Tom Hale",
        "Home",
    ):
        assert junk not in art.text
    assert "Port authority delays dredging plan" not in art.text  # the headline is not body
    for span in art.paragraphs:
        assert art.text[span.start : span.end] == span.text


def test_visible_dateline_with_zone() -> None:
    art = extract(_load("dateline_only.html"))
    assert art.published == "2019-09-09T17:32:00+09:00"
    assert art.published_source == "dateline"
    assert art.modified == "2019-09-09T17:35:00+09:00"
    assert art.contact is not None and "opinion@example.com" in art.contact
    assert "most viewed" not in art.text and "opinion@example.com" not in art.text
    assert len(art.paragraphs) == 2


def test_korean_page_language() -> None:
    art = extract(_load("korean_page.html"))
    assert art.language == "ko"
    assert art.published is not None and art.published.startswith("2019-09-09T17:32")


def test_extract_dates_reads_meta_without_body() -> None:
    page = (
        '<html><head><meta property="article:published_time" '
        'content="2020-01-03T12:00:00+0100"></head></html>'
    )
    assert extract_dates(page) == ("2020-01-03T12:00:00+01:00", "meta", None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sep.9,2019 17:32 KST", "2019-09-09T17:32:00+09:00"),
        ("Nov. 19, 2019 6:23 am ET", "2019-11-19T06:23:00-05:00"),
        ("Mon 9 Sep 2019 17.32 BST", "2019-09-09T17:32:00+01:00"),
        ("09/09/2019 17:32 GMT", "2019-09-09T17:32:00+00:00"),
        ("January 3, 2020 12:00 CET", "2020-01-03T12:00:00+01:00"),
        ("Last updated: 10 Dec 2019 14:00 UTC+9", "2019-12-10T14:00:00+09:00"),
        ("2019-09-09 17:32 +0900", "2019-09-09T17:32:00+09:00"),
        ("2019년 9월 9일", "2019-09-09"),
        ("Published: 9 September 2019", "2019-09-09"),
    ],
)
def test_dateline_formats(text: str, value: str) -> None:
    assert find_dates(text)[0].value == value


def test_impossible_dates_are_not_dates() -> None:
    assert find_dates("Feb. 30, 2019") == []
    assert normalise_iso("not a date") is None


def test_malformed_html_still_extracts() -> None:
    body = (
        "<p>The committee met again on Tuesday and agreed to publish its findings next week, officials said."
    )
    page = (
        "<html><head><title>Broken</title><body><div><table><tr><td><div>"
        + body * 3
        + "<p><b><i>unclosed</div></span></td>"
    )
    art = extract(_html(page))
    assert "The committee met again on Tuesday" in art.text


def test_lying_charset_declarations_are_ignored() -> None:
    page = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<html><head><meta charset="shift_jis">'
        '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body>'
        "<p>Café owners in Zürich said the new rules would cost them customers, "
        "but the council disagreed.</p>"
        "<p>The council said it would review the rules after six months and publish the results.</p>"
        "</body></html>"
    )
    art = extract(_html(page))
    assert "Café owners in Zürich" in art.text


def test_page_without_body() -> None:
    with pytest.raises(ExtractionError) as info:
        extract(
            _html("<html><head><title>x</title></head><body><nav>Home</nav></body></html>", source="p.html")
        )
    assert info.value.source == "p.html"
    with pytest.raises(EmptyInput):
        extract(_html("   "))


def test_garbage_html_gives_a_clear_error() -> None:
    with pytest.raises(ExtractionError):
        extract(_html("<html>" + "\x00\x01\x02\ufffd" * 500 + "</html>"))
    with pytest.raises(ExtractionError):
        extract(_html("<<<>>><<</>" * 1000))


def test_huge_page_is_linear() -> None:
    paras = "".join(
        f"<p>The committee met again on day {i} and agreed to publish finding number {i * 7} next week.</p>"
        for i in range(4000)
    )
    page = "<html><body><article>" + paras + "</article>" + "<div>" * 2000 + "x" + "</div>" * 2000
    began = time.perf_counter()
    art = extract(_html(page + "</body></html>"))
    assert time.perf_counter() - began < 60
    assert len(art.paragraphs) > 100


def test_utc_meta_date_is_put_in_local_time() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2020-02-25T02:25:54Z"></head>'
        "<body><p>x</p></body></html>"
    )
    # The URL says the 24th: the UTC stamp is the evening of the 24th in New York.
    published, source, _ = extract_dates(page, "https://news.example.com/2020/02/24/story/")
    assert published == "2020-02-24T21:25:54-05:00"
    assert source == "meta"
    # A German site: the same instant is in Berlin time.
    published, _, _ = extract_dates(page, "https://www.example.de/politik/story.html")
    assert published == "2020-02-25T03:25:54+01:00"


def test_url_date_when_page_has_none() -> None:
    page = "<html><body><p>No date anywhere on this page.</p></body></html>"
    assert extract_dates(page, "https://example.org/blog/2017/07/12/a-post/")[:2] == ("2017-07-12", "url")


def test_site_name_is_cut_from_title_only_when_it_is_one() -> None:
    from communique.extract.htmlpage import _clean_title

    assert _clean_title("Talks resume | The Daily Example", "The Daily Example") == "Talks resume"
    assert _clean_title("Talks resume - The Daily Example", "The Daily Example") == "Talks resume"
    assert _clean_title("Doctor Who - The Movie", None) == "Doctor Who - The Movie"
    assert _clean_title("会談が再開 ：日本の例新聞", "日本の例新聞") == "会談が再開"


def test_field_labels_and_closing_calls_to_action_are_not_body() -> None:
    paras = "".join(
        f"<p>The harbour board met for the {n} time this year and agreed to publish the dredging plan.</p>"
        for n in ("first", "second", "third", "fourth")
    )
    page = (
        "<html><body><article><h1>Board agrees dredging plan</h1><p>Category : Press Releases</p>"
        + paras
        + "<p>For the latest stories download the Courier apps for iOS and Android.</p>"
        "<p>Do you want to be informed of our actions? Sign up for our newsletter here.</p>"
        "</article></body></html>"
    )
    art = extract(_html(page))
    assert len(art.paragraphs) == 4
    assert "Category" not in art.text and "apps" not in art.text and "newsletter" not in art.text
    # The same words inside the article, not at its end, stay.
    page = page.replace(
        paras,
        "<p>Readers can download the Courier apps to follow the dredging plan, the board said.</p>" + paras,
    )
    assert "download the Courier apps" in extract(_html(page)).text


def test_page_with_a_form_extracts_without_the_form() -> None:
    # Elements are plain HtmlElements (no form classes): a form in the page must not matter.
    page = (
        "<html><head><title>Council votes on budget</title></head><body><article>"
        "<h1>Council votes on budget</h1>"
        "<p>The city council voted on Tuesday to approve next year's budget after a long debate "
        "about spending on roads and schools.</p>"
        "<form action='/subscribe'><label for='e'>Your email address</label><input id='e' name='e'>"
        "<select name='f'><option>Daily</option><option>Weekly</option></select>"
        "<textarea name='t'>Tell us what you think</textarea></form>"
        "<p>Members said the plan keeps taxes flat while adding money for repairs to three bridges "
        "that inspectors found to be in poor condition.</p>"
        "</article></body></html>"
    )
    art = extract(_html(page))
    assert "voted on Tuesday" in art.text and "three bridges" in art.text
    assert "Your email address" not in art.text


_PART = (
    "The agency said on Monday that the new rules would take effect next spring, after a period in which "
    "companies can comment on the draft and ask for changes to the reporting deadlines."
)


def _split_page(wrapper_b: str = "grid") -> str:
    # trafilatura keeps the first element whose class says "article body", and so only the first chunk.
    chunk = '<div class="{w}"><div class="body article__body">{paras}</div></div>'
    return (
        "<html><head><title>New reporting rules</title></head><body><article>"
        "<h1>New reporting rules for companies</h1><div class='chunks'>"
        + chunk.format(w="grid", paras=f"<p>First. {_PART}</p><p>Second. {_PART}</p>")
        + "<div class='ad'>Advertisement</div>"
        + "<figure><img src='x.jpg'><figcaption>A chart</figcaption></figure>"
        + chunk.format(w=wrapper_b, paras=f"<h3>What changes</h3><p>Third. {_PART}</p><p>Fourth. {_PART}</p>")
        + "</div></article><footer><p>About us. "
        + _PART
        + "</p></footer></body></html>"
    )


def test_article_split_into_chunks_of_one_template_is_read_whole() -> None:
    art = extract(_html(_split_page()))
    for word in ("First.", "Second.", "Third.", "Fourth.", "What changes"):
        assert word in art.text
    assert "About us" not in art.text and "Advertisement" not in art.text


def test_chunks_of_another_template_are_not_added() -> None:
    # A wrapper with its own class (a list of posts: "post-6195", "post-5979") is not the same article.
    art = extract(_html(_split_page(wrapper_b="grid post-5979")))
    assert "First." in art.text and "Third." not in art.text


def test_teaser_title_and_blurb_after_the_body_are_not_body() -> None:
    from lxml import html

    from communique.extract.htmlpage import _is_promo, _LinkTexts

    page = html.fromstring(
        "<html><body><article><p>Body text.</p></article><div class='latest'>"
        "<h3><a href='/music/a'>Harbour choir sings at the season opener</a></h3>"
        "<h4>The singers may have found a new audience</h4>"
        "<h3><a href='/letter'>Liebe Nachbarn im Viertel</a></h3></div></body></html>"
    )
    links = _LinkTexts(page)
    teaser = "Harbour choir sings at the season opener The singers may have found a new audience"
    assert _is_promo(teaser, links)
    # The linked title goes on in its own sentence: body text that opens with a link.
    assert not _is_promo("Liebe Nachbarn im Viertel, am Samstag feiern wir zusammen das Sommerfest!", links)


def test_pop_up_cards_in_running_text_are_dropped_and_their_terms_kept() -> None:
    para = (
        "<p>South Dakota Gov. <span class='rollover-people'><a href='/people/kristi-noem'>Kristi Noem</a>"
        "<span class='rollover-people-block'><a href='/people/kristi-noem'>Kristi Lynn Noem</a>"
        "<a href='/news/1'>Governor doubles down on campaign</a></span></span> is defending the launch "
        "of an anti-drug campaign, her office said on Monday, after it drew wide attention online.</p>"
        "<p>Prime Minister <span class='tooltipsall'>Evelyn Wever-Croes</span> was invited to the school "
        "show, where students presented clothes made from recycled material of many kinds.</p>"
    )
    page = f"<html><head><title>Campaign</title></head><body><article><h1>Campaign</h1>{para}</article>"
    text = extract(_html(page)).text
    assert "Gov. Kristi Noem is defending" in text
    assert "Kristi Lynn Noem" not in text and "doubles down" not in text
    assert "Prime Minister Evelyn Wever-Croes was invited" in text


_PROSE = (
    "The council members spoke for an hour about the new bridge, the costs of the work and the "
    "months of closures that the people on both banks of the river would have to live with. "
)


def _lead_page(intro_class: str, dek_class: str = "article-dek", aside: str = "") -> str:
    paragraphs = "".join(f"<p>{n}. {_PROSE * 2}</p>" for n in ("First", "Second", "Third", "Fourth"))
    return f"""<html lang="en"><head><title>Bridge vote delayed</title>
<meta name="description" content="The town council put off its vote on the river bridge until spring.">
</head><body><nav><a href="/">Home</a></nav><main><article>
<header><h1>Bridge vote delayed</h1>
<p class="{dek_class}">The town council put off its vote on the river bridge until spring.</p></header>
<div class="{intro_class}"><p>Residents who crowded into the town hall on Tuesday night left without
the answer they came for, after the council voted to wait for a second study of the riverbed.</p></div>
{aside}<div class="article-body">{paragraphs}</div></article></main></body></html>"""


def test_lead_paragraph_is_body_and_dek_is_not() -> None:
    """A paragraph the page marks as the lead (intro, teaser, chapô) opens the body; a dek stays apart."""
    art = extract(_html(_lead_page("article-intro")))
    assert art.paragraphs[0].text.startswith("Residents who crowded into the town hall")
    assert "put off its vote" not in art.text
    assert art.standfirst is not None and "put off its vote" in art.standfirst


def test_lead_in_a_list_of_other_stories_is_not_taken() -> None:
    aside = (
        '<div class="related-stories"><div class="story-intro"><p>Another town opened its new ferry '
        "terminal on Monday after three years of building work and a long quarrel over the fares.</p>"
        "</div></div>"
    )
    art = extract(_html(_lead_page("plain-block", aside=aside)))
    assert "ferry terminal" not in art.text
    assert art.paragraphs[0].text.startswith(("First", "Residents"))


def test_heading_linked_from_table_of_contents_is_body() -> None:
    """A subhead is body text even when the page's table of contents links to it."""
    section = "".join(f"<p>{_PROSE * 2}</p>" for _ in range(2))
    page = f"""<html><head><title>Guide to river bridges</title></head><body><article>
<h1>Guide to river bridges</h1><div class="toc"><ul>
<li><a href="#steel">Why the old steel bridges rust first</a></li>
<li><a href="#stone">What stone arches need every winter</a></li></ul></div>
<div class="entry-content">{section}<h2 id="steel">Why the old steel bridges rust first</h2>{section}
<h2><span id="stone"></span>What stone arches need every winter</h2>{section}</div></article></body></html>"""
    art = extract(_html(page))
    lines = [p.text for p in art.paragraphs]
    assert "Why the old steel bridges rust first" in lines
    assert "What stone arches need every winter" in lines


def test_furniture_and_promos_in_other_languages() -> None:
    """Share, rating and "read also" lines and cover-picture credits are furniture in other languages too."""
    from communique.extract.lines import credit_only, is_furniture

    for line in (
        "Teilen Sie dies mit:",
        "Gefällt mir",
        "Wird geladen...",
        "Empfohlene Beiträge",
        "Weitere Themen",
    ):
        assert is_furniture(line), line
    for line in ("Partager sur", "Noticias relacionadas", "Czytaj też"):
        assert is_furniture(line), line
    assert credit_only("Titelbild: Anna Weber / Stadtarchiv") == "Anna Weber / Stadtarchiv"
    assert credit_only("Fotostream") is None  # a word that begins with "Foto" is not a credit
    paragraphs = "".join(f"<p>{_PROSE}</p>" for _ in range(3))
    page = f"""<html lang="de"><head><title>Brücke</title></head><body><article><h1>Brücke</h1>
{paragraphs}<p>Auch lesen: Warum die alte Fähre im Winter nicht mehr fährt</p>{paragraphs}
<p>Teilen Sie dies mit:</p></article></body></html>"""
    art = extract(_html(page))
    assert "Auch lesen" not in art.text
    assert "Teilen Sie" not in art.text


def test_advertising_disclosures_are_not_body() -> None:
    from communique.extract.disclosure import strip_disclosure

    for line in (
        "Anzeige",
        "Reklama",
        "WERBUNG |",
        "*Werbung. Dieser Text ist in Kooperation mit einer Brauerei entstanden.",
        "Werbung, unser Blog enthält Werbelinks",
        "Anzeige – Jetzt Karten für das Hafenfest sichern",
        "This review contains affiliate links.",
        "Our guide may include sponsored links. Terms apply to the offers on this page.",
    ):
        assert strip_disclosure(line) == "", line
    # The same words inside a sentence of the article are body.
    for line in (
        "Anzeige gegen Unbekannt wurde am Montag bei der Polizei erstattet.",
        "Werbung, die sich an Jugendliche richtet, soll künftig eingeschränkt werden, sagte der Minister.",
        "Das Gesetz enthält Werbungsverbote für Glücksspiele im Radio, sagte die Sprecherin am Freitag.",
        "Publicité, sponsoring et dons : les règles des campagnes seront revues l'an prochain.",
        '"We lost advertisers after the strike," the editor of the weekly said on Monday.',
        "We received compensation from the state after the flood destroyed the mill.",
    ):
        assert strip_disclosure(line) == line, line
    # A disclosure that opens a paragraph goes; the paragraph's own sentences stay.
    opening = "This guide includes affiliate links, and we may earn a commission. "
    assert strip_disclosure(opening + _PROSE.strip()) == _PROSE.strip()
    assert strip_disclosure("Werbung. Der Bürgermeister sagte, die Brücke sei sicher.") == (
        "Der Bürgermeister sagte, die Brücke sei sicher."
    )
    paragraphs = "".join(f"<p>{_PROSE}</p>" for _ in range(3))
    page = f"""<html><head><title>Rain</title></head><body><article><h1>Rain</h1>
<p>{opening}Farmers in the valley welcomed the rain on Monday after a dry summer.</p>{paragraphs}
</article></body></html>"""
    text = extract(_html(page)).text
    assert text.startswith("Farmers in the valley welcomed the rain") and "commission" not in text


@pytest.mark.parametrize(
    "above",
    [
        # A cookie notice, a newsletter box and an author's biography, each marked as an intro.
        "<div class='consent-intro'>We use cookies and similar technologies to learn how visitors use the "
        "site and to show them offers that suit them.</div>",
        "<div class='newsletter-intro'>Sign up for our morning briefing and get the most important news of "
        "the region in your inbox every weekday.</div>",
        "<div class='author-description'>Maria Lopez has covered the city council for ten years and writes "
        "about transport, housing and the harbour.</div>",
        # A card for another story: its linked title (in a heading, or a bare link) and its blurb.
        "<div class='teaser'><a href='/board'><h3>Regional board turns down sale of the reservoir</h3></a>"
        "<p>Two weeks ago the board met to decide whether the reservoir should be sold to a firm.</p></div>",
        "<div class='teaser'><a href='/board'>Regional board turns down sale of the reservoir</a>"
        "<p>Two weeks ago the board met to decide whether the reservoir should be sold to a firm.</p></div>",
    ],
)
def test_text_marked_as_an_intro_that_is_no_lead_stays_out(above: str) -> None:
    paragraphs = "".join(f"<p>{n}. {_PROSE * 2}</p>" for n in ("First", "Second", "Third", "Fourth"))
    page = f"""<html><head><title>Bridge vote delayed</title></head><body><article>
<h1>Bridge vote delayed</h1>{above}<div class="article-body">{paragraphs}</div></article></body></html>"""
    art = extract(_html(page))
    assert art.paragraphs[0].text.startswith("First. The council members")
    for words in ("cookies", "morning briefing", "Maria Lopez", "reservoir"):
        assert words not in art.text


def test_lead_with_a_link_in_its_sentence_is_body_and_its_blocks_are_spaced() -> None:
    from lxml import html

    from communique.extract.leads import lead_before, lead_candidates

    page = html.fromstring(
        "<html><body><article><div class='story-intro'><p>The ferry will not sail before spring.</p>"
        "<p>The <a href='/council'>harbour council</a> decided so on Tuesday after a debate.</p></div>"
        f"<div class='story'><p>{_PROSE}</p></div></article></body></html>"
    )
    first = page.find(".//div[@class='story']/p")
    lead = lead_before(lead_candidates(page, first), first, [_PROSE], None)
    assert lead == (
        "The ferry will not sail before spring. The harbour council decided so on Tuesday after a debate."
    )


def test_section_label_above_the_headline_is_not_body() -> None:
    paragraphs = "".join(f"<p>{_PROSE}</p>" for _ in range(4))
    page = f"""<html><head><title>Bridge vote delayed again</title></head><body><article>
<p class="kicker">Town hall</p><h1>Bridge vote delayed again</h1>{paragraphs}</article></body></html>"""
    art = extract(_html(page))
    assert not art.text.startswith(("Town hall", "Bridge vote"))
    assert art.paragraphs[0].text.startswith("The council members")
