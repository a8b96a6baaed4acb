"""Every write of the duty app. Other apps use credit_duty / revoke_duty only."""

from .ledger import Credit, credit_duty, credit_duty_many, credit_members, revoke_duty

__all__ = ["Credit", "credit_duty", "credit_duty_many", "credit_members", "revoke_duty"]
