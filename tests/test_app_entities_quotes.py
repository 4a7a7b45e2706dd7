"""The entities and quotes views on a real-size dossier (issue #10), and entity corrections that
can never leave the reader in a state that crashes (issue #14, High 2)."""

from __future__ import annotations

import shutil

import yaml

from dossier_tui.analysis.alias_files import user_aliases_file
from dossier_tui.app import DossierApp
from dossier_tui.app.entities_screen import EntitiesScreen, EntityRows
from dossier_tui.app.quotes_screen import QuoteRows, QuotesScreen
from dossier_tui.locations import builtin_dossier


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def entities_shown(screen) -> list:
    return [entry.value for entry in screen.query_one(EntityRows).entries if not entry.heading]


async def filter_to(pilot, screen, text: str) -> None:
    await pilot.press("/", *text, "enter")
    await pilot.pause()


async def test_a_name_held_by_a_person_and_an_org_opens_filters_and_ends(news_dossier, tmp_path):
    """`e` crashed with DuplicateID when one name was a PERSON and an ORG (31 names on the NewsArticles);
    a rename onto an existing name made it crash on every later open."""
    dossier = tmp_path / "news"
    shutil.copytree(news_dossier(300, "txt"), dossier)
    app = DossierApp(dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        analysis = app.session.analysis
        person = next(e for e in analysis.entities if str(e.type) == "PERSON")
        org = next(e for e in analysis.entities if str(e.type) == "ORG")
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntitiesScreen)
        await filter_to(pilot, screen, org.name)
        assert org in entities_shown(screen)
        rows = screen.query_one(EntityRows)
        for _ in range(len(rows.entries)):
            if rows.highlighted is org:
                break
            await pilot.press("j")
        await pilot.press("R", *person.name, "enter")  # the organisation takes the person's name
        await settle(app, pilot)
        assert yaml.safe_load((dossier / "aliases.yaml").read_text(encoding="utf-8")) == {"rename": {org.name: person.name}}

        for _ in range(2):  # and again: the state it left opens every time
            await pilot.press("e")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, EntitiesScreen)
            await filter_to(pilot, screen, person.name)
            same_name = [e for e in entities_shown(screen) if e.name == person.name]
            assert {str(e.type) for e in same_name} == {"PERSON", "ORG"}
            await pilot.press("end")
            assert screen.query_one(EntityRows).highlighted is entities_shown(screen)[-1]
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, EntitiesScreen)


async def test_quotes_view_opens_filters_and_ends_on_a_real_dossier(news_dossier, tmp_path):
    dossier = tmp_path / "news"  # opening an article writes its read state into the dossier
    shutil.copytree(news_dossier(300, "txt"), dossier)
    app = DossierApp(dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        speech = [q for q in app.session.analysis.quotes if q.kind == "speech"]
        assert len(speech) > 300
        await pilot.press("Q")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        rows = screen.query_one(QuoteRows)
        assert sum(1 for entry in rows.entries if not entry.heading) == len(speech)
        await pilot.press("end")
        assert rows.highlighted is rows.entries[-1].value
        word = max(speech[0].text.split(), key=len)
        await pilot.press("/", *word)
        await pilot.pause()
        shown = [entry.value for entry in rows.entries if not entry.heading]
        assert speech[0] in shown and len(shown) < len(speech)
        await pilot.press("enter", "enter")  # back to the list, then go to the first quote shown
        await pilot.pause()
        assert (app.main.reader.article.id, app.main.reader.paragraph) == (shown[0].article_id, shown[0].paragraph)
        await settle(app, pilot)
        await pilot.press("Q")
        await pilot.pause()
        for _ in range(500):  # quotes several sources carry, found in the background
            if app.screen.carried is not None:
                break
            await pilot.pause(0.01)
        assert app.screen.carried is not None


async def test_corrections_of_the_built_in_dossier_go_to_the_user_data_dir(user_dirs):
    """The built-in dossier's files belong to the installed package: never written into."""
    package_file = builtin_dossier() / "aliases.yaml"
    assert not package_file.exists()
    app = DossierApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        name = app.screen.query_one(EntityRows).highlighted.name
        await pilot.press("R", *"Renamed Person", "enter")
        await settle(app, pilot)
        assert not package_file.exists()
        written = user_aliases_file(builtin_dossier())
        assert written.is_relative_to(user_dirs["data"])
        assert yaml.safe_load(written.read_text(encoding="utf-8")) == {"rename": {name: "Renamed Person"}}
        assert app.session.analysis.entity(name).name == "Renamed Person"


def test_a_rename_onto_another_entity_of_its_type_makes_them_one(dossier_copy):
    from dossier_tui.analysis import analyze
    from dossier_tui.corpus import load_dossier

    before = analyze(load_dossier(dossier_copy))
    putin, lukashenko = before.entity("Vladimir Putin"), before.entity("Alexander Lukashenko")
    (dossier_copy / "aliases.yaml").write_text("rename:\n  Vladimir Putin: Alexander Lukashenko\n", encoding="utf-8")
    after = analyze(load_dossier(dossier_copy))
    named = [e for e in after.entities if e.name == "Alexander Lukashenko"]
    assert len(named) == 1 and named[0].count == putin.count + lukashenko.count
    assert not after.warnings


async def test_the_entities_view_finds_no_source_names_on_the_ui_thread(news_dossier, monkeypatch):
    # Opening `e` looked up the source of every article of the dossier on the UI thread (0.1-0.25 s
    # of a 0.35 s open at 3,824); the reader finds them in the stages' thread when it loads.
    from dossier_tui.app import entities_screen

    looked_up = []
    real = entities_screen.display_source
    monkeypatch.setattr(entities_screen, "display_source", lambda a: looked_up.append(a.id) or real(a))
    app = DossierApp(news_dossier(300, "md"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntitiesScreen)
        first = entities_shown(screen)[0]
        text = "\n".join("".join(s.text for s in screen.query_one(EntityRows).render_line(y)) for y in range(6))
        assert first.name in text and any(app.session.source_names[a] in text for a in first.articles)
    assert not looked_up
