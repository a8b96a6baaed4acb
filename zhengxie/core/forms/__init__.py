from .accounts import NewPasswordChangeForm, ResidentRegistrationForm

__all__ = ["NewPasswordChangeForm", "ResidentRegistrationForm"]
