from .accounts import ResidentRegistrationForm

__all__ = ["ResidentRegistrationForm"]
