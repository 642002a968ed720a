"""The Ledger area: the entries table with filters and totals, the per-case money panel.

Wiring (for the main window and the case workspace):

- ``LedgerView(parent)``: the Ledger page. It refreshes itself when a write touches
  the ledger (``ui.operations.change_bus``); ``entry_reversed(case_id)`` follows a
  reversal posted from it.
- ``CaseMoneyPanel(case_id, parent)``: put it in the case workspace. Its postings and
  reversals go through ``write_op`` (the change bus tells every area); it also emits
  ``changed`` after each one. ``set_case(case_id)`` switches it to another case.
"""

from returnsdesk.ui.ledger.model import LedgerTableModel
from returnsdesk.ui.ledger.money_panel import CaseMoneyPanel
from returnsdesk.ui.ledger.view import LedgerView

__all__ = ["CaseMoneyPanel", "LedgerTableModel", "LedgerView"]
