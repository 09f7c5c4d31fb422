"""Every key seedread answers to, in one table: the app binds from it, help lists it.

Kept free of textual so ``seedread --help`` can print it without starting the UI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Key:
    """One key binding: its id, the keys (Textual names, comma-separated), what it does.

    ``short`` is the footer's label, ``description`` the help's sentence.
    """

    id: str
    keys: str
    action: str
    short: str
    description: str
    where: str
    show: bool = False
    shown_as: str = ""

    @property
    def label(self) -> str:
        """The keys as people write them (``j / down``)."""
        if self.shown_as:
            return self.shown_as
        names = {"slash": "/", "question_mark": "?", "escape": "esc", "exclamation_mark": "!"}
        return " / ".join(names.get(k, k) for k in self.keys.split(","))


#: Keys of the whole app (``where="app"``), the lists (``list``: the reader's document list
#: and the views' lists), the search box (``search``), the corpus views (``view``:
#: speakers and quotations), the speakers view (``speakers``), its speaker list
#: (``speaker-list``) and quotation lists (``quote-list``).
KEYS: tuple[Key, ...] = (
    Key("search", "slash", "search", "Search", "Search titles, bodies, quotations, speakers",
        "app", True),
    Key("next-quote", "n", "next_quote", "Next quote", "Next quotation in the article", "app",
        True),
    Key("prev-quote", "N", "previous_quote", "Prev quote", "Previous quotation in the article",
        "app"),
    Key("switch-pane", "tab", "focus_next", "Pane", "Next pane", "app"),
    Key("switch-pane-back", "shift+tab", "focus_previous", "Pane", "Previous pane", "app"),
    Key("copy-quote", "y", "copy_quote", "Copy", "Copy the quotation, cited (the current "
        "one, else the article's first)", "app", True),
    Key("copy-article", "Y", "copy_article", "Copy article", "Copy the whole article", "app"),
    Key("export", "e", "export", "Export", "Export what the view shows (JSONL or CSV)", "app",
        True),
    Key("open-editor", "o", "open_editor", "Open file",
        "Open the article's file in $EDITOR (or $PAGER)", "app"),
    Key("view-documents", "1", "view('documents')", "Docs",
        "Documents view: the reader", "app", True),
    Key("view-speakers", "2", "view('speakers')", "Speakers",
        "Speakers view: everyone quoted, with counts and dates", "app", True),
    Key("view-quotations", "3", "view('quotations')", "Quotes",
        "Quotations view: every quotation in the corpus", "app", True),
    # Not in the footer (it is full at 80 columns): the status line counts the problems and
    # the notice that reports them says to press p.
    Key("problems", "p", "problems", "Problems", "Files that were skipped, and why", "app"),
    Key("help", "question_mark,f1", "help", "Help", "Help: every key", "app", True),
    Key("theme", "ctrl+t", "toggle_dark", "Theme", "Dark / light theme", "app"),
    Key("quit", "q", "quit", "Quit", "Quit", "app", True),
    Key("interrupt", "ctrl+c", "quit", "Quit", "Quit at once, from anywhere", "app"),
    Key("back", "escape", "back", "Back", "Clear the search / back out one level", "app"),
    Key("down", "j,down", "cursor_down", "Down", "Down one line", "list"),
    Key("up", "k,up", "cursor_up", "Up", "Up one line", "list"),
    Key("top", "g,home", "top", "Top", "First line", "list"),
    Key("bottom", "G,end", "bottom", "Bottom", "Last line", "list"),
    Key("page-down", "ctrl+d,pagedown", "page_down", "Page down", "Down half a page", "list"),
    Key("page-up", "ctrl+u,pageup", "page_up", "Page up", "Up half a page", "list"),
    Key("open", "enter", "open", "Read", "Read the article (focus it)", "list", True),
    Key("history-back", "up", "history_back", "Earlier",
        "In the search box: the search before (history)", "search"),
    Key("history-forward", "down", "history_forward", "Later",
        "In the search box: the next search, then what you typed", "search"),
    Key("view-search", "slash", "search", "Search",
        "Search this view (the reader's query syntax)", "view", True),
    Key("view-back", "escape", "back", "Back",
        "Back out: clear the search, close it, back to the list", "view"),
    Key("timeline-unit", "t", "toggle_timeline", "Week/month",
        "Timeline per week / per month", "view", True),
    Key("sort-next", "s", "sort_next", "Sort",
        "Speakers: sort by the next column (or click a column's title)", "speakers", True),
    Key("sort-reverse", "S", "sort_reverse", "Reverse", "Speakers: reverse the sort order",
        "speakers"),
    Key("speaker-open", "enter", "open", "Quotations",
        "On a speaker: their quotations, newest first (focus them)", "speaker-list", True),
    Key("quote-open", "enter", "open", "Open",
        "On a quotation: open it in its article, in the reader", "quote-list", True),
)

#: Ids of the article pane's own bindings (scrolling), which the config file may remap too.
ARTICLE_KEY_IDS = ("article-down", "article-up", "article-top", "article-bottom",
                   "article-page-down", "article-page-up")


#: Ids of the keys of the help, problems, export and confirm screens.
SCREEN_KEY_IDS = ("help-close", "problems-close", "panel-down", "panel-up", "export-cancel",
                  "confirm-yes", "confirm-no")


def binding_ids() -> frozenset[str]:
    """Every binding id the config file's ``[keys]`` may remap."""
    return (frozenset(key.id for key in KEYS) | frozenset(ARTICLE_KEY_IDS)
            | frozenset(SCREEN_KEY_IDS))


def keys_for(where: str) -> list[Key]:
    """The keys that apply in one place: ``app``, ``list``, ``view``, ``speakers``,
    ``speaker-list``, ``quote-list`` (see :data:`KEYS`)."""
    return [key for key in KEYS if key.where == where]


def remapped(key: Key, keymap: Mapping[str, str]) -> Key:
    """``key`` with the keys ``keymap`` gives its id, if any (the config file's
    ``[keys]``)."""
    keys = keymap.get(key.id)
    return key if not keys else replace(key, keys=keys, shown_as="")


_SAME = {"?": "question_mark", "/": "slash", "!": "exclamation_mark", "esc": "escape",
         " ": "space"}


def clashes(keymap: Mapping[str, str]) -> list[str]:
    """A message for each key that ``keymap`` gives to two bindings of one place (Textual
    keeps only one of them, silently)."""
    messages = []
    for where in dict.fromkeys(key.where for key in KEYS):
        owners: dict[str, list[str]] = {}
        for key in keys_for(where):
            for name in remapped(key, keymap).keys.split(","):
                name = name.strip()
                owners.setdefault(_SAME.get(name, name), []).append(key.id)
        for name, ids in owners.items():
            if len(ids) > 1 and any(binding_id in keymap for binding_id in ids):
                messages.append(f"config: [keys] gives {name!r} to {' and '.join(ids)}; "
                                "only one of them gets it")
    return messages


def help_lines(keymap: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(keys, description) for every key, for ``--help``; ``keymap`` remaps by id."""
    return [(remapped(key, keymap or {}).label, key.description) for key in KEYS]


#: Where keys apply, as ``--help`` titles them: the reader's places, then the views'.
HELP_GROUPS = (
    ("keys in the reader", ("app", "list", "search")),
    ("keys in the speakers (2) and quotations (3) views",
     ("view", "speakers", "speaker-list", "quote-list")),
)


def help_groups(keymap: Mapping[str, str] | None = None,
                ) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(keys, description), ...]) for ``--help``: every key, under where it
    applies (see :data:`HELP_GROUPS`); ``keymap`` remaps by id."""
    return [(title, [(remapped(key, keymap or {}).label, key.description)
                     for key in KEYS if key.where in places])
            for title, places in HELP_GROUPS]
