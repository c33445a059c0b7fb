"""Thai for Qt's own strings (standard buttons, context menus, message and file dialogs).

The PySide6 wheels ship no qtbase_th, so ``QtCatalogTranslator`` answers Qt's lookups from
our gettext catalog: each Qt source text the program can show is listed here with N_() so
Babel extracts it and the Thai catalog translates it. Qt keeps its mnemonic ampersands in the
source text ("&Yes"); the Thai keeps one too where Qt shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from complaint_desk.i18n import N_, _

# Source texts, by Qt context, each under the prefix "[Qt] " so they never collide with
# the program's own message ids (Qt's "Close" is ปิด, our action "Close" is ปิดเรื่อง). Only those the program shows are listed.
QT_SOURCE_TEXTS: dict[str, tuple[str, ...]] = {
    "QPlatformTheme": (
        N_("[Qt] OK"), N_("[Qt] Save"), N_("[Qt] Save All"), N_("[Qt] Open"), N_("[Qt] &Yes"), N_("[Qt] Yes to &All"),
        N_("[Qt] &No"), N_("[Qt] N&o to All"), N_("[Qt] Abort"), N_("[Qt] Retry"), N_("[Qt] Ignore"), N_("[Qt] Close"),
        N_("[Qt] Cancel"), N_("[Qt] Discard"), N_("[Qt] Help"), N_("[Qt] Apply"), N_("[Qt] Reset"),
        N_("[Qt] Restore Defaults"), N_("[Qt] Don't Save"), N_("[Qt] Close without Saving"),
    ),
    "QMessageBox": (N_("[Qt] Show Details..."), N_("[Qt] Hide Details..."), N_("[Qt] OK")),
    "QWidgetTextControl": (
        N_("[Qt] &Undo"), N_("[Qt] &Redo"), N_("[Qt] Cu&t"), N_("[Qt] &Copy"), N_("[Qt] &Paste"), N_("[Qt] Delete"),
        N_("[Qt] Select All"), N_("[Qt] Copy &Link Location"),
    ),
    "QLineEdit": (
        N_("[Qt] &Undo"), N_("[Qt] &Redo"), N_("[Qt] Cu&t"), N_("[Qt] &Copy"), N_("[Qt] &Paste"), N_("[Qt] Delete"),
        N_("[Qt] Select All"),
    ),
    "QFileDialog": (
        N_("[Qt] Look in:"), N_("[Qt] File &name:"), N_("[Qt] Files of type:"), N_("[Qt] &Open"), N_("[Qt] &Save"),
        N_("[Qt] Open"), N_("[Qt] Save As"), N_("[Qt] Back"), N_("[Qt] Forward"), N_("[Qt] Parent Directory"),
        N_("[Qt] Create New Folder"), N_("[Qt] List View"), N_("[Qt] Detail View"), N_("[Qt] All Files (*)"),
        N_("[Qt] Name"), N_("[Qt] Size"), N_("[Qt] Type"), N_("[Qt] Date Modified"), N_("[Qt] New Folder"),
        N_("[Qt] &Delete"), N_("[Qt] &Rename"), N_("[Qt] Show &hidden files"), N_("[Qt] Directory:"),
        N_("[Qt] Recent Places"), N_("[Qt] My Computer"), N_("[Qt] Computer"),
        N_("[Qt] %1 already exists.\nDo you want to replace it?"),
        N_("[Qt] %1\nFile not found.\nPlease verify the correct file name was given."),
    ),
    "QFileSystemModel": (N_("[Qt] Name"), N_("[Qt] Size"), N_("[Qt] Type"), N_("[Qt] Date Modified"),
                         N_("[Qt] My Computer"), N_("[Qt] Computer")),
    "QDialogButtonBox": (N_("[Qt] OK"), N_("[Qt] Cancel")),
    "QShortcut": (N_("[Qt] Ctrl"), N_("[Qt] Shift"), N_("[Qt] Alt"), N_("[Qt] Enter"), N_("[Qt] Return"), N_("[Qt] Del"),
                  N_("[Qt] Esc")),
    "QPrintDialog": (N_("[Qt] Print"), N_("[Qt] &Print"), N_("[Qt] Printer"), N_("[Qt] Copies"), N_("[Qt] Pages")),
    "QPrintPreviewDialog": (N_("[Qt] Print Preview"), N_("[Qt] Print"), N_("[Qt] Page Setup"), N_("[Qt] Close")),
}

PREFIX = "[Qt] "
_KNOWN = {(context, text.removeprefix(PREFIX)) for context, texts in QT_SOURCE_TEXTS.items()
          for text in texts}


class QtCatalogTranslator(QTranslator):
    """Answers Qt's translation lookups from the program's catalog (current language)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        if (context, source) in _KNOWN:
            key = PREFIX + source
            found = _(key)
            if found != key:
                return found
        # None (a null QString) tells Qt to keep its own text; "" would replace it with nothing
        return None

    def isEmpty(self) -> bool:
        return False
