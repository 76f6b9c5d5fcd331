"""What the processes domain adds to the application: its share of "my data" and of account deletion."""

from consult import signals
from consult.processes import services


def register(app):
    """Connect the processes' receivers of the account signals (called by ``create_app``)."""
    signals.personal_data_requested.connect(services.export_roles)
    signals.account_deleting.connect(services.drop_roles_of_deleted_account)
