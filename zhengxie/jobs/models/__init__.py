from .employers import Employer, EmployerState
from .jobs import Job, JobCategory, JobReport, JobState, PayUnit, ReportState
from .seekers import Application, ApplicationState, Invitation, InvitationAnswer, Resume

__all__ = [
    "Application",
    "ApplicationState",
    "Employer",
    "EmployerState",
    "Invitation",
    "InvitationAnswer",
    "Job",
    "JobCategory",
    "JobReport",
    "JobState",
    "PayUnit",
    "ReportState",
    "Resume",
]
