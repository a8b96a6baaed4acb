from .employers import Employer, EmployerState
from .jobs import Job, JobCategory, JobReport, JobState, PayUnit, ReportState
from .seekers import Application, ApplicationState, Invitation, Resume

__all__ = [
    "Application",
    "ApplicationState",
    "Employer",
    "EmployerState",
    "Invitation",
    "Job",
    "JobCategory",
    "JobReport",
    "JobState",
    "PayUnit",
    "ReportState",
    "Resume",
]
