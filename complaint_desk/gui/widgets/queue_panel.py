"""The work queues on the left, each with its live count; choosing one filters the list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from complaint_desk.domain.case_list import QUEUE_LABELS, Queue
from complaint_desk.i18n import _

QUEUE_ROLE = Qt.ItemDataRole.UserRole + 1
URGENT = (Queue.OVERDUE, Queue.TO_ACKNOWLEDGE)


class QueuePanel(QWidget):
    queue_selected = Signal(object)  # Queue

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName("queues")
        self.list.setAccessibleName(_("Work queues"))
        self.list.setMinimumWidth(190)
        for queue in Queue:
            item = QListWidgetItem(_(QUEUE_LABELS[queue]))
            item.setData(QUEUE_ROLE, queue.value)
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self.list.currentItemChanged.connect(self._changed)
        self._counts: dict[Queue, int] = {}

    def select(self, queue: Queue) -> None:
        self.list.setCurrentRow(list(Queue).index(queue))

    def current(self) -> Queue:
        item = self.list.currentItem()
        return Queue(item.data(QUEUE_ROLE)) if item is not None else Queue.ALL_OPEN

    def set_counts(self, counts: dict[Queue, int]) -> None:
        self._counts = dict(counts)
        for row, queue in enumerate(Queue):
            item = self.list.item(row)
            count = counts.get(queue)
            label = _(QUEUE_LABELS[queue])
            item.setText(f"{label}  ({count:,})" if count is not None else label)
            font = QFont(item.font())
            font.setBold(queue in URGENT and bool(count))
            item.setFont(font)

    def count_of(self, queue: Queue) -> int | None:
        return self._counts.get(queue)

    def _changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.queue_selected.emit(Queue(current.data(QUEUE_ROLE)))
