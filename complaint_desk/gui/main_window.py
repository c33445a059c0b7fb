"""The main window: composes the queues, the filter bar, the case list and the detail pane,
and opens the step dialogs. What a user may do is decided by the workflow (buttons enabled
from ``allowed_actions``) and checked again by the services.

The menus are built in menus.py; the features behind them plug in through ``hooks``
(features.py installs them): a menu item calls ``run_hook(name)``; until a hook is installed
it says so politely. The dashboard is the second tab; its drill-down filters the case list.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelection, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.calendar import WorkingCalendar
from complaint_desk.domain.case_list import CaseFilter, Queue
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import DomainError
from complaint_desk.domain.workflow import Action
from complaint_desk.gui.labels import CategoryNames, role_text
from complaint_desk.gui.menus import HOOKS, build_menus, may_record, may_use
from complaint_desk.gui.models.complaint_table_model import (
    COLUMNS,
    RECORD_ROLE,
    ComplaintTableModel,
    ServiceCaseSource,
)
from complaint_desk.gui.preferences import app_settings
from complaint_desk.gui.widgets.detail_pane import DetailPane
from complaint_desk.gui.widgets.filter_bar import FilterBar
from complaint_desk.gui.widgets.queue_panel import QueuePanel
from complaint_desk.i18n import _, error_text
from complaint_desk.services import attachments as attachment_service
from complaint_desk.services import case_list
from complaint_desk.store.database import Database
from complaint_desk.store.unit_of_work import UnitOfWork

if TYPE_CHECKING:  # imported when first opened, not at start (the dashboard loads QtCharts)
    from complaint_desk.gui.dashboard.dashboard_widget import DashboardWidget
    from complaint_desk.gui.dialogs.intake_dialog import IntakeDialog
    from complaint_desk.gui.dialogs.steps import StepDialog

ROW_HEIGHT = 28
CASES_TAB, DASHBOARD_TAB = 0, 1


def step_dialogs() -> dict[Action, type[StepDialog]]:
    """The dialog of each step, imported when a step is first opened rather than at start."""
    from complaint_desk.gui.dialogs import steps
    from complaint_desk.gui.dialogs.assign_level_dialog import AssignLevelDialog

    return {
        Action.ACKNOWLEDGE: steps.AcknowledgeDialog, Action.ASSESS: steps.AssessDialog,
        Action.ASSIGN_LEVEL: AssignLevelDialog, Action.ADD_NOTE: steps.NoteDialog,
        Action.RESPOND: steps.RespondDialog, Action.CLOSE: steps.CloseDialog,
        Action.START_REVIEW: steps.StartReviewDialog, Action.WITHDRAW: steps.WithdrawDialog,
    }


class MainWindow(QMainWindow):
    language_changed = Signal(str)
    case_changed = Signal(str)  # a reference, after any step saved
    step_saved = Signal(object, str)  # the Action and the reference, after a step dialog saved

    def __init__(self, db: Database, actor: Actor, *, attachment_root: Path,
                 clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.clock = db, actor, clock
        self.attachment_root = attachment_root
        self.hooks: dict[str, Callable[[MainWindow], None]] = {}
        self.dashboard: DashboardWidget | None = None  # made when first shown (it computes)
        self.refdata = case_list.reference_data(db)
        self.categories = CategoryNames(self.refdata.categories)
        with UnitOfWork(db, write=False) as uow:
            calendar: WorkingCalendar = uow.calendar()
        self.model = ComplaintTableModel(ServiceCaseSource(db, actor, self.today), calendar,
                                         self.categories, self.today, self)
        self._build()
        self._restore_state()
        self.queues.select(Queue.MY_WORK)
        self.refresh_counts()

    def today(self) -> date:
        return self.clock().date()

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(_("Complaint Desk") + f" · {self.actor.display_name} "
                            f"({role_text(self.actor.role)})")
        self.queues = QueuePanel(self)
        self.filters = FilterBar(self.categories, self.refdata.offices, self.refdata.units, self)
        self.table = QTableView(self)
        self.table.setObjectName("cases")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.column_menu().exec(header.mapToGlobal(pos)))
        for column, spec in enumerate(COLUMNS):
            self.table.setColumnWidth(column, spec.width)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder)
        self.detail = DetailPane(self.categories, self)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.filters)
        centre_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.queues)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([210, 900, 520])
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.addTab(self.splitter, _("Case list"))
        self.tabs.addTab(QWidget(self), _("Dashboard"))
        self.tabs.setTabVisible(DASHBOARD_TAB, may_use(self.actor.role, "dashboard"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self.menu_actions = build_menus(self)
        self.new_action.setEnabled(may_record(self.actor.role))
        self.queues.queue_selected.connect(self.show_queue)
        self.filters.changed.connect(self._filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self.open_case)
        self.model.modelReset.connect(self._model_reset)
        self.detail.action_requested.connect(self.run_action)
        self.detail.attach_requested.connect(self.add_attachment)
        self.detail.attachment_opened.connect(self.open_attachment)
        self.detail.reveal_requested.connect(lambda: self.run_hook("reveal"))
        QWidget.setTabOrder(self.queues.list, self.filters.search)
        QWidget.setTabOrder(self.filters.search, self.table)
        self.resize(1500, 860)

    def column_menu(self) -> QMenu:
        """The column chooser: every column with a check mark (header's context menu too)."""
        menu = QMenu(_("Columns"), self)
        header = self.table.horizontalHeader()
        for column, spec in enumerate(COLUMNS):
            action = menu.addAction(_(spec.title))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != 0)  # the reference always stays
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        return menu

    # --- list, queues, selection ---------------------------------------------------------

    def show_queue(self, queue: Queue) -> None:
        self.filters.set_queue_filter(CaseFilter(queue=queue))
        self.model.set_filter(self.model.case_filter.with_queue(queue))

    def _filter_changed(self, case_filter: CaseFilter) -> None:
        self.model.set_filter(case_filter.with_queue(self.queues.current()))

    def refresh_counts(self) -> None:
        try:
            self.queues.set_counts(case_list.queue_counts(self.db, self.actor, self.today()))
        except DomainError as error:
            self.statusBar().showMessage(error_text(error))

    def refresh(self, keep: str | None = None) -> None:
        """F5: counts, list and the open case read again; the selected case stays selected."""
        keep = keep or self.current_reference()
        self.model.refresh()
        self.refresh_counts()
        if keep:
            self.select_reference(keep)

    def _model_reset(self) -> None:
        self.statusBar().showMessage(self.model.count_text())
        self.detail.show_nothing()

    def current_reference(self) -> str | None:
        index = self.table.currentIndex()
        record = self.model.data(index, RECORD_ROLE) if index.isValid() else None
        return record.reference if record is not None else None

    def select_reference(self, reference: str) -> None:
        row = self.model.row_of(reference)
        if row is None:
            self.show_case(reference)  # not in this list any more: still show it
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        record = self.model.data(indexes[0], RECORD_ROLE)
        if record is not None:
            self.show_case(record.reference)

    def show_case(self, reference: str) -> None:
        try:
            detail = case_list.case_detail(self.db, self.actor, reference, masked=True)
        except DomainError as error:
            self.statusBar().showMessage(error_text(error))
            return
        self.detail.show_case(detail, self.actor.role)

    def open_case(self, index: QModelIndex) -> None:
        """Enter or double-click: show the case and move to its first possible step."""
        record = self.model.data(index, RECORD_ROLE)
        if record is None:
            return
        self.show_case(record.reference)
        sizes = self.splitter.sizes()
        if sizes[2] < 200:
            self.splitter.setSizes([sizes[0], max(400, sizes[1] - 400), 400])
        enabled = [b for b in self.detail.buttons.values() if b.isEnabled()]
        (enabled[0] if enabled else self.detail.fields).setFocus()

    # --- doing the work ------------------------------------------------------------------

    def step_dialog(self, action: Action) -> StepDialog | None:
        """The dialog for a step on the shown case (read fresh, so its version is current)."""
        if self.detail.complaint is None:
            return None
        reference = self.detail.complaint.reference
        complaint = case_list.case_detail(self.db, self.actor, reference).complaint
        kind = step_dialogs()[action]
        extra: dict[str, object] = {}
        if action is Action.ASSESS:
            extra = {"categories": self.categories}
        elif action is Action.ASSIGN_LEVEL:
            extra = {"levels": self.refdata.levels, "units": self.refdata.units}
        return kind(self.db, self.actor, complaint, clock=self.clock, parent=self, **extra)

    def run_action(self, action: Action) -> None:
        if not self.detail.buttons[action].isEnabled():  # the workflow does not allow it
            return
        dialog = self.step_dialog(action)
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self.after_change(dialog.reference or "")
            self.step_saved.emit(action, dialog.reference or "")

    def new_complaint(self) -> None:
        if not may_record(self.actor.role):
            return
        dialog = self.intake_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.reference:
            self.after_change(dialog.reference)

    def intake_dialog(self) -> IntakeDialog:
        from complaint_desk.gui.dialogs.intake_dialog import IntakeDialog

        dialog = IntakeDialog(self.db, self.actor, self.categories,
                              attachment_root=self.attachment_root, clock=self.clock, parent=self)
        dialog.case_link_clicked.connect(self.show_case)
        return dialog

    def after_change(self, reference: str) -> None:
        self.statusBar().showMessage(_("Saved {reference}.").format(reference=reference), 8000)
        self.refresh(keep=reference)
        self.show_case(reference)
        self.case_changed.emit(reference)

    def add_attachment(self, path: Path | None = None) -> None:
        if self.detail.complaint is None:
            return
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(self, _("Add attachment"))
            if not name:
                return
            path = Path(name)
        reference = self.detail.complaint.reference
        try:
            attachment_service.add_attachment(self.db, self.actor, reference, path,
                                              root=self.attachment_root, clock=self.clock)
        except DomainError as error:
            QMessageBox.warning(self, _("Attachments"), error_text(error))
            return
        self.after_change(reference)

    def open_attachment(self, attachment_id: int) -> None:
        """Open a copy under its original name (the store keeps files by hash, no name)."""
        name, stored = attachment_service.attachment_file(self.db, attachment_id,
                                                          root=self.attachment_root)
        folder = Path(tempfile.mkdtemp(prefix="complaint-desk-"))
        copy = folder / Path(name).name
        shutil.copyfile(stored, copy)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    # --- hooks and settings --------------------------------------------------------------

    def request_print(self) -> None:
        self.run_hook("print")

    def run_hook(self, name: str) -> None:
        hook = self.hooks.get(name)
        if hook is None:
            self.statusBar().showMessage(
                _("{feature} is not available in this version yet.").format(
                    feature=_(HOOKS.get(name, name)).rstrip("…")), 8000)
            return
        hook(self)

    # --- the dashboard tab ---------------------------------------------------------------

    def show_cases(self) -> None:
        self.tabs.setCurrentIndex(CASES_TAB)

    def show_dashboard(self) -> None:
        if self.tabs.isTabVisible(DASHBOARD_TAB):
            self.tabs.setCurrentIndex(DASHBOARD_TAB)

    def _tab_changed(self, index: int) -> None:
        if index == DASHBOARD_TAB and self.dashboard is None:
            from complaint_desk.gui.dashboard.dashboard_widget import DashboardWidget

            self.dashboard = DashboardWidget(self.db, today=self.today(), parent=self)
            self.dashboard.filter_requested.connect(self.apply_drilldown)
            placeholder = self.tabs.widget(DASHBOARD_TAB)
            self.tabs.blockSignals(True)
            self.tabs.removeTab(DASHBOARD_TAB)
            self.tabs.insertTab(DASHBOARD_TAB, self.dashboard, _("Dashboard"))
            self.tabs.setCurrentIndex(DASHBOARD_TAB)
            self.tabs.blockSignals(False)
            placeholder.deleteLater()

    def apply_drilldown(self, filters: dict[str, object]) -> None:
        """A chart's bar or point clicked: the list shows exactly the cases it counted, over
        all queues (closed cases included), with the bar's fields filled in."""
        self.show_cases()
        self.queues.select(Queue.ALL)
        self.filters.apply_drilldown(filters)

    # --- remembered state ----------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = app_settings()
        for key, restore in (("main/geometry", self.restoreGeometry),
                             ("main/state", self.restoreState),
                             ("main/splitter", self.splitter.restoreState),
                             ("main/detailSplitter", self.detail.splitter.restoreState),
                             ("main/columns", self.table.horizontalHeader().restoreState)):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)

    def save_state(self) -> None:
        settings = app_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.setValue("main/splitter", self.splitter.saveState())
        settings.setValue("main/detailSplitter", self.detail.splitter.saveState())
        settings.setValue("main/columns", self.table.horizontalHeader().saveState())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
