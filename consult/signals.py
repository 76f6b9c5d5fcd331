"""Signals for reactions that cross domains. Each names its sender and keyword arguments."""

from blinker import Namespace

_signals = Namespace()

#: Sent with the user as sender when they download their data; receivers return
#: ``(section_name, json_serializable)`` to add their domain's part of the export.
personal_data_requested = _signals.signal("personal-data-requested")

#: Sent with the user as sender inside the deletion transaction, before the account is
#: anonymized; receivers scrub what their domain keeps about the person (only flush).
account_deleting = _signals.signal("account-deleting")
