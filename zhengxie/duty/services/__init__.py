"""Every write of the duty app. Other apps use credit_duty / revoke_duty only."""

from .ledger import credit_duty, revoke_duty

__all__ = ["credit_duty", "revoke_duty"]
