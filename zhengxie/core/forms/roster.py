from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.roster import MAX_UPLOAD_BYTES


class RosterUploadForm(forms.Form):
    file = forms.FileField(label=_("名册文件（.xlsx）"))
    dry_run = forms.BooleanField(label=_("仅校验，不写入"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的 Excel 文件。"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件不能超过 5 MB。"))
        return upload
