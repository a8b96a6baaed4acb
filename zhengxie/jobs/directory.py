"""The job board's dictionary on the 基础数据 pages: job categories (岗位类别), kept by each
committee's office through the generic list and edit pages. Registered from JobsConfig.ready."""

from django.utils.translation import gettext_lazy as _

from zhengxie.core.directory import DirectoryKind, register_directory_kinds
from zhengxie.core.forms.committee_scoped import CommitteeScopedForm
from zhengxie.core.forms.directory import NAMED_FIELDS

from .models import JobCategory


class JobCategoryForm(CommitteeScopedForm):
    class Meta:
        model = JobCategory
        fields = NAMED_FIELDS
        help_texts = {
            "name": _("如普工、销售、餐饮服务；用人单位发布岗位时从中选择"),
            "is_active": _("停用后不再供新岗位选择，已有岗位保留原类别"),
        }


KINDS = [
    DirectoryKind(
        "job-categories",
        _("岗位类别"),
        JobCategory,
        JobCategoryForm,
        ("name", "sort_order", "is_active"),
    ),
]


def register() -> None:
    register_directory_kinds(*KINDS)
