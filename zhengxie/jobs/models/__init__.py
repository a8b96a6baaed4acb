from .employers import Employer, EmployerState
from .jobs import Job, JobCategory, JobReport, JobState, PayUnit, ReportState
from .seekers import Application, ApplicationState, Resume

__all__ = [
    "Application",
    "ApplicationState",
    "Employer",
    "EmployerState",
    "Job",
    "JobCategory",
    "JobReport",
    "JobState",
    "PayUnit",
    "ReportState",
    "Resume",
]
