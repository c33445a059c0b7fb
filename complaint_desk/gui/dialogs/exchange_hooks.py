"""The main window's exchange menu items (gui/menus.py names them): each opens its dialog over
the window's database and signed-in user. ``install_exchange_hooks(window)`` adds them to
``window.hooks``; features.install_features calls it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from complaint_desk.gui.main_window import MainWindow


def export_package(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.package_export_dialog import PackageExportDialog
    from complaint_desk.gui.features import open_dialog
    from complaint_desk.services.exchange_service import PackageExchange

    open_dialog(window, PackageExportDialog(PackageExchange(window.db, window.actor), window))


def import_package(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.package_import_dialog import PackageImportDialog
    from complaint_desk.gui.features import open_dialog
    from complaint_desk.services.exchange_service import PackageExchange

    open_dialog(window, PackageImportDialog(PackageExchange(window.db, window.actor), window))
    window.model.refresh()  # the imported cases appear in the list
    window.refresh_counts()


def export_xlsx(window: MainWindow) -> None:
    """The list as the window shows it: its queue, filters, search text and drill-down."""
    from complaint_desk.gui.dialogs.list_export_dialog import ListExportDialog
    from complaint_desk.gui.features import open_dialog
    from complaint_desk.services.exchange_service import SpreadsheetExchange

    dialog = ListExportDialog(SpreadsheetExchange(window.db, window.actor, window.clock),
                              window.model.case_filter, window)
    open_dialog(window, dialog)


def import_register(window: MainWindow) -> None:
    from complaint_desk.gui.dialogs.register_import_dialog import RegisterImportDialog
    from complaint_desk.gui.features import open_dialog
    from complaint_desk.services.exchange_service import SpreadsheetExchange

    open_dialog(window, RegisterImportDialog(
        SpreadsheetExchange(window.db, window.actor, window.clock), window))
    window.model.refresh()
    window.refresh_counts()


def install_exchange_hooks(window: Any) -> None:
    window.hooks.update({"export_package": export_package, "import_package": import_package,
                         "export_xlsx": export_xlsx, "import_register": import_register})
