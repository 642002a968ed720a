"""The Ledger area: the entries table with filters and totals, the per-case money panel.

Wiring (for the main window and the case workspace):

- ``LedgerView(parent)``: the Ledger page. It refreshes itself when a write touches
  what it shows (``ui.operations.change_bus``).
- ``CaseMoneyPanel(case_id, parent)``: put it in the case workspace. Its postings and
  reversals go through ``write_op`` (the change bus tells every area, this panel
  included). ``set_case(case_id)`` switches it to another case.
"""

from returnsdesk.ui.ledger.model import LedgerTableModel
from returnsdesk.ui.ledger.money_panel import CaseMoneyPanel
from returnsdesk.ui.ledger.view import LedgerView

__all__ = ["CaseMoneyPanel", "LedgerTableModel", "LedgerView"]
